// The EAP settings of an 802.1X block (OneX/EAPConfig): the method (EAP-SIM, EAP-AKA, EAP-TTLS,
// EAP-TLS) and its options, written as one EapHostConfig element in the file's own indentation.
// Values are checked before they are written (shared/common/forms/eap.ts): a bad thumbprint or
// server name stays in the field with its message and never reaches the file. A block holding
// anything the form does not show (an inner EAP method, TLS extensions, comments) is shown
// read-only, so switching or editing here never drops what the user wrote in the XML view.
import { useEffect, useId, useState } from 'react';
import { childElements, type XmlElementNode } from '../../../../shared/common/xml/model';
import {
  anonymousIdentityProblem,
  defaultSettings,
  eapHostConfigText,
  eapSettingsCoverBlock,
  eapSettingsProblems,
  normaliseThumbprint,
  readEapSettings,
  serverNamesProblem,
  thumbprintProblem,
  type EapField,
  type EapMethod,
  type EapProblem,
  type EapSettings,
  type SimAkaSettings,
  type TlsSettings,
  type TtlsInnerMethod,
  type TtlsSettings,
} from '../../../../shared/common/forms/eap';
import { elementIndentation, indentUnitOf, lineEndingOf } from '../../../../shared/common/edit/text-edits';
import type { Translate } from '../../i18n';
import { DraftInput } from '../fields';
import { useForm } from '../form-context';
import { Icon } from '../../components/Icon';

function eapConfigOf(oneX: XmlElementNode): XmlElementNode | undefined {
  return childElements(oneX).find((child) => child.localName === 'EAPConfig');
}

export function EapSettingsEditor({ element: oneX }: { element: XmlElementNode }) {
  const form = useForm();
  const { t } = form;
  const eapConfig = eapConfigOf(oneX);
  if (!eapConfig) return null;
  const current = readEapSettings(eapConfig);
  const hasOtherMethod = current === null && childElements(eapConfig).length > 0;
  if (hasOtherMethod) return <p className="form-note">{t('forms.eap.otherMethod')}</p>;
  const covered = current === null || eapSettingsCoverBlock(eapConfig, current);
  const disabled = form.readOnly || !covered;
  const text = form.document.text;

  const write = (next: EapSettings) => {
    const eol = lineEndingOf(text);
    const unit = indentUnitOf(form.document);
    const indent = elementIndentation(text, eapConfig);
    const block = `${eol}${eapHostConfigText(next, indent + unit, unit, eol)}${eol}${indent}`;
    if (eapConfig.endTagStart === -1) {
      // <EAPConfig/>: write the element out in full.
      form.replaceText(eapConfig.start, eapConfig.end, `<${eapConfig.name}>${block}</${eapConfig.name}>`);
    } else {
      form.replaceText(eapConfig.startTagEnd, eapConfig.endTagStart, block);
    }
  };
  const problems = current ? eapSettingsProblems(current) : [];

  return (
    <fieldset className="form-element" data-testid="eap-settings">
      <legend>{t('forms.eap.title')}</legend>
      <div className="form-field">
        <label className="form-label" htmlFor="eap-method">
          {t('forms.eap.method')}
        </label>
        <select
          id="eap-method"
          value={current ? current.method : ''}
          disabled={disabled}
          onChange={(event) => {
            const method = event.target.value as EapMethod;
            // SIM and AKA share their options; any other switch starts from the method's defaults.
            const same = current && (current.method === 'sim' || current.method === 'aka') && (method === 'sim' || method === 'aka');
            write(same ? { ...(current as SimAkaSettings), method } : defaultSettings(method));
          }}
          data-testid="eap-method"
        >
          {!current && <option value="">{t('forms.eap.choose')}</option>}
          <option value="sim">EAP-SIM</option>
          <option value="aka">EAP-AKA</option>
          <option value="ttls">EAP-TTLS</option>
          <option value="tls">EAP-TLS</option>
        </select>
      </div>
      {!covered && (
        <p className="form-warning" data-testid="eap-not-covered">
          {t('forms.eap.notCovered')}
        </p>
      )}
      {current && (current.method === 'sim' || current.method === 'aka') && <SimAkaOptions settings={current} disabled={disabled} write={write} t={t} />}
      {current?.method === 'ttls' && <TtlsOptions settings={current} disabled={disabled} write={write} problems={problems} t={t} />}
      {current?.method === 'tls' && <TlsOptions settings={current} disabled={disabled} write={write} problems={problems} t={t} />}
    </fieldset>
  );
}

