// The form view of a provisioning file: section pages built from the schema model plus the
// declarative layer (shared/common/forms). The Monaco model's text is the only source of truth:
// the view re-parses it (debounced) and every change goes through the edit engine as ONE
// minimal edit pushed onto the model's undo stack (editor/model-edits.ts), so Ctrl+Z works
// across the form and the XML view.
//
// Integration (App.tsx): <FormView ref={formRef} model={…} diagnostics={…} selectedPath={…}
//   onSelectPath={…} onRevealText={(range) => editor.revealRangeInCenter(range)} />
// and formRef.current?.focusFieldForRange(diagnostic.range) from a problems-panel click.
import { DEFAULT_TARGET, type WindowsTarget } from '../../../shared/common/windows/targets';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { toMonacoRange, type MonacoRange } from '../../../shared/common/edit/text-edits';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import { childElements, rangeOf, textContent, type XmlDocumentNode, type XmlElementNode } from '../../../shared/common/xml/model';
import type { Range } from '../../../shared/common/xml/positions';
import { parseXml } from '../../../shared/common/xml/parse';
import { addTrustedCertificate } from '../../../shared/common/edit/trusted-certificates';
import { HostError } from '../../../shared/common/ipc';
import { applyEditsAsOneStep, applyEditsInBurst, endBurst, replaceOffsets, replaceTextMinimally } from '../editor/model-edits';
import { announceDeletion } from '../components/UndoToast';
import type { Translate } from '../i18n';
import { diagnosticsByField, fieldKey, formFor, locateOffset } from '../../../shared/common/forms/form-model';
import { applyFormChanges, type FormChange } from '../../../shared/common/edit/form-changes';
import { pathOf, resolvePath } from '../../../shared/common/xml/element-path';
import { NS } from '../../../shared/common/forms/declarations';
import { locateSection, sectionById, sectionOfPath, type SectionId } from '../../../shared/common/forms/sections';
import type { monaco } from '../editor/monaco';
import { isLargeModel, parseModel, sizeInMegabytes } from '../editor/parsed-model';
import { TREE_PARSE_DELAY_MS as FOLLOW_TEXT_DELAY_MS } from '../tree/useDocumentTree';
import { useI18n } from '../i18n';
import { ElementEditor, specLabel } from './ElementEditor';
import { FormContext, useForm, type FormContextValue } from './form-context';
import './forms.css';

export interface FormViewProps {
  model: monaco.editor.ITextModel;
  /** The Windows version the document is written for (default windows11). */
  target?: WindowsTarget;
  diagnostics: readonly Diagnostic[];
  /** Selected element as child-element indexes from the root (renderer/src/selection.ts ElementPath). */
  selectedPath: number[] | null;
  onSelectPath(path: number[]): void;
  /** Show this range in the XML view. */
  onRevealText(range: MonacoRange): void;
  /** The section page shown (chosen in the navigator's section list). */
  section: SectionId;
  onSectionChange(section: SectionId): void;
  /** Alternative to the imperative handle: a range to focus the field of (e.g. from a problems click). */
  revealRange?: Range | null;
  /** Parse delay after a text edit (ms). */
  debounceMs?: number;
  /** Reads a certificate file chosen by the user (through the host) for Provisioning/TrustedCertificates; absent: not offered. */
  chooseCertificateNames?: () => Promise<{ subjectName: string; issuerName: string } | null>;
  /** Lets the user pick a certificate from a key store (OS store, token, NSS, file) by its identity and thumbprint. */
  chooseCertificateFromStore?: () => Promise<{ subjectName: string; issuerName: string } | null>;
}

export interface FormViewHandle {
  /**
   * Switches to the page that shows the range and focuses the field it belongs to, else the
   * nearest enclosing element's form; `onNoField` runs instead when the range has no field of its own.
   */
  focusFieldForRange(range: Pick<Range, 'start'>, onNoField?: () => void): void;
}

interface ParseState {
  text: string;
  document: XmlDocumentNode | null;
  error: Diagnostic | null;
  /** True for files too large to parse on every pause (the forms wait, with a message). */
  paused: boolean;
}

/** The model's current parse (shared with the tree and the editor features: one parse per version). */
function parse(model: monaco.editor.ITextModel, previous: ParseState | null): ParseState {
  if (isLargeModel(model)) return { text: '', document: null, error: null, paused: true };
  const text = model.getValue();
  const result = parseModel(model) ?? parseXml(text);
  if (result.ok) return { text, document: result.document, error: null, paused: false };
  return { text, document: previous?.document ?? null, error: result.error, paused: false };
}

