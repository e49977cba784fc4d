// The COSA entry form: what the operator submits for COSA and the APN database (targets, SPN, APNs
// with credentials and authentication, branding, AccountExperienceURL, AppID, trusted signer),
// checked as you type against COSA's rules (shared/common/website/cosa), exported three ways. The
// XML exports open in the editor, where they validate like any other file; every export can be saved.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { translate } from '../../../shared/common/i18n/index';
import { AUTH_PROTOCOLS, COMPRESSIONS, IP_TYPES, PURPOSES, UPDATE_TYPES, normaliseEntry, readCosaJson, writeCosaJson, type CosaApn, type CosaEntry, type CosaFinding, type CosaTarget, type Purpose } from '../../../shared/common/website/cosa/model';
import { COSA_EXPORT_FORMATS, DEFAULT_FILE_NAMES, exportCosa, type CosaExportFormat } from '../../../shared/common/website/cosa/export';
import { CosaExportError } from '../../../shared/common/website/cosa/customizations';
import { checkCosaEntry } from '../../../shared/common/website/cosa/rules';
import { loadNetworkDirectory, type NetworkDirectory } from '../../../shared/common/website/networks';
import { useI18n } from '../i18n';

export interface CosaPanelProps {
  /** Opens a text as a new document in the editor. */
  onOpenInEditor(text: string): void;
  /** Saves a text through the host's file picker. */
  onSave(text: string, suggestedName: string): void;
}

const NEW_ENTRY: CosaEntry = { operator: '', country: '', updateType: 'Add', targets: [{ mcc: '', mnc: '' }], apns: [{ accessString: '', purposes: ['Internet'], alwaysOn: true }] };

type RangeKind = 'none' | 'imsiRange' | 'iccidRange';

/** The entry being edited, kept while the app runs so closing the dialog (or opening an export in the editor) loses nothing. */
let rememberedEntry: CosaEntry = NEW_ENTRY;

