// The generic form of one element: its attributes, its text, and its children by schema slot
// (inline fields for simple children, nested fieldsets for complex ones, lists with add /
// remove / move for repeated ones, "Add" for optional ones, "Use X instead" for choices).
// Hand-made extras (SMS tester, Wi-Fi security presets, notes) hang off specific elements (extras/).
import { useState, type ReactNode } from 'react';
import { childElements, textContent, type XmlElementNode } from '../../../shared/common/xml/model';
import {
  attributeValue,
  childrenInSlot,
  elementForm,
  fieldKey,
  fieldValue,
  formFor,
  unslottedChildren,
  type ChildSlot,
  type ElementFormSpec,
} from '../../../shared/common/forms/form-model';
import { NS, WILDCARD_EXTENSIONS } from '../../../shared/common/forms/declarations';
import type { SectionStep } from '../../../shared/common/forms/sections';
import { ssidByteLength, ssidNameToHex } from '../../../shared/common/forms/widgets';
import type { Translate } from '../i18n';
import { Field } from './fields';
import { pathOf } from '../../../shared/common/xml/element-path';
import { additionUnknownTo } from '../../../shared/common/windows/targets';
import { useForm } from './form-context';
import { ElementExtras } from './extras/index';
import { Icon } from '../components/Icon';

function slotLabel(slot: ChildSlot, t: Translate): string {
  return slot.labelKey ? t(slot.labelKey) : slot.label;
}

export function specLabel(spec: ElementFormSpec, t: Translate): string {
  return spec.labelKey ? t(spec.labelKey) : spec.label;
}

function specHelp(spec: ElementFormSpec, t: Translate): string | undefined {
  return spec.helpKey ? t(spec.helpKey) : spec.help;
}

function max(slot: ChildSlot): number {
  return slot.maxOccurs === 'unbounded' ? Number.POSITIVE_INFINITY : slot.maxOccurs;
}

export interface ElementEditorProps {
  element: XmlElementNode;
  /** Show only these children (MBNProfiles is shared by three pages). */
  onlyChildren?: readonly SectionStep[];
  /** Buttons from the parent list (remove, move). */
  toolbar?: ReactNode;
  heading?: 'h3' | 'h4';
}

export function ElementEditor({ element, onlyChildren, toolbar }: ElementEditorProps) {
  const form = useForm();
  const { t, schema, readOnly, problems } = form;
  const spec = formFor(schema, element);
  const path = pathOf(element);
  const key = fieldKey(path);
  const own = problems.get(key) ?? [];
  const selected = form.selectedKey === key;
  const label = spec ? specLabel(spec, t) : element.localName;

  if (!spec) {
    return (
      <fieldset className="form-element form-unknown" data-field-key={key}>
        <legend>{element.name}</legend>
        <button type="button" className="form-link" onClick={() => form.reveal(element)}>
          {t('forms.showInXml')}
        </button>
      </fieldset>
    );
  }

  const slots = spec.children.filter((slot) => !onlyChildren || onlyChildren.some((step) => step.localName === slot.localName && step.namespace === slot.namespace));
  const others = onlyChildren ? [] : unslottedChildren(element, spec);
  const help = specHelp(spec, t);

  return (
    <fieldset
      className={`form-element${selected ? ' form-selected' : ''}`}
      data-field-key={key}
      data-testid={`form-element-${element.localName}`}
      onFocus={(event) => {
        event.stopPropagation();
        if (form.selectedKey !== key) form.select(path);
      }}
    >
      <legend>
        <span className="form-legend-text">{label}</span>
        {toolbar}
        <button type="button" className="form-link" onClick={() => form.reveal(element)}>
          {t('forms.showInXml')}
        </button>
      </legend>
      {help && <p className="form-help">{help}</p>}
      {own.length > 0 && (
        <ul className="form-problems" aria-live="polite">
          {own.map((diagnostic, index) => (
            <li key={index} className={`form-problem form-problem-${diagnostic.severity}`} data-testid="field-problem">
              {diagnostic.code}: {t(diagnostic.messageKey, diagnostic.params)}
            </li>
          ))}
        </ul>
      )}
      <ElementExtras element={element} />
      {spec.attributes.map((field) => (
        <Field
          key={field.id}
          spec={field}
          value={attributeValue(element, field.name)}
          fieldKey={fieldKey(path, field.id)}
          diagnostics={problems.get(fieldKey(path, field.id)) ?? []}
          readOnly={readOnly || field.fixed !== undefined}
          t={t}
          planNames={form.planNames}
          onCommit={(value) => form.apply([{ kind: 'setAttribute', path, name: field.name, value: value === null && field.required ? '' : value }])}
        />
      ))}
      {spec.text && childElements(element).length === 0 && (
        <Field
          spec={spec.text}
          value={fieldValue(element, spec.text)}
          fieldKey={fieldKey(path, '#text')}
          diagnostics={problems.get(fieldKey(path, '#text')) ?? []}
          readOnly={readOnly}
          t={t}
          planNames={form.planNames}
          onCommit={(value) => form.apply([{ kind: 'setText', path, value: value ?? '' }])}
        />
      )}
      {spec.opaque && <p className="form-note">{t('forms.opaque')}</p>}
      {slots.map((slot) => (
        <Slot key={slot.element} element={element} slot={slot} siblings={slots} />
      ))}
      {spec.wildcard ? (
        <OpenSlotContent element={element} others={others} />
      ) : (
        others.length > 0 && <p className="form-note">{t('forms.otherContent', { names: others.map((child) => child.name).join(', ') })}</p>
      )}
    </fieldset>
  );
}