/** A pause in typing this long starts a new undo step even in the same field. */
const TYPING_PAUSE_MS = 1500;

/** Changes that are one field's value as the user types: their key groups a burst of typing. */
function typingBurstOf(changes: readonly FormChange[]): string | null {
  const change = changes.length === 1 ? changes[0]! : null;
  if (change?.kind === 'setAttribute' && change.value !== null) return `attribute:${change.path.join('.')}:${change.name}`;
  if (change?.kind === 'setText') return `text:${change.path.join('.')}`;
  if (change?.kind === 'setChildText') return `child:${change.path.join('.')}:{${change.namespace}}${change.localName}`;
  return null;
}

/** "Wi-Fi profile “Contoso Hotspot”": the element's form label and the name it carries, if any. */
function describeElement(element: XmlElementNode, t: Translate): string {
  const spec = formFor(BUNDLED_SCHEMA_MODEL, element);
  const label = spec ? specLabel(spec, t) : element.localName;
  const nameChild = childElements(element).find((child) => child.localName === 'Name' || child.localName === 'name');
  const name = element.attributes.find((attribute) => attribute.name === 'Name')?.value ?? (nameChild ? textContent(nameChild) : '');
  return name.trim() ? `${label} “${name.trim()}”` : label;
}

/** Texts below this size are re-parsed before the next paint after a form change (a few ms). */
const PARSE_BEFORE_PAINT_CHARS = 256 * 1024;

/** Runs `task` once the browser has painted the next frame. */
function afterNextPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}

function planNamesOf(document: XmlDocumentNode): string[] {
  const plans = childElements(document.root).find((child) => child.localName === 'Plans' && child.namespaceUri === NS.cc);
  if (!plans) return [];
  return childElements(plans)
    .map((plan) => plan.attributes.find((attribute) => attribute.name === 'Name')?.value ?? '')
    .filter((name) => name !== '');
}

