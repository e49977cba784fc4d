// The Simulator panel (View › Web Site Tools › Simulator): the operator's landing page opened by the
// host in Chromium as Windows would (device values appended, nothing but the site reachable), with
// stand-ins for msProvisionNetworks and the ms-settings:wifi-provisioning link that judge the handed
// file as Windows does for a web site. Same run as `provstudio website simulate` (docs/website.md).
import { useId, useState } from 'react';
import { HostError, type HostClient } from '../../../shared/common/ipc';
import type { DeviceValues } from '../../../shared/common/website/account-url';
import type { SimulatedPc, WebsiteSimulation } from '../../../shared/common/website/simulation';
import { useI18n } from '../i18n';
import { AdapterFields, DEFAULT_ADAPTERS, type AdapterChoice } from '../semantic/AdapterFields';

export interface SimulatorPanelProps {
  client: HostClient;
  chooseFile(): Promise<string | null>;
  onOpenInEditor(text: string): void;
}

export function SimulatorPanel({ client, chooseFile, onOpenInEditor }: SimulatorPanelProps) {
  const { t, language } = useI18n();
  const id = useId();
  const [url, setUrl] = useState('https://');
  const [values, setValues] = useState<Record<'SubId' | 'DevId' | 'IccId', string>>({ SubId: '', DevId: '', IccId: '' });
  const [pc, setPc] = useState<SimulatedPc>('windows10-2004');
  const [consent, setConsent] = useState<'accept' | 'decline'>('accept');
  const [adapters, setAdapters] = useState<AdapterChoice>(DEFAULT_ADAPTERS);
  const [trusted, setTrusted] = useState<string[]>([]);
  const [tlsTrust, setTlsTrust] = useState<string[]>([]);
  const [previous, setPrevious] = useState<{ path: string; text: string } | null>(null);
  const [report, setReport] = useState<WebsiteSimulation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choosePrevious() {
    const chosen = await chooseFile();
    if (!chosen) return;
    try {
      setPrevious({ path: chosen, text: (await client.invoke('file.read', { path: chosen })).text });
    } catch (caught) {
      setError(caught instanceof HostError ? t(caught.messageKey, caught.params) : t('error.unexpected', { detail: String(caught) }));
    }
  }

  async function run() {
    setBusy(true);
    setError(null);
    setReport(null);
    const device: DeviceValues = {};
    for (const name of ['SubId', 'DevId', 'IccId'] as const) if (values[name].trim()) device[name] = values[name].trim();
    try {
      setReport(await client.invoke('website.simulate', { url: url.trim(), device, pc, language, ...adapters, consent, trustedPaths: trusted, tlsTrustPaths: tlsTrust, ...(previous ? { previousText: previous.text } : {}) }));
    } catch (caught) {
      setError(caught instanceof HostError ? t(caught.messageKey, caught.params) : t('error.unexpected', { detail: String(caught) }));
    } finally {
      setBusy(false);
    }
  }

  const fileList = (paths: string[], set: (paths: string[]) => void, label: string, testId: string) => (
    <div className="website-field">
      <span>{label}</span>
      <div className="website-row">
        <button
          type="button"
          onClick={() =>
            void chooseFile().then((chosen) => {
              if (chosen && !paths.includes(chosen)) set([...paths, chosen]);
            })
          }
          data-testid={`${testId}-choose`}
        >
          {t('website.sim.panel.chooseFile')}
        </button>
      </div>
      <ul className="website-findings" data-testid={testId}>
        {paths.map((chosen) => (
          <li key={chosen}>
            <span className="small">{chosen}</span>{' '}
            <button type="button" className="link" onClick={() => set(paths.filter((other) => other !== chosen))}>
              {t('semantic.dryrun.clear')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );

  return (
    <div className="website-cosa-panel website-simulator" data-testid="website-simulator">
      <fieldset>
        <legend>{t('website.sim.panel.tab')}</legend>
        <label className="website-field website-wide">
          {t('website.sim.panel.url')}
          <input value={url} onChange={(event) => setUrl(event.target.value)} spellCheck={false} data-testid="simulator-url" />
        </label>
        {(['SubId', 'DevId', 'IccId'] as const).map((name) => (
          <label key={name} className="website-field">
            {t(`website.panel.${name.toLowerCase() as 'subid' | 'devid' | 'iccid'}`)}
            <input value={values[name]} onChange={(event) => setValues({ ...values, [name]: event.target.value })} inputMode="numeric" spellCheck={false} data-testid={`simulator-${name}`} />
          </label>
        ))}
        <label className="website-field">
          {t('website.sim.panel.pc')}
          <select id={`${id}-pc`} value={pc} onChange={(event) => setPc(event.target.value as SimulatedPc)} data-testid="simulator-pc">
            {(['windows10-2004', 'internet-explorer'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`website.sim.pc.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="website-field">
          {t('website.sim.panel.consent')}
          <select value={consent} onChange={(event) => setConsent(event.target.value as 'accept' | 'decline')} data-testid="simulator-consent">
            <option value="accept">{t('website.sim.consentAccepted')}</option>
            <option value="decline">{t('website.sim.consentDeclined')}</option>
          </select>
        </label>
        <AdapterFields
          value={adapters}
          onChange={setAdapters}
          testIdPrefix="simulator" simLabelClassName="website-field"
        />
        {fileList(trusted, setTrusted, t('website.sim.panel.trusted'), 'simulator-trusted')}
        {fileList(tlsTrust, setTlsTrust, t('website.sim.panel.tlsTrust'), 'simulator-tls')}
        <div className="website-field">
          <span>{t('semantic.dryrun.previous')}</span>
          <div className="website-row">
            <span className="small" data-testid="simulator-previous">{previous?.path ?? t('semantic.dryrun.noPrevious')}</span>
            <button type="button" onClick={() => void choosePrevious()}>
              {t('website.sim.panel.chooseFile')}
            </button>
            {previous && (
              <button type="button" className="link" onClick={() => setPrevious(null)}>
                {t('semantic.dryrun.clear')}
              </button>
            )}
          </div>
        </div>
        <p>
          <button type="button" className="primary" onClick={() => void run()} disabled={busy || !url.trim()} data-testid="simulator-run">
            {busy ? t('website.sim.panel.running') : t('website.sim.panel.run')}
          </button>
        </p>
      </fieldset>
      {busy && <p role="status">{t('website.sim.panel.running')}</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {report && <SimulationView report={report} onOpenInEditor={onOpenInEditor} />}
    </div>
  );
}

function SimulationView({ report, onOpenInEditor }: { report: WebsiteSimulation; onOpenInEditor(text: string): void }) {
  const { t } = useI18n();
  return (
    <section className="website-simulation" data-testid="simulator-report" data-success={String(report.success)}>
      <p className={report.success ? 'website-verdict-ok' : 'website-verdict-bad'} role="status" data-testid="simulator-verdict">
        {t(report.success ? 'website.sim.verdict.success' : 'website.sim.verdict.failure')}
      </p>
      <h3>{t('website.sim.panel.requests')}</h3>
      <ul className="website-findings" data-testid="simulator-requests">
        {report.requests.map((request, index) => (
          <li key={index} className={request.otherHost ? 'website-finding-error' : undefined} data-other-host={String(request.otherHost)}>
            {request.otherHost ? t('website.sim.requestBlocked', { method: request.method, url: request.url, host: new URL(request.url).host }) : `${request.status ?? '–'} ${request.method} ${request.url}`}
          </li>
        ))}
        {report.policyViolations.map((violation, index) => (
          <li key={`violation-${index}`} className="website-finding-error" data-testid="simulator-violation">
            {t('website.sim.violation', { blocked: violation.blockedUri, directive: violation.directive })}
          </li>
        ))}
        {report.pageErrors.map((message, index) => (
          <li key={`error-${index}`} className="website-finding-error">
            {t('website.sim.pageError', { message })}
          </li>
        ))}
      </ul>
      <h3>{t('website.sim.panel.handovers')}</h3>
      {report.handovers.length === 0 && <p data-testid="simulator-no-handover">{t(report.clicked ? 'website.sim.noHandover' : 'website.sim.noControl')}</p>}
      {report.handovers.map((handover, index) => (
        <div key={index} className="website-handover" data-testid="simulator-handover" data-result={handover.result}>
          <p>
            {handover.mechanism === 'settings'
              ? t('website.sim.handoverSettings', { url: handover.fileUrl ?? '', size: handover.size, sha256: handover.sha256 })
              : t('website.sim.handoverIe', { size: handover.size, sha256: handover.sha256 })}
          </p>
          {handover.fetchError && <p className="website-finding-error">{t('website.sim.fetchError', { reason: handover.fetchError })}</p>}
          {handover.settingsRefusals.map((refusal) => (
            <p key={refusal} className="website-finding-error">
              {t(`kit.settings.refused.${refusal}`)}
            </p>
          ))}
          {handover.consentAsked && <p>{t('website.sim.consent', { answer: t(handover.result === 5 ? 'website.sim.consentDeclined' : 'website.sim.consentAccepted') })}</p>}
          <p className={handover.result === 0 ? 'website-verdict-ok' : 'website-verdict-bad'} data-testid="simulator-result">
            {t('website.sim.result', { code: handover.result, meaning: t(`website.result.${handover.result}` as 'website.result.0') })}
          </p>
          <p className="small">{handover.rendered.requirementText}</p>
          <ul className="semantic-lines">
            {handover.rendered.lines.map((line, lineIndex) => (
              <li key={lineIndex} className={`semantic-line ${line.severity}`}>
                {line.text}
                {line.hresult ? ` [${line.hresult}${line.symbol ? ` ${line.symbol}` : ''}]` : ''}
              </li>
            ))}
          </ul>
          <div className="website-row">
            {handover.text && (
              <button type="button" onClick={() => onOpenInEditor(handover.text)} data-testid="simulator-open-file">
                {t('website.sim.panel.openFile')}
              </button>
            )}
            <button type="button" onClick={() => onOpenInEditor(handover.prediction.resultXml)} data-testid="simulator-open-results">
              {t('website.sim.panel.openResults')}
            </button>
          </div>
        </div>
      ))}
      {report.pageStatus && <p data-testid="simulator-page-status">{t('website.sim.pageStatus', { text: report.pageStatus })}</p>}
      {report.screenshotPng && (
        <figure className="website-screenshot">
          <img src={`data:image/png;base64,${report.screenshotPng}`} alt={t('website.sim.panel.screenshot')} data-testid="simulator-screenshot" />
          <figcaption className="small">{t('website.sim.panel.screenshot')}</figcaption>
        </figure>
      )}
    </section>
  );
}
