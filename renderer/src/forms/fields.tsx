// One form field: its label, the widget the declarative layer chose, the help beside it, the
// limits from the schema facets, and the diagnostics that land on it. Text-like widgets reach the
// file as the user types (debounced); a burst of typing in one field is one undo step (FormView).
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { FieldSpec, Limit } from '../../../shared/common/forms/form-model';
import {
  checkDuration,
  clampDurationSeconds,
  convertBlob,
  formatDuration,
  isGuid,
  isHttpsUrl,
  isPlaceholderGuid,
  newGuid,
  normaliseGuid,
  parseDuration,
  partsToSeconds,
  secondsToParts,
  type BlobEncoding,
} from '../../../shared/common/forms/widgets';
import type { Translate } from '../i18n';
import { PerSubscriberControl } from '../subscriber/per-subscriber';

export interface FieldProps {
  spec: FieldSpec;
  /** Current value; undefined when the attribute or element is absent. */
  value: string | undefined;
  fieldKey: string;
  diagnostics: readonly Diagnostic[];
  readOnly: boolean;
  t: Translate;
  /** null removes an optional attribute / element. */
  onCommit(value: string | null): void;
  planNames?: readonly string[];
  /** Extra content under the field (SSID byte count, …). */
  children?: ReactNode;
}

export function fieldLabel(spec: FieldSpec, t: Translate): string {
  return spec.labelKey ? t(spec.labelKey) : spec.label;
}

export function fieldHelp(spec: FieldSpec, t: Translate): string | undefined {
  return spec.helpKey ? t(spec.helpKey) : spec.help;
}

/** A limit in words; its parts (`unitKey`, `expectedKey`) are translated by the catalogue with the same numbers. */
export function limitText(limit: Limit, t: Translate): string {
  return t(limit.key, limit.params);
}

interface DraftInputProps {
  id: string;
  value: string;
  onCommit(value: string): void;
  readOnly: boolean;
  type?: string;
  describedBy: string;
  invalid: boolean;
  required: boolean;
  min?: string;
  max?: string;
  multiline?: boolean;
  ariaLabel?: string;
  spellCheck?: boolean;
}

/** How long typing pauses before the form's text reaches the XML. */
export const LIVE_COMMIT_MS = 150;

/**
 * A text input whose text reaches the file as the user types (debounced, LIVE_COMMIT_MS), and at
 * once on blur or Enter. An empty text waits for blur or Enter (emptying may remove an optional
 * element, which would take the field away mid-typing). Escape restores the file's value.
 */
export function DraftInput({ id, value, onCommit, readOnly, type = 'text', describedBy, invalid, required, min, max, multiline, ariaLabel, spellCheck }: DraftInputProps) {
  const [draft, setDraftState] = useState(value);
  const draftRef = useRef(value);
  /** The last text this input sent: its echo from the file must not overwrite newer typing. */
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onCommitRef = useRef(onCommit);
  onCommitRef.current = onCommit;
  useEffect(() => {
    if (value === committed.current) return;
    // Changed elsewhere (the XML view, undo): show the file's value.
    committed.current = value;
    draftRef.current = value;
    setDraftState(value);
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const commit = () => {
    clearTimeout(timer.current);
    if (draftRef.current === committed.current) return;
    committed.current = draftRef.current;
    onCommitRef.current(draftRef.current);
  };
  const setDraft = (next: string) => {
    draftRef.current = next;
    setDraftState(next);
    clearTimeout(timer.current);
    if (next !== '' && !readOnly) timer.current = setTimeout(commit, LIVE_COMMIT_MS);
  };
  const restore = () => {
    clearTimeout(timer.current);
    draftRef.current = value;
    setDraftState(value);
  };
  const common = {
    id,
    value: draft,
    readOnly,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'aria-required': required || undefined,
    'aria-label': ariaLabel,
    spellCheck: spellCheck ?? false,
    onBlur: commit,
  };
  if (multiline) {
    return (
      <textarea
        {...common}
        rows={3}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) commit();
          if (event.key === 'Escape') restore();
        }}
      />
    );
  }
  return (
    <input
      {...common}
      type={type}
      min={min}
      max={max}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') restore();
      }}
    />
  );
}

