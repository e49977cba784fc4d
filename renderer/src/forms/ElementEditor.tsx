// The generic form of one element: its attributes, its text, and its children by schema slot
// (inline fields for simple children, nested fieldsets for complex ones, lists with add /
// remove / move for repeated ones, "Add" for optional ones, "Use X instead" for choices).
// Hand-made extras (SMS tester, Wi-Fi security presets, notes) hang off specific elements.
import { createContext, useContext, type ReactNode } from 'react';
import type { SchemaModel } from '../../../shared/common/schema-model/types';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import { childElements, textContent, type XmlDocumentNode, type XmlElementNode } from '../../../shared/common/xml/model';
import {
  attributeValue,
  childrenInSlot,
  elementForm,
  fieldKey,
  fieldValue,
  formFor,
  pathOf,
  unslottedChildren,
  type ChildSlot,
  type ElementFormSpec,
  type FormChange,
} from '../../../shared/common/forms/form-model';
import { NS, WILDCARD_EXTENSIONS } from '../../../shared/common/forms/declarations';
import type { SectionStep } from '../../../shared/common/forms/sections';
import { ssidByteLength, ssidNameToHex } from '../../../shared/common/forms/widgets';
import type { Translate } from '../i18n';
import { Field } from './fields';
import { additionUnknownTo, type WindowsTarget } from '../../../shared/common/schema/targets';
import { OPENROAMING_OI, hasOpenRoaming, openRoamingChanges } from '../../../shared/common/forms/passpoint';
import { SmsTester } from './SmsTester';
import { EapSettingsEditor } from './EapSettingsEditor';

export interface FormContextValue {
  schema: SchemaModel;
  document: XmlDocumentNode;
  readOnly: boolean;
  t: Translate;
  problems: Map<string, Diagnostic[]>;
  planNames: string[];
  selectedKey: string | null;
  apply(changes: FormChange[]): void;
  reveal(element: XmlElementNode): void;
  select(path: number[]): void;
  /** Lists a certificate from a file in TrustedCertificates (when the host can read certificate files). */
  trustCertificate?(): void;
  /** Lists a certificate picked from a key store (by identity and thumbprint) in TrustedCertificates. */
  trustCertificateFromStore?(): void;
  /** Replaces text[start, end) as one undoable edit. */
  replaceText(start: number, end: number, text: string): void;
  /** The Windows version the document is written for: elements it does not know are not offered. */
  target: WindowsTarget;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('FormContext missing');
  return value;
}

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
                ✕
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