export const FormView = forwardRef<FormViewHandle, FormViewProps>(function FormView({ model, target, diagnostics, selectedPath, onSelectPath, onRevealText, section, onSectionChange: setSection, revealRange, debounceMs = FOLLOW_TEXT_DELAY_MS, chooseCertificateNames, chooseCertificateFromStore }, ref) {
  const { t } = useI18n();
  const [state, setState] = useState<ParseState>(() => parse(model, null));
  const [editError, setEditError] = useState<string | null>(null);
  const [pendingFocus, setPendingFocus] = useState<{ key: string; onNoField?: () => void } | null>(null);
  const container = useRef<HTMLDivElement>(null);

  // Follow the text (debounced).
  useEffect(() => {
    setState((previous) => parse(model, previous));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          setState((previous) => {
            // Large files are not re-read at all (not even getValue) until they shrink.
            if (isLargeModel(model)) return previous.paused ? previous : parse(model, previous);
            return previous.text === model.getValue() ? previous : parse(model, previous);
          }),
        debounceMs,
      );
    });
    return () => {
      clearTimeout(timer);
      subscription.dispose();
    };
  }, [model, debounceMs]);

  const document = state.document;
  const readOnly = state.error !== null || document === null;
  const isProvisioning = !!document && document.root.localName === 'CarrierProvisioning' && document.root.namespaceUri === NS.cc;

  const lastTypingAt = useRef(0);
  const apply = useCallback(
    (changes: FormChange[]) => {
      // The current version's parse, shared with the tree and the editor (parsed once per version).
      const parsed = parseModel(model);
      if (!parsed?.ok) return;
      const result = applyFormChanges(BUNDLED_SCHEMA_MODEL, parsed.document, changes);
      if (!result.ok) {
        setEditError(result.error ? t('forms.error.edit', { message: t(result.error.messageKey, result.error.params) }) : null);
        return;
      }
      setEditError(null);
      const typing = typingBurstOf(changes);
      if (typing) {
        // Typing in one field is one undo step until the field is left or typing pauses long.
        if (Date.now() - lastTypingAt.current > TYPING_PAUSE_MS) endBurst(model);
        applyEditsInBurst(model, result.edits, typing);
        lastTypingAt.current = Date.now();
      } else {
        applyEditsAsOneStep(model, result.edits);
      }
      const removed = changes.length === 1 && changes[0]!.kind === 'remove' ? resolvePath(parsed.document, changes[0]!.path) : null;
      if (removed && result.edits.length > 0) announceDeletion(model, describeElement(removed, t));
      // The form follows the new version at once when its parse is quick; for a large text the
      // parse waits until the text has painted the change (its parse then serves the tree and the
      // selection too), so the text does not wait for it.
      const follow = () => setState((previous) => parse(model, previous));
      if (model.getValueLength() < PARSE_BEFORE_PAINT_CHARS) follow();
      else afterNextPaint(follow);
      if (result.focusPath) onSelectPath(result.focusPath);
    },
    [model, onSelectPath, t],
  );

  const problems = useMemo(() => (document ? diagnosticsByField(document, diagnostics) : new Map<string, Diagnostic[]>()), [document, diagnostics]);

  const focusFieldForRange = useCallback(
    (range: Pick<Range, 'start'>, onNoField?: () => void) => {
      const location = document ? locateOffset(document, range.start.offset) : null;
      if (!document || !location) return onNoField?.();
      setSection(sectionOfPath(document, location.path));
      // A range on the name of an element without children (<Pattern/>) is about its text.
      const element = resolvePath(document, location.path);
      const field = location.field ?? (element && childElements(element).length === 0 ? '#text' : undefined);
      setPendingFocus({ key: fieldKey(location.path, field), ...(onNoField ? { onNoField } : {}) });
    },
    [document],
  );
  useImperativeHandle(ref, () => ({ focusFieldForRange }), [focusFieldForRange]);
  useEffect(() => {
    if (revealRange) focusFieldForRange(revealRange);
  }, [revealRange, focusFieldForRange]);

  // Selection from the tree: show its page and scroll its fieldset into view.
  const selectedKey = selectedPath ? fieldKey(selectedPath) : null;
  useEffect(() => {
    if (!document || !selectedPath) return;
    setSection(sectionOfPath(document, selectedPath));
    // Follows the selection only (not every re-parse).
  }, [selectedKey]);

  useEffect(() => {
    if (!pendingFocus || !container.current) return;
    let key = pendingFocus.key;
    let target: HTMLElement | null = null;
    // The field itself, else the nearest enclosing element that has a form.
    while (!target) {
      target = container.current.querySelector<HTMLElement>(`[data-field-key="${CSS.escape(key)}"]`);
      if (target || key === '') break;
      key = key.includes('|') ? key.slice(0, key.indexOf('|')) : key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '';
    }
    setPendingFocus(null);
    if (pendingFocus.onNoField && key !== pendingFocus.key) return pendingFocus.onNoField();
    if (target) {
      target.scrollIntoView({ block: 'center' });
      (target.querySelector<HTMLElement>('input, select, textarea, button') ?? target).focus();
    }
  });

  const reveal = useCallback(
    (element: XmlElementNode) => {
      if (!document) return;
      onRevealText(toMonacoRange(rangeOf(document, { start: element.start, end: element.startTagEnd })));
    },
    [document, onRevealText],
  );

  const context: FormContextValue | null = document
    ? {
        schema: BUNDLED_SCHEMA_MODEL,
        target: target ?? DEFAULT_TARGET,
        document,
        readOnly,
        t,
        problems,
        planNames: planNamesOf(document),
        selectedKey,
        revealKey: pendingFocus?.key ?? selectedKey,
        apply,
        reveal,
        select: (path) => onSelectPath(path),
        replaceText,
        ...(chooseCertificateNames ? { trustCertificate: () => void trustCertificate(chooseCertificateNames) } : {}),
        ...(chooseCertificateFromStore ? { trustCertificateFromStore: () => void trustCertificate(chooseCertificateFromStore) } : {}),
      }
    : null;

  /** Replaces text[start, end) of the current text as one undoable edit (for widgets that write a whole block). */
  function replaceText(start: number, end: number, text: string) {
    replaceOffsets(model, start, end, text);
    setState((previous) => parse(model, previous));
  }

  /** Lists a certificate's subject and issuer in Provisioning/TrustedCertificates, as one undoable edit. */
  async function trustCertificate(choose: NonNullable<FormViewProps['chooseCertificateNames']>) {
    try {
      const names = await choose();
      if (!names) return;
      const outcome = addTrustedCertificate(model.getValue(), names, BUNDLED_SCHEMA_MODEL);
      if (!outcome) return;
      if (!outcome.ok) return setEditError(t(outcome.messageKey, outcome.params));
      if (!outcome.alreadyListed) replaceTextMinimally(model, outcome.text);
      setState((previous) => parse(model, previous));
      setEditError(t(outcome.alreadyListed ? 'signature.trustAlready' : 'signature.trustAdded', { subject: names.subjectName }));
    } catch (error) {
      setEditError(error instanceof HostError ? t(error.messageKey, error.params) : String(error));
    }
  }

  return (
    <div className="form-view" data-testid="form-view-root" ref={container} onBlur={() => endBurst(model)}>
      {state.paused && (
        <p className="form-note" role="status" data-testid="form-paused">
          {t('forms.paused', { size: sizeInMegabytes(model) })}
        </p>
      )}
      {state.error && (
        <div className="form-readonly" role="alert" data-testid="form-read-only">
          <p>{t('forms.readOnly')}</p>
          <p className="form-problem form-problem-error">
            {state.error.code}: {t(state.error.messageKey, state.error.params)} ({state.error.range.start.line}:{state.error.range.start.column})
          </p>
        </div>
      )}
      {document && !isProvisioning && <p className="form-note">{t('forms.notProvisioning')}</p>}
      {editError && (
        <p className="form-warning" role="status">
          {editError}
        </p>
      )}
      {context && isProvisioning && (
        <FormContext.Provider value={context}>
          <section className="form-page" id="form-page" aria-labelledby="form-page-title" data-testid={`form-page-${section}`}>
            <h2 id="form-page-title">{t(sectionById(section).titleKey)}</h2>
            <SectionPage id={section} document={document} />
          </section>
        </FormContext.Provider>
      )}
    </div>
  );
});