/**
 * What sits in an open (xs:any) slot: elements the schema knows get their own form (with Remove);
 * the extension blocks documented for this place can be added; anything else is only named.
 */
function OpenSlotContent({ element, others }: { element: XmlElementNode; others: XmlElementNode[] }) {
  const form = useForm();
  const { t, schema, readOnly } = form;
  const known = others.filter((child) => formFor(schema, child) !== null);
  const unknown = others.filter((child) => formFor(schema, child) === null);
  const offered = (WILDCARD_EXTENSIONS[`{${element.namespaceUri}}${element.localName}`] ?? []).filter(
    (extension) => !others.some((child) => child.localName === extension.localName && child.namespaceUri === extension.namespace),
  );
  return (
    <>
      {known.map((child) => (
        <ElementEditor
          key={pathOf(child).join('/')}
          element={child}
          toolbar={
            !readOnly && (
              <button type="button" className="danger" aria-label={t('forms.remove', { name: specLabel(formFor(schema, child)!, t) })} onClick={() => form.apply([{ kind: 'remove', path: pathOf(child) }])}>
                <Icon name="close" />
              </button>
            )
          }
        />
      ))}
      {unknown.length > 0 && <p className="form-note">{t('forms.otherContent', { names: unknown.map((child) => child.name).join(', ') })}</p>}
      {!readOnly &&
        offered.map((extension) => {
          const spec = elementForm(schema, `{${extension.namespace}}${extension.localName}`);
          const label = spec ? specLabel(spec, t) : extension.localName;
          return (
            <button
              key={extension.localName}
              type="button"
              className="form-add"
              onClick={() => form.apply([{ kind: 'addChild', path: pathOf(element), namespace: extension.namespace, localName: extension.localName }])}
            >
              {t('forms.add', { name: label })}
            </button>
          );
        })}
    </>
  );
}

/**
 * Repeated children shown a page at a time: a file with thousands of Wi-Fi profiles would otherwise
 * render (and re-render on every change) thousands of forms. The page holding the element the
 * form selects or focuses is shown; otherwise the page the user chose.
 */
export const FORM_PAGE_SIZE = 50;

/** Which of `present` holds the element at `key` (a fieldKey: child-element indexes from the root), or -1. */
function indexHolding(element: XmlElementNode, present: readonly XmlElementNode[], key: string | null): number {
  if (key === null) return -1;
  const elementPath = pathOf(element);
  const pathPart = key.split('|')[0]!;
  const steps = pathPart === '' ? [] : pathPart.split('.').map(Number);
  if (steps.length <= elementPath.length || elementPath.some((step, index) => steps[index] !== step)) return -1;
  const child = childElements(element)[steps[elementPath.length]!];
  return child ? present.indexOf(child) : -1;
}