function Slot({ element, slot, siblings }: { element: XmlElementNode; slot: ChildSlot; siblings: ChildSlot[] }) {
  const form = useForm();
  const { t, readOnly, problems } = form;
  const path = pathOf(element);
  const present = childrenInSlot(element, slot);
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
            ↑
          </button>
        )}
        {!single && index < present.length - 1 && (
          <button type="button" aria-label={t('forms.moveDown', { name })} onClick={() => form.apply([{ kind: 'moveDown', path: childPath }])}>
            ↓
          </button>
        )}
        {(present.length > slot.minOccurs || slot.choice !== undefined) && (
          <button type="button" className="danger" aria-label={t('forms.remove', { name })} onClick={() => form.apply([{ kind: 'remove', path: childPath }])}>
            ✕
          </button>
        )}
      </span>
    );
  };

  return (
    <div className="form-slot" data-slot={slot.localName}>
      {slot.inline
        ? present.map((child, index) => (
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
          ))
        : present.map((child, index) => <ElementEditor key={child.start} element={child} toolbar={toolbarFor(child, index)} />)}
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

/** One click adds OpenRoaming's roaming consortium OI (and RoamingConsortium when missing). */
function OpenRoamingPreset({ hotspot2 }: { hotspot2: XmlElementNode }) {
  const form = useForm();
  if (hasOpenRoaming(hotspot2)) return <p className="form-note">{form.t('forms.hotspot2.openRoamingPresent', { oi: OPENROAMING_OI })}</p>;
  if (form.readOnly) return null;
  return (
    <div className="form-actions">
      <button type="button" className="form-add" data-testid="form-openroaming" onClick={() => form.apply(openRoamingChanges(hotspot2))}>
        {form.t('forms.hotspot2.openRoaming', { oi: OPENROAMING_OI })}
      </button>
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

// ---------------------------------------------------------------------------------------------
// Hand-made extras on specific elements

function ElementExtras({ element }: { element: XmlElementNode }) {
  const form = useForm();
  const { t } = form;
  if (element.namespaceUri === NS.wwan && element.localName === 'Message') return <SmsTester element={element} />;
  if (element.namespaceUri === NS.wwan && element.localName === 'Branding') return <p className="form-warning">{t('forms.branding.note')}</p>;
  if (element.namespaceUri === NS.wlan && element.localName === 'SSIDConfig') return <p className="form-note">{t('forms.ssid.v1')}</p>;
  if (element.namespaceUri === NS.wlan && element.localName === 'WLANProfile') return <WlanSecurityPreset profile={element} />;
  if (element.namespaceUri === NS.onex && element.localName === 'OneX') return <EapSettingsEditor oneX={element} />;
  if (element.namespaceUri === NS.wlan && element.localName === 'Hotspot2') return <OpenRoamingPreset hotspot2={element} />;
  if (element.namespaceUri === NS.cc && element.localName === 'Provisioning' && !form.readOnly) {
    return (
      <div className="form-actions">
        {form.trustCertificate && (
          <button type="button" className="form-add" onClick={form.trustCertificate} data-testid="form-trust-certificate">
            {t('signature.trustFromFile')}
          </button>
        )}
        {form.trustCertificateFromStore && (
          <button type="button" className="form-add" onClick={form.trustCertificateFromStore} data-testid="form-trust-from-store">
            {t('forms.trustFromStore')}
          </button>
        )}
      </div>
    );
  }
  return null;
}

type Preset = 'open' | 'wpa2psk' | 'wpa2enterprise' | 'custom';

function findChild(element: XmlElementNode | undefined, localName: string): XmlElementNode | undefined {
  return element ? childElements(element).find((child) => child.localName === localName) : undefined;
}

/** Open / WPA2-Personal / WPA2-Enterprise in one choice: sets authentication, encryption, useOneX (and adds sharedKey for PSK). */
function WlanSecurityPreset({ profile }: { profile: XmlElementNode }) {
  const form = useForm();
  const { t } = form;
  const security = findChild(findChild(profile, 'MSM'), 'security');
  const auth = findChild(security, 'authEncryption');
  if (!security || !auth) return null;
  const value = (name: string) => {
    const child = findChild(auth, name);
    return child ? textContent(child) : '';
  };
  const current: Preset =
    value('authentication') === 'open' && value('encryption') === 'none'
      ? 'open'
      : value('authentication') === 'WPA2PSK' && value('encryption') === 'AES'
        ? 'wpa2psk'
        : value('authentication') === 'WPA2' && value('useOneX') === 'true'
          ? 'wpa2enterprise'
          : 'custom';
  const authPath = pathOf(auth);
  const set = (localName: string, text: string): FormChange => ({ kind: 'setChildText', path: authPath, namespace: NS.wlan, localName, value: text, removeWhenEmpty: false });
  const choose = (preset: Preset) => {
    if (preset === 'custom') return;
    const changes: FormChange[] = [];
    if (preset === 'open') changes.push(set('authentication', 'open'), set('encryption', 'none'), set('useOneX', 'false'));
    if (preset === 'wpa2psk') {
      changes.push(set('authentication', 'WPA2PSK'), set('encryption', 'AES'), set('useOneX', 'false'));
      if (!findChild(security, 'sharedKey')) changes.push({ kind: 'addChild', path: pathOf(security), namespace: NS.wlan, localName: 'sharedKey' });
    }
    if (preset === 'wpa2enterprise') changes.push(set('authentication', 'WPA2'), set('encryption', 'AES'), set('useOneX', 'true'));
    form.apply(changes);
  };
  return (
    <div className="form-field">
      <label className="form-label">
        {t('forms.wlan.security')}
        <select value={current} disabled={form.readOnly} onChange={(event) => choose(event.target.value as Preset)} data-testid="wlan-security-preset">
          <option value="open">{t('forms.wlan.open')}</option>
          <option value="wpa2psk">{t('forms.wlan.wpa2psk')}</option>
          <option value="wpa2enterprise">{t('forms.wlan.wpa2enterprise')}</option>
          <option value="custom" disabled>
            {t('forms.wlan.custom')}
          </option>
        </select>
      </label>
    </div>
  );
}
