// The Signature panel: who signed the file, the chain, EV or not, and what Windows would answer
// (with its HRESULT). The verdict is marked stale as soon as the text changes after the check.
// The roots its checks trust are the app's trust list (Settings.trustedRootPaths, kept by the
// host); an untrusted root (0x82170004) offers to add one, and the check runs again at once.
import { useCallback, useEffect, useState } from 'react';
import { HostError, type HostClient, type SignatureReport, type TextEncodingName } from '../../../shared/common/ipc';
import type { monaco } from '../editor/monaco';
import { useI18n } from '../i18n';
import { addTrustedCertificate } from '../../../shared/common/edit/trusted-certificates';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { replaceTextMinimally } from '../editor/model-edits';
import { CertificateFacts } from './CertificateFacts';
import { UnlockedStores } from './UnlockedStores';

export interface SignaturePanelProps {
  client: HostClient;
  model: monaco.editor.ITextModel;
  encoding: TextEncodingName;
  /** A file picker for certificates (.cer, .pem, .crt). */
  chooseCertificateFile(): Promise<string | null>;
  /** The app's trust list for checks (Settings.trustedRootPaths). */
  trustedRoots: readonly string[];
  onTrustedRootsChange(paths: string[]): void;
  onSign(): void;
  onRemoveSignature(): void;
  /** Changes when the app itself signed or unsigned the text: check again at once. */
  checkRequest: number;
}

/** Windows' answer for a chain that ends in a root the PC does not trust. */
const UNTRUSTED_ROOT = '0x82170004';