/** The first index of the page shown, following the selection when it moves into another page. */
function usePageStart(element: XmlElementNode, present: readonly XmlElementNode[], revealKey: string | null): [number, (start: number) => void] {
  const [shown, setShown] = useState<{ start: number; forKey: string | null }>({ start: 0, forKey: null });
  let start = shown.start;
  if (present.length > FORM_PAGE_SIZE && revealKey !== shown.forKey) {
    // Derived during render (not in an effect), so a field focused on another page is in the DOM
    // when the form looks for it.
    const wanted = indexHolding(element, present, revealKey);
    if (wanted >= 0) start = wanted - (wanted % FORM_PAGE_SIZE);
    setShown({ start, forKey: revealKey });
  }
  start = Math.min(start, Math.max(0, present.length - 1 - ((present.length - 1) % FORM_PAGE_SIZE)));
  return [start, (next) => setShown({ start: next, forKey: revealKey })];
}

function Pager({ start, count, onStart }: { start: number; count: number; onStart(start: number): void }) {
  const { t } = useForm();
  const end = Math.min(count, start + FORM_PAGE_SIZE);
  return (
    <div className="form-pager" role="group" aria-label={t('forms.pager.label')}>
      <button type="button" disabled={start === 0} onClick={() => onStart(Math.max(0, start - FORM_PAGE_SIZE))}>
        {t('forms.pager.previous', { count: FORM_PAGE_SIZE })}
      </button>
      <span className="form-pager-range" aria-live="polite">
        {t('forms.pager.range', { from: start + 1, to: end, count })}
      </span>
      <button type="button" disabled={end >= count} onClick={() => onStart(start + FORM_PAGE_SIZE)}>
        {t('forms.pager.next', { count: Math.min(FORM_PAGE_SIZE, count - end) || FORM_PAGE_SIZE })}
      </button>
    </div>
  );
}