interface OptionsProps<S> {
  settings: S;
  disabled: boolean;
  write(next: EapSettings): void;
  t: Translate;
}

function Check({ label, checked, disabled, onChange, testId }: { label: string; checked: boolean; disabled: boolean; onChange(checked: boolean): void; testId?: string }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

function SimAkaOptions({ settings, disabled, write, t }: OptionsProps<SimAkaSettings>) {
  return (
    <>
      <Check label={t('forms.eap.realmEnabled')} checked={settings.realmEnabled} disabled={disabled} onChange={(realmEnabled) => write({ ...settings, realmEnabled })} />
      <Check label={t('forms.eap.dontRevealPermanentId')} checked={settings.dontRevealPermanentId} disabled={disabled} onChange={(dontRevealPermanentId) => write({ ...settings, dontRevealPermanentId })} />
      {settings.method === 'sim' && (
        <Check label={t('forms.eap.useStrongCipherKeys')} checked={settings.useStrongCipherKeys} disabled={disabled} onChange={(useStrongCipherKeys) => write({ ...settings, useStrongCipherKeys })} />
      )}
    </>
  );
}

function ProblemList({ id, problems, t }: { id: string; problems: readonly EapProblem[]; t: Translate }) {
  return (
    <ul id={id} className="form-problems" aria-live="polite">
      {problems.map((problem, index) => (
        <li key={index} className={`form-problem form-problem-${problem.severity}`} data-testid="eap-problem">
          {t(problem.messageKey, problem.params)}
        </li>
      ))}
    </ul>
  );
}

/**
 * A text setting checked before it is written: a value with an error stays in the field with its
 * message (the file keeps its last good value); problems of the file's own value show too.
 */
function CheckedText({
  label,
  value,
  check,
  fileProblems,
  disabled,
  onCommit,
  testId,
  t,
}: {
  label: string;
  value: string;
  check(value: string): EapProblem | null;
  fileProblems: readonly EapProblem[];
  disabled: boolean;
  onCommit(value: string): void;
  testId: string;
  t: Translate;
}) {
  const id = useId();
  const [refused, setRefused] = useState<EapProblem | null>(null);
  useEffect(() => setRefused(null), [value]);
  const shown = refused ? [refused] : fileProblems;
  return (
    <div className={`form-field${shown.some((problem) => problem.severity === 'error') ? ' form-field-invalid' : ''}`} data-testid={testId}>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <div className="form-control">
        <DraftInput
          id={id}
          value={value}
          readOnly={disabled}
          describedBy={`${id}-problems`}
          invalid={shown.some((problem) => problem.severity === 'error')}
          required={false}
          onCommit={(next) => {
            const problem = check(next);
            if (problem?.severity === 'error') {
              setRefused(problem);
              return;
            }
            setRefused(null);
            onCommit(next);
          }}
          ariaLabel={label}
        />
      </div>
      <ProblemList id={`${id}-problems`} problems={shown} t={t} />
    </div>
  );
}

function fieldProblems(problems: readonly EapProblem[], field: EapField): EapProblem[] {
  return problems.filter((problem) => problem.field === field);
}

/** Root CA thumbprints: the list (each removable) and a field to add one, checked and written as Windows writes it. */
function Thumbprints({ label, values, problems, disabled, onChange, t }: { label: string; values: readonly string[]; problems: readonly EapProblem[]; disabled: boolean; onChange(values: string[]): void; t: Translate }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [refused, setRefused] = useState<EapProblem | null>(null);
  const add = () => {
    if (draft.trim() === '') return;
    const problem = thumbprintProblem(draft.trim());
    if (problem) {
      setRefused(problem);
      return;
    }
    setRefused(null);
    setDraft('');
    onChange([...values, normaliseThumbprint(draft)]);
  };
  const shown = refused ? [refused, ...problems] : problems;
  return (
    <div className={`form-field${refused ? ' form-field-invalid' : ''}`} data-testid="eap-thumbprints">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <div className="form-control">
        <ul className="form-problems">
          {values.map((value, index) => (
            <li key={`${index}-${value}`} className="form-inline">
              <code data-testid="eap-thumbprint">{value}</code>
              {!disabled && (
                <button type="button" className="danger" aria-label={t('forms.remove', { name: value })} onClick={() => onChange(values.filter((_, other) => other !== index))}>
                  <Icon name="close" />
                </button>
              )}
            </li>
          ))}
        </ul>
        {!disabled && (
          <span className="form-inline">
            <input
              id={id}
              value={draft}
              spellCheck={false}
              placeholder={t('forms.eap.thumbprintPlaceholder')}
              aria-invalid={refused ? true : undefined}
              aria-describedby={`${id}-problems`}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') add();
              }}
              data-testid="eap-thumbprint-input"
            />
            <button type="button" onClick={add} data-testid="eap-thumbprint-add">
              {t('forms.eap.addThumbprint')}
            </button>
          </span>
        )}
      </div>
      <ProblemList id={`${id}-problems`} problems={shown} t={t} />
    </div>
  );
}