export function SignaturePanel({ client, model, encoding, chooseCertificateFile, trustedRoots, onTrustedRootsChange, onSign, onRemoveSignature, checkRequest }: SignaturePanelProps) {
  const { t } = useI18n();
  const [useSystemRoots, setUseSystemRoots] = useState(true);
  const [requireEv, setRequireEv] = useState(true);
  const [report, setReport] = useState<SignatureReport | null>(null);
  const [checkedVersion, setCheckedVersion] = useState<number | null>(null);
  const [currentVersion, setCurrentVersion] = useState(model.getAlternativeVersionId());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(async () => {
    setBusy(true);
    setError(null);
    const version = model.getAlternativeVersionId();
    try {
      setReport(await client.invoke('signing.verify', { text: model.getValue(), encoding, trustedRootPaths: [...trustedRoots], useSystemRoots, requireEv }));
      setCheckedVersion(version);
    } catch (caught) {
      setError(caught instanceof HostError ? t(caught.messageKey, caught.params) : t('error.unexpected', { detail: String(caught) }));
    } finally {
      setBusy(false);
    }
  }, [client, model, encoding, trustedRoots, useSystemRoots, requireEv, t]);

  useEffect(() => {
    setCurrentVersion(model.getAlternativeVersionId());
    const subscription = model.onDidChangeContent(() => setCurrentVersion(model.getAlternativeVersionId()));
    return () => subscription.dispose();
  }, [model]);

  // Check when the panel opens, when another document is shown, when the trust settings change,
  // and right after the app signed or removed the signature.
  useEffect(() => {
    void check();
  }, [model, trustedRoots, useSystemRoots, requireEv, checkRequest]);

  const [trustMessage, setTrustMessage] = useState<string | null>(null);

  /** Lists a certificate in Provisioning/TrustedCertificates, as one undoable edit. */
  function trust(names: { subjectName: string; issuerName: string }) {
    const outcome = addTrustedCertificate(model.getValue(), names, BUNDLED_SCHEMA_MODEL);
    if (outcome === null) return setError(t('inspector.notWellFormed'));
    if (!outcome.ok) return setError(t(outcome.messageKey, outcome.params));
    if (!outcome.alreadyListed) replaceTextMinimally(model, outcome.text);
    setTrustMessage(t(outcome.alreadyListed ? 'signature.trustAlready' : 'signature.trustAdded', { subject: names.subjectName }));
  }

  async function trustFromFile() {
    const chosen = await chooseCertificateFile();
    if (!chosen) return;
    try {
      trust(await client.invoke('signing.certificateNames', { path: chosen }));
    } catch (caught) {
      setError(caught instanceof HostError ? t(caught.messageKey, caught.params) : t('error.unexpected', { detail: String(caught) }));
    }
  }

  /** Adds a root certificate the user picks to the checks' trust list (the check then runs again). */
  async function trustRootForChecks() {
    const chosen = await chooseCertificateFile();
    if (!chosen) return;
    try {
      // Read it first: only a certificate file joins the list.
      await client.invoke('signing.certificateNames', { path: chosen });
    } catch (caught) {
      return setError(caught instanceof HostError ? t(caught.messageKey, caught.params) : t('error.unexpected', { detail: String(caught) }));
    }
    if (!trustedRoots.includes(chosen)) onTrustedRootsChange([...trustedRoots, chosen]);
  }

  const stale = report !== null && checkedVersion !== currentVersion;
  const verdictClass = !report ? '' : report.accepted ? 'verdict verdict-ok' : report.signed ? 'verdict verdict-bad' : 'verdict verdict-none';

  return (
    <aside className="side-panel signature-panel" aria-labelledby="signature-title" data-testid="signature-panel">
      <header className="side-panel-header">
        <h2 id="signature-title">{t('signature.title')}</h2>
      </header>
      {report && (
        <div className={verdictClass} data-testid="signature-verdict" role="status">
          {report.accepted ? t('signature.accepted') : report.signed ? t('signature.refused', { hresult: report.hresult ?? '' }) : t('signature.unsigned')}
          <p>{t(report.messageKey, report.params)}</p>
          {report.hresult === UNTRUSTED_ROOT && (
            <div className="side-panel-actions">
              <button type="button" className="primary" onClick={() => void trustRootForChecks()} data-testid="signature-trust-root">
                {t('signature.trustRootForChecks')}
              </button>
              <p className="small">{t('signature.trustRootForChecksNote')}</p>
            </div>
          )}
        </div>
      )}
      {stale && (
        <p className="stale" data-testid="signature-stale" role="alert">
          {t('signature.stale')}
        </p>
      )}
      {report?.consentRequired && <p className="note">{t('signature.consent')}</p>}
      {report?.signer && (
        <section>
          <h3>{t('signature.signer')}</h3>
          <CertificateFacts certificate={report.signer} />
        </section>
      )}
      {report && report.chain.length > 1 && (
        <section>
          <h3>{report.chainTrusted ? t('signature.chainTrusted') : t('signature.chainUntrusted')}</h3>
          <ol className="chain">
            {report.chain.map((certificate) => (
              <li key={certificate.thumbprintSha1}>
                <CertificateFacts certificate={certificate} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {report && report.findings.length > 1 && (
        <section>
          <h3>{t('signature.findings')}</h3>
          <ul className="findings">
            {report.findings.map((finding, index) => (
              <li key={`${finding.code}-${index}`}>
                {finding.hresult && <code>{finding.hresult}</code>} {t(finding.messageKey, finding.params)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <section>
        <h3>{t('signature.trustedCertificates')}</h3>
        <p className="muted small">{t('signature.trustNote')}</p>
        <div className="side-panel-actions">
          {report?.signer && (
            <button type="button" onClick={() => trust({ subjectName: report.signer!.subject, issuerName: report.signer!.issuer })} data-testid="signature-trust-signer">
              {t('signature.trustSigner')}
            </button>
          )}
          <button type="button" onClick={() => void trustFromFile()} data-testid="signature-trust-file">
            {t('signature.trustFromFile')}
          </button>
        </div>
        {trustMessage && (
          <p className="small" role="status" data-testid="signature-trust-message">
            {trustMessage}
          </p>
        )}
      </section>
      <section>
        <h3>{t('signature.trust')}</h3>
        <ul className="roots">
          {trustedRoots.map((root) => (
            <li key={root}>
              <span className="small">{root}</span>
              <button type="button" className="link" onClick={() => onTrustedRootsChange(trustedRoots.filter((other) => other !== root))}>
                {t('signature.removeRoot')}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => void trustRootForChecks()} data-testid="signature-add-root">
          {t('signature.addRoot')}
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={useSystemRoots} onChange={(event) => setUseSystemRoots(event.target.checked)} />
          {t('signature.systemRoots')}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={requireEv} onChange={(event) => setRequireEv(event.target.checked)} />
          {t('signature.requireEv')}
        </label>
      </section>
      <div className="side-panel-actions">
        <button type="button" onClick={() => void check()} disabled={busy} data-testid="signature-verify">
          {busy ? t('signature.checking') : t('signature.verify')}
        </button>
        <button type="button" className="primary" onClick={onSign} data-testid="signature-sign">
          {t('signature.sign')}
        </button>
        <UnlockedStores client={client} refresh={checkRequest} />
        {report?.signed && (
          <button type="button" className="danger" onClick={onRemoveSignature} data-testid="signature-remove">
            {t('signature.remove')}
          </button>
        )}
      </div>
    </aside>
  );
}