function SectionPage({ id, document }: { id: SectionId; document: XmlDocumentNode }) {
  const { t } = useI18n();
  const definition = sectionById(id);
  const { element, depth } = locateSection(document, definition);
  if (id === 'signature') return <SignatureSummary document={document} />;
  if (depth < definition.steps.length) {
    return <AddSection element={element} depth={depth} id={id} />;
  }
  return (
    <>
      {id === 'branding' && <p className="form-warning">{t('forms.branding.note')}</p>}
      <ElementEditor element={element} {...(definition.onlyChildren ? { onlyChildren: definition.onlyChildren } : {})} />
    </>
  );
}

function AddSection({ element, depth, id }: { element: XmlElementNode; depth: number; id: SectionId }) {
  const { t } = useI18n();
  const context = useForm();
  const definition = sectionById(id);
  // One level at a time: SMS rules under a missing MBNProfiles first add MBNProfiles, then Messages.
  const step = definition.steps[depth]!;
  return (
    <div className="form-empty">
      {id === 'activation' && <p className="form-note">{t('forms.activation.none')}</p>}
      <button
        type="button"
        className="form-add primary"
        disabled={context.readOnly}
        onClick={() => context.apply([{ kind: 'addChild', path: pathOf(element), namespace: step.namespace, localName: step.localName }])}
        data-testid={`form-add-section-${id}`}
      >
        {t('forms.addSection', { name: t(definition.titleKey) })}
      </button>
    </div>
  );
}

function SignatureSummary({ document }: { document: XmlDocumentNode }) {
  const { t } = useI18n();
  const signature = childElements(document.root).find((child) => child.localName === 'Signature' && child.namespaceUri === NS.ds);
  if (!signature) return <p className="form-note">{t('forms.signature.none')}</p>;
  const find = (element: XmlElementNode | undefined, name: string) => (element ? childElements(element).find((child) => child.localName === name) : undefined);
  const signedInfo = find(signature, 'SignedInfo');
  const algorithm = (element: XmlElementNode | undefined) => element?.attributes.find((attribute) => attribute.name === 'Algorithm')?.value ?? '';
  const reference = find(signedInfo, 'Reference');
  const certificates = childElements(find(find(signature, 'KeyInfo'), 'X509Data') ?? signature).filter((child) => child.localName === 'X509Certificate').length;
  return (
    <div data-testid="signature-summary">
      <p className="form-note">{t('forms.signature.readOnly')}</p>
      <dl className="form-summary">
        <dt>{t('forms.signature.canonicalization')}</dt>
        <dd>{algorithm(find(signedInfo, 'CanonicalizationMethod'))}</dd>
        <dt>{t('forms.signature.method')}</dt>
        <dd>{algorithm(find(signedInfo, 'SignatureMethod'))}</dd>
        <dt>{t('forms.signature.digest')}</dt>
        <dd>{algorithm(find(reference, 'DigestMethod'))}</dd>
        <dt>{t('forms.signature.certificates')}</dt>
        <dd>{certificates}</dd>
      </dl>
    </div>
  );
}