/** An optional boolean element: absent means the schema default, shown as such. */
function optionalValue(value: boolean | undefined, fallback: boolean): boolean {
  return value ?? fallback;
}

/** A text element that was absent stays absent when left empty. */
function optionalText(next: string, before: string | undefined): string | undefined {
  return next === '' && before === undefined ? undefined : next;
}

/** How EAP-TTLS and EAP-TLS check the server: the names its certificate may carry and the root CAs it may chain to. */
function ServerValidation({
  serverNames,
  trustedRoots,
  onServerNames,
  onTrustedRoots,
  problems,
  disabled,
  t,
}: {
  serverNames: string | undefined;
  trustedRoots: readonly string[];
  onServerNames(serverNames: string | undefined): void;
  onTrustedRoots(trustedRoots: string[]): void;
  problems: readonly EapProblem[];
  disabled: boolean;
  t: Translate;
}) {
  return (
    <>
      <CheckedText
        label={t('forms.eap.serverNames')}
        value={serverNames ?? ''}
        check={serverNamesProblem}
        fileProblems={fieldProblems(problems, 'serverNames')}
        disabled={disabled}
        onCommit={(value) => onServerNames(optionalText(value, serverNames))}
        testId="eap-server-names"
        t={t}
      />
      <Thumbprints label={t('forms.eap.trustedRootCas')} values={trustedRoots} problems={fieldProblems(problems, 'trustedRootCas')} disabled={disabled} onChange={onTrustedRoots} t={t} />
    </>
  );
}