function Slot({ element, slot, siblings }: { element: XmlElementNode; slot: ChildSlot; siblings: ChildSlot[] }) {
  const form = useForm();
  const { t, readOnly, problems } = form;
  const path = pathOf(element);
  const present = childrenInSlot(element, slot);
  const [pageStart, setPageStart] = usePageStart(element, present, form.revealKey);
  // An element a later Windows version added (Hotspot2) is offered only from that target on; one
  // already in the file stays editable, and lint PS-L031 says which version it needs.
  const addition = additionUnknownTo(form.target, slot.namespace, slot.localName);
  if (addition && present.length === 0) return null;
  const label = slotLabel(slot, t);
  const canAdd = !readOnly && present.length < max(slot);
  const choiceSiblings = slot.choice === undefined ? [] : siblings.filter((other) => other.choice === slot.choice && other !== slot);
  const rival = choiceSiblings.flatMap((other) => childrenInSlot(element, other))[0];
  const single = max(slot) === 1;

  if (slot.inline && single) {
    const child = present[0];
    const childPath = child ? pathOf(child) : null;
    if (rival && !child) return <SwitchButton rival={rival} slot={slot} label={label} />;
    const diagnostics = childPath ? [...(problems.get(fieldKey(childPath, '#text')) ?? []), ...(problems.get(fieldKey(childPath)) ?? [])] : [];
    return (
      <Field
        spec={slot.inline}
        value={child ? textContent(child) : undefined}
        fieldKey={childPath ? fieldKey(childPath, '#text') : `${fieldKey(path)}/${slot.localName}`}
        diagnostics={diagnostics}
        readOnly={readOnly}
        t={t}
        planNames={form.planNames}
        onCommit={(value) =>
          form.apply([{ kind: 'setChildText', path, namespace: slot.namespace, localName: slot.localName, value: value ?? '', removeWhenEmpty: slot.minOccurs === 0 }])
        }
      >
        {slot.localName === 'name' && (slot.namespace === NS.wlan || slot.namespace === NS.wlan2 || slot.namespace === NS.hs) && element.localName !== 'WLANProfile' && child && (
          <p className={ssidByteLength(textContent(child)) > 32 ? 'form-warning' : 'form-note'}>
            {t('forms.ssid.bytes', { count: ssidByteLength(textContent(child)) })} {t('forms.ssid.hex', { hex: ssidNameToHex(textContent(child)) })}
          </p>
        )}
      </Field>
    );
  }

  const toolbarFor = (child: XmlElementNode, index: number) => {
    const childPath = pathOf(child);
    const name = `${label} ${present.length > 1 ? index + 1 : ''}`.trim();
    if (readOnly) return null;
    return (
      <span className="form-toolbar">
        {!single && index > 0 && (
          <button type="button" aria-label={t('forms.moveUp', { name })} onClick={() => form.apply([{ kind: 'moveUp', path: childPath }])}>
            <Icon name="arrow-up" />
          </button>
        )}
        {!single && index < present.length - 1 && (
          <button type="button" aria-label={t('forms.moveDown', { name })} onClick={() => form.apply([{ kind: 'moveDown', path: childPath }])}>
            <Icon name="arrow-down" />
          </button>
        )}
        {(present.length > slot.minOccurs || slot.choice !== undefined) && (
          <button type="button" className="danger" aria-label={t('forms.remove', { name })} onClick={() => form.apply([{ kind: 'remove', path: childPath }])}>
            <Icon name="close" />
          </button>
        )}
      </span>
    );
  };

  const paged = present.length > FORM_PAGE_SIZE;
  const shown = paged ? present.slice(pageStart, pageStart + FORM_PAGE_SIZE) : present;
  return (
    <div className="form-slot" data-slot={slot.localName}>
      {paged && <Pager start={pageStart} count={present.length} onStart={setPageStart} />}
      {slot.inline
        ? shown.map((child, shownIndex) => {
            const index = pageStart + shownIndex;
            return (
            <Field
              key={child.start}
              spec={{ ...slot.inline!, label: `${slot.inline!.label} ${index + 1}` }}
              value={textContent(child)}
              fieldKey={fieldKey(pathOf(child), '#text')}
              diagnostics={problems.get(fieldKey(pathOf(child), '#text')) ?? []}
              readOnly={readOnly}
              t={t}
              planNames={form.planNames}
              onCommit={(value) => form.apply(value === null ? [{ kind: 'remove', path: pathOf(child) }] : [{ kind: 'setText', path: pathOf(child), value }])}
            >
              {toolbarFor(child, index)}
            </Field>
            );
          })
        : shown.map((child, shownIndex) => <ElementEditor key={child.start} element={child} toolbar={toolbarFor(child, pageStart + shownIndex)} />)}
      {paged && <Pager start={pageStart} count={present.length} onStart={setPageStart} />}
      {rival && present.length === 0 && single ? (
        <SwitchButton rival={rival} slot={slot} label={label} />
      ) : (
        canAdd &&
        !(rival && single) && (
          <button type="button" className="form-add" onClick={() => form.apply([{ kind: 'addChild', path, namespace: slot.namespace, localName: slot.localName }])}>
            {t('forms.add', { name: label })}
            {slot.minOccurs > present.length && <span className="form-required"> *</span>}
          </button>
        )
      )}
      {!single && present.length > 0 && <span className="form-limits">{slot.maxOccurs === 'unbounded' ? t('forms.countUnbounded', { count: present.length }) : t('forms.count', { count: present.length, max: slot.maxOccurs })}</span>}
    </div>
  );
}

function SwitchButton({ rival, slot, label }: { rival: XmlElementNode; slot: ChildSlot; label: string }) {
  const form = useForm();
  if (form.readOnly) return null;
  return (
    <button type="button" className="form-add" onClick={() => form.apply([{ kind: 'replaceChild', path: pathOf(rival), namespace: slot.namespace, localName: slot.localName }])}>
      {form.t('forms.switchTo', { name: label })}
    </button>
  );
}