function numericLimits(spec: FieldSpec): { min?: string; max?: string } {
  const result: { min?: string; max?: string } = {};
  for (const limit of spec.limits) {
    if (limit.key === 'forms.limit.min') result.min = limit.params.value;
    if (limit.key === 'forms.limit.max') result.max = limit.params.value;
  }
  return result;
}

export function Field({ spec, value, fieldKey, diagnostics, readOnly, t, onCommit, planNames, children }: FieldProps) {
  const id = useId();
  const label = fieldLabel(spec, t);
  const help = fieldHelp(spec, t);
  const describedBy = `${id}-help ${id}-limits ${id}-problems`;
  const invalid = diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  const current = value ?? '';
  const remove = () => onCommit(null);
  const notes: ReactNode[] = [];
  let control: ReactNode;

  switch (spec.widget) {
    case 'select': {
      const options = spec.options ?? [];
      const unknown = current !== '' && !options.includes(current);
      control = (
        <select id={id} value={current} disabled={readOnly} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(event) => onCommit(event.target.value === '' ? null : event.target.value)}>
          {(!spec.required || value === undefined) && <option value="">{spec.default !== undefined ? t('forms.default', { value: spec.default }) : t('forms.notSet')}</option>}
          {unknown && <option value={current}>{current}</option>}
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'checkbox': {
      const checked = current === 'true' || current === '1' || (value === undefined && spec.default === 'true');
      control = (
        <span className="form-checkbox">
          <input id={id} type="checkbox" checked={checked} disabled={readOnly} aria-describedby={describedBy} onChange={(event) => onCommit(event.target.checked ? 'true' : 'false')} />
          {value !== undefined && !spec.required && !readOnly && (
            <button type="button" className="form-link" onClick={remove}>
              {t('forms.clear', { name: label })}
            </button>
          )}
        </span>
      );
      break;
    }
    case 'number': {
      const { min, max } = numericLimits(spec);
      control = <DraftInput id={id} type="number" value={current} min={min} max={max} readOnly={readOnly} describedBy={describedBy} invalid={invalid} required={spec.required} onCommit={(next) => onCommit(next === '' && !spec.required ? null : next)} />;
      break;
    }
    case 'guid':
      control = (
        <span className="form-inline">
          <DraftInput id={id} value={current} readOnly={readOnly} describedBy={describedBy} invalid={invalid} required={spec.required} onCommit={(next) => onCommit(normaliseGuid(next) ?? next)} />
          <button type="button" disabled={readOnly} onClick={() => onCommit(newGuid((length) => crypto.getRandomValues(new Uint8Array(length))))}>
            {t('forms.guid.generate')}
          </button>
        </span>
      );
      if (spec.ownerLocalName === 'CarrierId') notes.push(<p key="reuse" className="form-note">{t('forms.guid.reuse')}</p>);
      if (isPlaceholderGuid(current)) notes.push(<p key="placeholder" className="form-warning">{t('forms.guid.placeholder')}</p>);
      else if (current !== '' && !isGuid(current)) notes.push(<p key="invalid" className="form-warning">{t('forms.guid.invalid')}</p>);
      break;
    case 'duration':
      control = <DurationInput id={id} spec={spec} value={current} readOnly={readOnly} describedBy={describedBy} invalid={invalid} t={t} label={label} onCommit={(next) => onCommit(next === '' && !spec.required ? null : next)} />;
      break;
    case 'base64':
      control = <BlobInput id={id} value={current} readOnly={readOnly} describedBy={describedBy} invalid={invalid} t={t} label={label} onCommit={(next) => onCommit(next)} />;
      break;
    case 'password':
      control = <PasswordInput id={id} value={current} readOnly={readOnly} describedBy={describedBy} invalid={invalid} t={t} label={label} required={spec.required} onCommit={(next) => onCommit(next)} />;
      if (current !== '') notes.push(<p key="cleartext" className="form-warning" data-testid="cleartext-warning">{t('forms.cleartext')}</p>);
      break;
    case 'planRef': {
      const names = planNames ?? [];
      const missing = current !== '' && !names.includes(current);
      control = (
        <select id={id} value={current} disabled={readOnly} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(event) => onCommit(event.target.value === '' && !spec.required ? null : event.target.value)}>
          <option value="">{t('forms.planRef.none')}</option>
          {missing && <option value={current}>{current}</option>}
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      );
      if (missing) notes.push(<p key="missing" className="form-warning">{t('forms.planRef.missing', { name: current })}</p>);
      else if (names.length === 0) notes.push(<p key="none" className="form-note">{t('forms.planRef.noPlans')}</p>);
      break;
    }
    case 'multiline':
    case 'regex':
      control = <DraftInput id={id} multiline={spec.widget === 'multiline'} value={current} readOnly={readOnly} describedBy={describedBy} invalid={invalid} required={spec.required} onCommit={(next) => onCommit(next)} />;
      break;
    default:
      control = (
        <DraftInput
          id={id}
          type={spec.widget === 'url' ? 'url' : 'text'}
          value={current}
          readOnly={readOnly}
          describedBy={describedBy}
          invalid={invalid}
          required={spec.required}
          onCommit={(next) => onCommit(next === '' && !spec.required && spec.kind === 'attribute' ? null : next)}
        />
      );
      if (spec.ownerLocalName === 'RefreshURL' && current !== '' && !isHttpsUrl(current)) notes.push(<p key="https" className="form-warning">{t('forms.https')}</p>);
      if (spec.widget === 'timestampFormat') notes.push(<p key="format" className="form-note">{t('forms.sms.format')}</p>);
  }

  const limits = spec.limits.map((limit) => limitText(limit, t));
  if (spec.default !== undefined && spec.widget !== 'select') limits.push(t('forms.default', { value: spec.default }));
  if (spec.fixed !== undefined) limits.push(t('forms.fixed', { value: spec.fixed }));

  return (
    <div className={`form-field${invalid ? ' form-field-invalid' : ''}`} data-field-key={fieldKey} data-testid={`field-${spec.ownerLocalName}-${spec.kind === 'attribute' ? `@${spec.name}` : 'text'}`}>
      <label htmlFor={id} className="form-label">
        {label}
        {spec.required && (
          <span className="form-required" aria-hidden="true">
            {' *'}
          </span>
        )}
        {spec.required && <span className="visually-hidden"> ({t('forms.required')})</span>}
      </label>
      <div className="form-control">{control}</div>
      <div id={`${id}-help`} className="form-help">
        {help}
      </div>
      <div id={`${id}-limits`} className="form-limits">
        {limits.join(' · ')}
      </div>
      {notes}
      <PerSubscriberControl fieldKey={fieldKey} spec={spec} present={value !== undefined} t={t} />
      {children}
      <ul id={`${id}-problems`} className="form-problems" aria-live="polite">
        {diagnostics.map((diagnostic, index) => (
          <li key={index} className={`form-problem form-problem-${diagnostic.severity}`} data-testid="field-problem">
            {diagnostic.code}: {t(diagnostic.messageKey, diagnostic.params)}
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Widgets

interface WidgetProps {
  id: string;
  value: string;
  readOnly: boolean;
  describedBy: string;
  invalid: boolean;
  t: Translate;
  label: string;
  onCommit(value: string): void;
}

function DurationInput({ id, spec, value, readOnly, describedBy, invalid, t, label, onCommit }: WidgetProps & { spec: FieldSpec }) {
  const parts = parseDuration(value);
  const limits = spec.facets;
  const problem = value === '' ? null : checkDuration(value, limits);
  const setPart = (part: 'hours' | 'minutes' | 'seconds', amount: string) => {
    const base = parts ?? { days: 0, hours: 0, minutes: 0, seconds: 0 };
    const next = { ...base, [part]: Math.max(0, Number(amount) || 0) };
    onCommit(formatDuration(secondsToParts(clampDurationSeconds(partsToSeconds(next), limits))));
  };
  const unitInput = (part: 'hours' | 'minutes' | 'seconds', key: 'forms.duration.hours' | 'forms.duration.minutes' | 'forms.duration.seconds') => (
    <label className="form-duration-part">
      <span>{t(key)}</span>
      <DraftInput
        id={`${id}-${part}`}
        type="number"
        min="0"
        value={parts ? String(part === 'hours' ? parts.hours + parts.days * 24 : parts[part]) : ''}
        readOnly={readOnly}
        describedBy={describedBy}
        invalid={invalid}
        required={false}
        ariaLabel={`${label} — ${t(key)}`}
        onCommit={(next) => setPart(part, next)}
      />
    </label>
  );
  return (
    <span className="form-duration">
      <DraftInput id={id} value={value} readOnly={readOnly} describedBy={describedBy} invalid={invalid || problem !== null} required={false} onCommit={onCommit} />
      {unitInput('hours', 'forms.duration.hours')}
      {unitInput('minutes', 'forms.duration.minutes')}
      {unitInput('seconds', 'forms.duration.seconds')}
      {problem && <span className="form-warning">{t(`forms.duration.${problem}`)}</span>}
    </span>
  );
}

function BlobInput({ id, value, readOnly, describedBy, invalid, t, label, onCommit }: WidgetProps) {
  const [encoding, setEncoding] = useState<BlobEncoding>('base64');
  const shown = encoding === 'base64' ? value : convertBlob(value, 'base64', encoding);
  const [draft, setDraft] = useState(shown ?? '');
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setDraft(shown ?? '');
    setBad(false);
  }, [shown]);
  const commit = () => {
    if (draft === (shown ?? '')) return;
    const base64 = encoding === 'base64' ? draft.replace(/\s+/g, '') : convertBlob(draft, encoding, 'base64');
    if (base64 === null || convertBlob(base64, 'base64', 'hex') === null) {
      setBad(true);
      return;
    }
    setBad(false);
    onCommit(base64);
  };
  const bytes = convertBlob(value, 'base64', 'hex');
  return (
    <span className="form-blob">
      <label className="form-blob-encoding">
        <span>{t('forms.blob.showAs')}</span>
        <select value={encoding} aria-label={`${label} — ${t('forms.blob.showAs')}`} onChange={(event) => setEncoding(event.target.value as BlobEncoding)}>
          <option value="base64">{t('forms.blob.base64')}</option>
          <option value="hex">{t('forms.blob.hex')}</option>
          <option value="text">{t('forms.blob.text')}</option>
        </select>
      </label>
      <textarea
        id={id}
        rows={3}
        value={draft}
        readOnly={readOnly || shown === null}
        spellCheck={false}
        aria-describedby={describedBy}
        aria-invalid={invalid || bad || undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
      />
      {shown === null && <span className="form-note">{t('forms.blob.binary')}</span>}
      {bad && <span className="form-warning">{t('forms.blob.invalid')}</span>}
      {bytes !== null && <span className="form-note">{t('forms.blob.size', { count: bytes.length / 2 })}</span>}
    </span>
  );
}

function PasswordInput({ id, value, readOnly, describedBy, invalid, t, label, onCommit, required }: WidgetProps & { required: boolean }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <span className="form-inline">
      <DraftInput id={id} type={revealed ? 'text' : 'password'} value={value} readOnly={readOnly} describedBy={describedBy} invalid={invalid} required={required} onCommit={onCommit} />
      <button type="button" aria-pressed={revealed} onClick={() => setRevealed((shown) => !shown)}>
        {revealed ? t('forms.hide', { name: label }) : t('forms.show', { name: label })}
      </button>
    </span>
  );
}