function TtlsOptions({ settings, disabled, write, problems, t }: OptionsProps<TtlsSettings> & { problems: readonly EapProblem[] }) {
  const innerId = useId();
  return (
    <>
      <ServerValidation
        serverNames={settings.serverNames}
        trustedRoots={settings.trustedRootCaHashes}
        onServerNames={(serverNames) => write({ ...settings, serverNames })}
        onTrustedRoots={(trustedRootCaHashes) => write({ ...settings, trustedRootCaHashes })}
        problems={problems}
        disabled={disabled}
        t={t}
      />
      <Check label={t('forms.eap.disablePrompt')} checked={optionalValue(settings.disablePrompt, false)} disabled={disabled} onChange={(disablePrompt) => write({ ...settings, disablePrompt })} testId="eap-disable-prompt" />
      <div className="form-field">
        <label className="form-label" htmlFor={innerId}>
          {t('forms.eap.innerMethod')}
        </label>
        <select
          id={innerId}
          value={settings.innerMethod ?? ''}
          disabled={disabled}
          onChange={(event) => write({ ...settings, innerMethod: event.target.value === '' ? undefined : (event.target.value as TtlsInnerMethod), useWinlogonCredentials: undefined })}
          data-testid="eap-inner-method"
        >
          {settings.innerMethod === undefined && <option value="">{t('forms.eap.innerNone')}</option>}
          <option value="pap">PAP</option>
          <option value="chap">CHAP</option>
          <option value="mschap">MS-CHAP</option>
          <option value="mschapv2">MS-CHAPv2</option>
        </select>
      </div>
      {settings.innerMethod === 'mschapv2' && (
        <Check
          label={t('forms.eap.useWinlogonCredentials')}
          checked={optionalValue(settings.useWinlogonCredentials, false)}
          disabled={disabled}
          onChange={(useWinlogonCredentials) => write({ ...settings, useWinlogonCredentials })}
        />
      )}
      <Check label={t('forms.eap.identityPrivacy')} checked={optionalValue(settings.identityPrivacy, true)} disabled={disabled} onChange={(identityPrivacy) => write({ ...settings, identityPrivacy })} />
      <CheckedText
        label={t('forms.eap.anonymousIdentity')}
        value={settings.anonymousIdentity ?? ''}
        check={anonymousIdentityProblem}
        fileProblems={fieldProblems(problems, 'anonymousIdentity')}
        disabled={disabled}
        onCommit={(value) => write({ ...settings, anonymousIdentity: optionalText(value, settings.anonymousIdentity) })}
        testId="eap-anonymous-identity"
        t={t}
      />
    </>
  );
}

function TlsOptions({ settings, disabled, write, problems, t }: OptionsProps<TlsSettings> & { problems: readonly EapProblem[] }) {
  const sourceId = useId();
  return (
    <>
      <div className="form-field">
        <label className="form-label" htmlFor={sourceId}>
          {t('forms.eap.credentialsSource')}
        </label>
        <select
          id={sourceId}
          value={settings.credentialsSource ?? ''}
          disabled={disabled}
          onChange={(event) => {
            const credentialsSource = event.target.value === '' ? undefined : (event.target.value as TlsSettings['credentialsSource']);
            write({ ...settings, credentialsSource, simpleCertSelection: credentialsSource === 'certificateStore' ? settings.simpleCertSelection : undefined });
          }}
          data-testid="eap-credentials-source"
        >
          {settings.credentialsSource === undefined && <option value="">{t('forms.eap.sourceUnset')}</option>}
          <option value="certificateStore">{t('forms.eap.certificateStore')}</option>
          <option value="smartCard">{t('forms.eap.smartCard')}</option>
        </select>
      </div>
      {settings.credentialsSource === 'certificateStore' && (
        <Check
          label={t('forms.eap.simpleCertSelection')}
          checked={optionalValue(settings.simpleCertSelection, true)}
          disabled={disabled}
          onChange={(simpleCertSelection) => write({ ...settings, simpleCertSelection })}
        />
      )}
      <Check
        label={t('forms.eap.disableUserPrompt')}
        checked={optionalValue(settings.disableUserPrompt, false)}
        disabled={disabled}
        onChange={(disableUserPrompt) => write({ ...settings, disableUserPrompt })}
        testId="eap-disable-prompt"
      />
      <ServerValidation
        serverNames={settings.serverNames}
        trustedRoots={settings.trustedRootCas}
        onServerNames={(serverNames) => write({ ...settings, serverNames })}
        onTrustedRoots={(trustedRootCas) => write({ ...settings, trustedRootCas })}
        problems={problems}
        disabled={disabled}
        t={t}
      />
      <Check label={t('forms.eap.differentUsername')} checked={optionalValue(settings.differentUsername, false)} disabled={disabled} onChange={(differentUsername) => write({ ...settings, differentUsername })} />
    </>
  );
}