export function CosaPanel({ onOpenInEditor, onSave }: CosaPanelProps) {
  const { t, language } = useI18n();
  const id = useId();
  const [directory, setDirectory] = useState<NetworkDirectory | null>(null);
  const [entry, setEntryState] = useState<CosaEntry>(rememberedEntry);
  const setEntry = (next: CosaEntry) => {
    rememberedEntry = next;
    setEntryState(next);
  };
  const [iconBytes, setIconBytes] = useState<Uint8Array | null | undefined>(undefined);
  const [loadFindings, setLoadFindings] = useState<CosaFinding[]>([]);
  const [exportProblem, setExportProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void loadNetworkDirectory().then((loaded) => live && setDirectory(loaded));
    return () => {
      live = false;
    };
  }, []);

  if (!directory) return <p role="status">{t('website.panel.loading')}</p>;

  const findings = [...loadFindings, ...checkCosaEntry(entry, directory, { iconBytes })];
  const hasErrors = findings.some((finding) => finding.severity === 'error');
  const message = (finding: CosaFinding) => translate(language, finding.key, finding.params);
  const findingsAt = (path: string) => findings.filter((finding) => finding.path === path);

  const update = (change: Partial<CosaEntry>) => setEntry({ ...entry, ...change });
  const updateTarget = (index: number, target: CosaTarget) => update({ targets: entry.targets.map((item, at) => (at === index ? target : item)) });
  const updateApn = (index: number, apn: CosaApn) => update({ apns: entry.apns.map((item, at) => (at === index ? apn : item)) });
  const optional = (value: string) => (value === '' ? undefined : value);
  const optionalNumber = (value: string) => (value === '' ? undefined : Number(value));

  const field = (path: string, label: string, control: (inputId: string, invalid: boolean) => ReactNode) => {
    const here = findingsAt(path);
    const inputId = `${id}-${path}`;
    return (
      <div className="website-field" key={path}>
        <label htmlFor={inputId}>{label}</label>
        {control(inputId, here.some((finding) => finding.severity === 'error'))}
        {here.length > 0 && (
          <ul className="website-findings" id={`${inputId}-findings`}>
            {here.map((finding, index) => (
              <li key={index} className={`website-finding website-finding-${finding.severity}`} data-code={finding.code}>
                {t(`website.severity.${finding.severity}`)}: {message(finding)}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  };
  const text = (path: string, label: string, value: string | undefined, onChange: (value: string) => void, type = 'text') =>
    field(path, label, (inputId, invalid) => (
      <input id={inputId} type={type} value={value ?? ''} spellCheck={false} autoComplete="off" aria-invalid={invalid || undefined} onChange={(event) => onChange(event.target.value)} data-testid={`cosa-${path}`} />
    ));
  const select = (path: string, label: string, value: string | number | undefined, options: readonly (string | number)[], onChange: (value: string) => void, optionLabel: (option: string | number) => string = String) =>
    field(path, label, (inputId, invalid) => (
      <select id={inputId} value={value === undefined ? '' : String(value)} aria-invalid={invalid || undefined} onChange={(event) => onChange(event.target.value)} data-testid={`cosa-${path}`}>
        <option value="">—</option>
        {options.map((option) => (
          <option key={option} value={String(option)}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    ));

  async function loadJson(file: File) {
    const read = readCosaJson(await file.text());
    setLoadFindings(read.findings);
    if (read.entry) setEntry(read.entry);
  }

  async function loadIcon(file: File) {
    try {
      setIconBytes(new Uint8Array(await file.arrayBuffer()));
    } catch {
      setIconBytes(null);
    }
    update({ branding: { ...entry.branding, icon: file.name } });
  }

  function exported(format: CosaExportFormat): string | null {
    try {
      setExportProblem(null);
      return exportCosa(entry, format, language);
    } catch (error) {
      if (!(error instanceof CosaExportError)) throw error;
      setExportProblem(`${error.path}: ${t('cosa.export.imsiRangeInCustomizations')}`);
      return null;
    }
  }

  const rangeKindOf = (target: CosaTarget): RangeKind => (target.imsiRange ? 'imsiRange' : target.iccidRange ? 'iccidRange' : 'none');

  return (
    <div className="website-cosa-panel" data-testid="cosa-panel">
      <div className="website-row">
        <label className="website-file">
          {t('cosa.panel.loadJson')}
          <input type="file" accept=".json,application/json" onChange={(event) => event.target.files?.[0] && void loadJson(event.target.files[0])} data-testid="cosa-load" />
        </label>
      </div>

      <fieldset>
        <legend>{t('cosa.panel.operatorSection')}</legend>
        {text('operator', t('cosa.panel.operator'), entry.operator, (value) => update({ operator: value }))}
        {text('country', t('cosa.panel.country'), entry.country, (value) => update({ country: value.toUpperCase() }))}
        {select('updateType', t('cosa.panel.updateType'), entry.updateType, UPDATE_TYPES, (value) => update({ updateType: value as CosaEntry['updateType'] }))}
        {text('spn', 'SPN', entry.spn, (value) => update({ spn: optional(value) }))}
        {text('uiName', t('cosa.panel.uiName'), entry.uiName, (value) => update({ uiName: optional(value) }))}
        {text('uiOrder', t('cosa.panel.uiOrder'), entry.uiOrder === undefined ? '' : String(entry.uiOrder), (value) => update({ uiOrder: optionalNumber(value) }), 'number')}
        {text('accountExperienceUrl', 'AccountExperienceURL', entry.accountExperienceUrl, (value) => update({ accountExperienceUrl: optional(value) }), 'url')}
        {text('appId', t('cosa.panel.appId'), entry.appId, (value) => update({ appId: optional(value) }))}
      </fieldset>

      <fieldset>
        <legend>{t('cosa.panel.targets')}</legend>
        {findingsAt('targets').map((finding, index) => (
          <p key={index} className={`website-finding-${finding.severity}`} data-code={finding.code}>
            {message(finding)}
          </p>
        ))}
        {entry.targets.map((target, index) => {
          const at = `targets[${index}]`;
          const kind = rangeKindOf(target);
          const range = kind === 'none' ? undefined : target[kind];
          return (
            <div className="website-group" key={index} data-testid={`cosa-target-${index}`}>
              {text(`${at}.mcc`, 'MCC', target.mcc, (value) => updateTarget(index, { ...target, mcc: value }))}
              {text(`${at}.mnc`, 'MNC', target.mnc, (value) => updateTarget(index, { ...target, mnc: value }))}
              {select(`${at}.range`, t('cosa.panel.rangeKind'), kind === 'none' ? '' : kind, ['imsiRange', 'iccidRange'], (value) => {
                const { imsiRange: _imsi, iccidRange: _iccid, ...rest } = target;
                const kept = range ?? { start: '', end: '' };
                updateTarget(index, value === '' ? rest : { ...rest, [value]: kept });
              }, (option) => t(option === 'imsiRange' ? 'cosa.panel.rangeImsi' : 'cosa.panel.rangeIccid'))}
              {kind !== 'none' && range && (
                <>
                  {text(`${at}.${kind}.start`, t('cosa.panel.rangeStart'), range.start, (value) => updateTarget(index, { ...target, [kind]: { ...range, start: value } }))}
                  {text(`${at}.${kind}.end`, t('cosa.panel.rangeEnd'), range.end, (value) => updateTarget(index, { ...target, [kind]: { ...range, end: value } }))}
                  {findingsAt(`${at}.${kind}`).map((finding, findingIndex) => (
                    <p key={findingIndex} className={`website-finding-${finding.severity}`} data-code={finding.code}>
                      {message(finding)}
                    </p>
                  ))}
                </>
              )}
              <button type="button" onClick={() => update({ targets: entry.targets.filter((_, at2) => at2 !== index) })}>
                {t('cosa.panel.remove')}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => update({ targets: [...entry.targets, { mcc: '', mnc: '' }] })} data-testid="cosa-add-target">
          {t('cosa.panel.addTarget')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('cosa.panel.apns')}</legend>
        {findingsAt('apns').map((finding, index) => (
          <p key={index} className={`website-finding-${finding.severity}`} data-code={finding.code}>
            {message(finding)}
          </p>
        ))}
        {entry.apns.map((apn, index) => {
          const at = `apns[${index}]`;
          const purposes = apn.purposes ?? [];
          return (
            <div className="website-group" key={index} data-testid={`cosa-apn-${index}`}>
              {text(`${at}.accessString`, t('cosa.panel.accessString'), apn.accessString, (value) => updateApn(index, { ...apn, accessString: value }))}
              {text(`${at}.friendlyName`, t('cosa.panel.friendlyName'), apn.friendlyName, (value) => updateApn(index, { ...apn, friendlyName: optional(value) }))}
              {text(`${at}.userName`, t('cosa.panel.userName'), apn.userName, (value) => updateApn(index, { ...apn, userName: optional(value) }))}
              {text(`${at}.password`, t('cosa.panel.password'), apn.password, (value) => updateApn(index, { ...apn, password: optional(value) }), 'password')}
              {select(`${at}.authProtocol`, t('cosa.panel.authProtocol'), apn.authProtocol, AUTH_PROTOCOLS, (value) => updateApn(index, { ...apn, authProtocol: optional(value) as CosaApn['authProtocol'] }))}
              {select(`${at}.ipType`, t('cosa.panel.ipType'), apn.ipType, IP_TYPES, (value) => updateApn(index, { ...apn, ipType: optional(value) as CosaApn['ipType'] }))}
              {select(`${at}.compression`, t('cosa.panel.compression'), apn.compression, COMPRESSIONS, (value) => updateApn(index, { ...apn, compression: optional(value) as CosaApn['compression'] }))}
              {select(`${at}.roaming`, t('cosa.panel.roaming'), apn.roaming, [0, 1, 2, 3, 4, 5], (value) => updateApn(index, { ...apn, roaming: optionalNumber(value) }))}
              {text(`${at}.autoConnectOrder`, t('cosa.panel.autoConnectOrder'), apn.autoConnectOrder === undefined ? '' : String(apn.autoConnectOrder), (value) => updateApn(index, { ...apn, autoConnectOrder: optionalNumber(value) }), 'number')}
              <fieldset className="website-purposes">
                <legend>{t('cosa.panel.purposes')}</legend>
                {(Object.keys(PURPOSES) as Purpose[]).map((purpose) => (
                  <label key={purpose}>
                    <input
                      type="checkbox"
                      checked={purposes.includes(purpose)}
                      onChange={(event) => updateApn(index, { ...apn, purposes: event.target.checked ? [...purposes, purpose] : purposes.filter((item) => item !== purpose) })}
                      data-testid={`cosa-${at}.purpose-${purpose}`}
                    />
                    {purpose}
                  </label>
                ))}
              </fieldset>
              {findingsAt(`${at}.purposes`).map((finding, findingIndex) => (
                <p key={findingIndex} className={`website-finding-${finding.severity}`} data-code={finding.code}>
                  {message(finding)}
                </p>
              ))}
              <label>
                <input type="checkbox" checked={apn.alwaysOn !== false} onChange={(event) => updateApn(index, { ...apn, alwaysOn: event.target.checked })} />
                {t('cosa.panel.alwaysOn')}
              </label>
              <button type="button" onClick={() => update({ apns: entry.apns.filter((_, at2) => at2 !== index) })}>
                {t('cosa.panel.remove')}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => update({ apns: [...entry.apns, { accessString: '', purposes: ['Internet'], alwaysOn: true }] })} data-testid="cosa-add-apn">
          {t('cosa.panel.addApn')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('cosa.panel.branding')}</legend>
        {text('branding.name', t('cosa.panel.brandingName'), entry.branding?.name, (value) => update({ branding: { ...entry.branding, name: optional(value) } }))}
        {field('branding.icon', t('cosa.panel.brandingIcon'), (inputId, invalid) => (
          <input id={inputId} type="file" accept=".ico" aria-invalid={invalid || undefined} onChange={(event) => event.target.files?.[0] && void loadIcon(event.target.files[0])} data-testid="cosa-branding.icon" />
        ))}
        {select('branding.useOnRoaming', t('cosa.panel.brandingRoaming'), entry.branding?.useOnRoaming, [0, 1, 2], (value) => update({ branding: { ...entry.branding, useOnRoaming: optionalNumber(value) } }))}
        <label>
          <input type="checkbox" checked={entry.supportDataMarketplace === true} onChange={(event) => update({ supportDataMarketplace: event.target.checked || undefined })} />
          {t('cosa.panel.dataMarketplace')}
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('cosa.panel.signer')}</legend>
        {findingsAt('trustedSigner').map((finding, index) => (
          <p key={index} className={`website-finding-${finding.severity}`} data-code={finding.code}>
            {message(finding)}
          </p>
        ))}
        {text('trustedSigner.subjectName', 'Cert Subject Name', entry.trustedSigner?.subjectName, (value) => update({ trustedSigner: { ...entry.trustedSigner, subjectName: optional(value) } }))}
        {text('trustedSigner.issuerName', 'Cert Issuer Name', entry.trustedSigner?.issuerName, (value) => update({ trustedSigner: { ...entry.trustedSigner, issuerName: optional(value) } }))}
        {text('trustedSigner.carrierGuid', 'Carrier GUID', entry.trustedSigner?.carrierGuid, (value) => update({ trustedSigner: { ...entry.trustedSigner, carrierGuid: optional(value) } }))}
      </fieldset>

      <section className="website-result" aria-label={t('cosa.panel.export')}>
        <p className={hasErrors ? 'website-verdict-bad' : 'website-verdict-ok'} data-testid="cosa-verdict" data-valid={!hasErrors}>
          {t(hasErrors ? 'cosa.verdict.invalid' : 'cosa.verdict.valid')} {hasErrors && t('cosa.panel.fixFirst')}
        </p>
        <div className="website-row">
          <button type="button" onClick={() => onSave(writeCosaJson(normaliseEntry(entry)), 'COSA.json')} data-testid="cosa-save-json">
            {t('cosa.panel.saveJson')}
          </button>
          {COSA_EXPORT_FORMATS.map((format) => (
            <span key={format} className="website-export">
              <button
                type="button"
                disabled={hasErrors}
                onClick={() => {
                  const output = exported(format);
                  if (output !== null) onSave(output, DEFAULT_FILE_NAMES[format]);
                }}
                data-testid={`cosa-save-${format}`}
              >
                {t('cosa.panel.save', { name: DEFAULT_FILE_NAMES[format] })}
              </button>
              {(format === 'customizations' || format === 'apndb') && (
                <button
                  type="button"
                  disabled={hasErrors}
                  onClick={() => {
                    const output = exported(format);
                    if (output !== null) onOpenInEditor(output);
                  }}
                  data-testid={`cosa-open-${format}`}
                >
                  {t('cosa.panel.openInEditor', { name: DEFAULT_FILE_NAMES[format] })}
                </button>
              )}
            </span>
          ))}
        </div>
        {exportProblem && (
          <p role="alert" className="website-finding-error" data-testid="cosa-export-problem">
            {exportProblem}
          </p>
        )}
      </section>
    </div>
  );
}
