// The Sign dialog: choose where the key lives (OS store, token, file), list the identities
// there, pick one, sign. The host signs; PINs and passwords are asked for by the host, outside
// this page (a window of its own in the desktop app, a prompt page of its own that this page
// opens as a window in the browser host). While the host waits for one, the dialog says so and
// can cancel it. The host then keeps the store unlocked for a while: the Lock button locks it.
import { useRef, useState } from 'react';
import {
  HostError,
  type BatchSigningRequest,
  type HostClient,
  type KeyStoreKind,
  type KeyStoreOffer,
  type KeyStoreSelection,
  type SigningIdentity,
  type TextEncodingName,
} from '../../../shared/common/ipc';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { CertificateFacts } from './CertificateFacts';
import { SecretWaitingNotice } from './SecretWaitingNotice';
import { UnlockedStores } from './UnlockedStores';
import { useSecretQuestion } from './useSecretQuestion';

/**
 * Sign the document with the chosen identity, only pick an identity (its certificate is what is
 * wanted), or choose the key a batch of per-subscriber files is signed with (the host signs them).
 */
export type SignDialogPurpose =
  | { kind: 'sign'; text: string; encoding: TextEncodingName; onSigned(signedText: string): void }
  | { kind: 'pick'; onPicked(identity: SigningIdentity): void }
  | { kind: 'batch'; onChosen(signing: BatchSigningRequest, identity: SigningIdentity): void };

export interface SignDialogProps {
  client: HostClient;
  offer: KeyStoreOffer;
  purpose: SignDialogPurpose;
  /** Lets the user browse for a key, certificate or module file. */
  chooseFile(): Promise<string | null>;
  onCancel(): void;
}

interface StoreFields {
  pfxPath: string;
  pemKeyPath: string;
  pemCertificatePath: string;
  pkcs11Module: string;
  tokenLabel: string;
  nssDirectory: string;
  windowsLocation: 'CurrentUser' | 'LocalMachine';
}

function selectionOf(kind: KeyStoreKind, fields: StoreFields): KeyStoreSelection | null {
  switch (kind) {
    case 'pfx':
      return fields.pfxPath ? { kind, path: fields.pfxPath } : null;
    case 'pem':
      return fields.pemKeyPath && fields.pemCertificatePath ? { kind, keyPath: fields.pemKeyPath, certificatePath: fields.pemCertificatePath } : null;
    case 'pkcs11':
      return fields.pkcs11Module ? { kind, modulePath: fields.pkcs11Module, ...(fields.tokenLabel ? { tokenLabel: fields.tokenLabel } : {}) } : null;
    case 'nss':
      return fields.nssDirectory ? { kind, databaseDirectory: fields.nssDirectory } : null;
    case 'windows':
      return { kind, location: fields.windowsLocation };
    case 'keychain':
      return { kind };
  }
}

export function SignDialog({ client, offer, purpose, chooseFile, onCancel }: SignDialogProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<KeyStoreKind>(offer.kinds.includes('windows') ? 'windows' : offer.kinds.includes('keychain') ? 'keychain' : 'pfx');
  const [fields, setFields] = useState<StoreFields>({
    pfxPath: '',
    pemKeyPath: '',
    pemCertificatePath: '',
    pkcs11Module: offer.pkcs11Modules[0] ?? '',
    tokenLabel: '',
    nssDirectory: offer.nssDatabase ?? '',
    windowsLocation: 'CurrentUser',
  });
  const [identities, setIdentities] = useState<SigningIdentity[] | null>(null);
  const [identityId, setIdentityId] = useState<string | null>(null);
  const [digest, setDigest] = useState<'sha256' | 'sha1'>('sha256');
  const [includeChain, setIncludeChain] = useState(false);
  const [busy, setBusy] = useState<'listing' | 'signing' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Windows refused the chosen certificate (0x8217000D): the user may sign anyway, only by ticking
  // the box that names the consequence; any other choice of key clears both.
  const [refusedHresult, setRefusedHresult] = useState<string | null>(null);
  const [signAnyway, setSignAnyway] = useState(false);
  const clearRefusal = () => {
    setRefusedHresult(null);
    setSignAnyway(false);
  };

  const secret = useSecretQuestion(client, busy !== null);
  /** The user cancelled the host's question: the failure it causes is no error. */
  const cancelledQuestion = useRef(false);
  const selection = selectionOf(kind, fields);
  const update = (patch: Partial<StoreFields>) => {
    setFields((previous) => ({ ...previous, ...patch }));
    setIdentities(null);
    setIdentityId(null);
    clearRefusal();
  };
  const describe = (caught: unknown) => {
    if (cancelledQuestion.current && caught instanceof HostError && caught.code === 'keystore.secretMissing') return t('sign.secretCancelled');
    return caught instanceof HostError ? t(caught.messageKey, caught.params) : t('error.unexpected', { detail: String(caught) });
  };
  const cancelQuestion = async () => {
    cancelledQuestion.current = true;
    await secret.cancel().catch(() => undefined);
  };
  const cancelDialog = () => {
    void cancelQuestion();
    onCancel();
  };

  async function listIdentities() {
    if (!selection) return;
    setBusy('listing');
    setError(null);
    cancelledQuestion.current = false;
    try {
      const found = await client.invoke('signing.listIdentities', { store: selection });
      setIdentities(found);
      setIdentityId(found.length === 1 ? found[0]!.id : null);
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(null);
    }
  }

  async function signNow() {
    if (!selection || !identityId) return;
    if (purpose.kind === 'pick' || purpose.kind === 'batch') {
      const identity = identities?.find((candidate) => candidate.id === identityId);
      if (identity && purpose.kind === 'pick') purpose.onPicked(identity);
      if (identity && purpose.kind === 'batch') purpose.onChosen({ store: selection, identityId, digest, includeChain }, identity);
      return;
    }
    setBusy('signing');
    setError(null);
    cancelledQuestion.current = false;
    try {
      const signed = await client.invoke('signing.sign', {
        text: purpose.text,
        encoding: purpose.encoding,
        store: selection,
        identityId,
        digest,
        includeChain,
        allowInvalidCertificate: refusedHresult !== null && signAnyway,
      });
      purpose.onSigned(signed.text);
    } catch (caught) {
      if (caught instanceof HostError && caught.code === 'signing.invalidCertificate') setRefusedHresult(String(caught.params.hresult || '0x8217000D'));
      setError(describe(caught));
      setBusy(null);
    }
  }

  const pathField = (id: string, label: string, value: string, onChange: (value: string) => void) => (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <div className="input-with-button">
        <input id={id} value={value} onChange={(event) => onChange(event.target.value)} spellCheck={false} data-testid={id} />
        <button type="button" onClick={() => void chooseFile().then((chosen) => chosen && onChange(chosen))}>
          {t('sign.browse')}
        </button>
      </div>
    </div>
  );

  return (
    <Modal
      title={t(purpose.kind === 'pick' ? 'sign.pickTitle' : purpose.kind === 'batch' ? 'sign.batchTitle' : 'sign.title')}
      onCancel={cancelDialog}
      testId="sign-dialog"
      wide
      actions={
        <>
          <button type="button" onClick={cancelDialog}>
            {t('confirm.cancel')}
          </button>
          <button type="button" className="primary" disabled={!identityId || busy !== null} onClick={() => void signNow()} data-testid="sign-confirm">
            {purpose.kind === 'pick' ? t('sign.useCertificate') : purpose.kind === 'batch' ? t('sign.useForBatch') : busy === 'signing' ? t('sign.signing') : refusedHresult !== null && signAnyway ? t('sign.signAnyway') : t('sign.sign')}
          </button>
        </>
      }
    >
      <fieldset className="store-kinds">
        <legend>{t('sign.store')}</legend>
        {offer.kinds.map((candidate) => (
          <label key={candidate} className="radio">
            <input type="radio" name="store-kind" value={candidate} checked={kind === candidate} onChange={() => (setKind(candidate), setIdentities(null), setIdentityId(null), clearRefusal())} />
            {t(`sign.store.${candidate}`)}
          </label>
        ))}
      </fieldset>

      {kind === 'pfx' && pathField('sign-pfx-path', t('sign.pfxPath'), fields.pfxPath, (value) => update({ pfxPath: value }))}
      {kind === 'pem' && (
        <>
          {pathField('sign-pem-key', t('sign.pemKey'), fields.pemKeyPath, (value) => update({ pemKeyPath: value }))}
          {pathField('sign-pem-cert', t('sign.pemCertificate'), fields.pemCertificatePath, (value) => update({ pemCertificatePath: value }))}
        </>
      )}
      {kind === 'pkcs11' && (
        <>
          {pathField('sign-pkcs11-module', t('sign.pkcs11Module'), fields.pkcs11Module, (value) => update({ pkcs11Module: value }))}
          {offer.pkcs11Modules.length > 0 && (
            <p className="muted small">{t('sign.pkcs11Found', { modules: offer.pkcs11Modules.join(', ') })}</p>
          )}
          {fields.pkcs11Module && (
            <p className="small" data-testid="sign-pkcs11-will-load">
              {t('sign.pkcs11WillLoad', { path: fields.pkcs11Module })}
            </p>
          )}
          <div className="form-row">
            <label htmlFor="sign-token-label">{t('sign.tokenLabel')}</label>
            <input id="sign-token-label" value={fields.tokenLabel} onChange={(event) => update({ tokenLabel: event.target.value })} />
          </div>
        </>
      )}
      {kind === 'nss' && pathField('sign-nss-directory', t('sign.nssDirectory'), fields.nssDirectory, (value) => update({ nssDirectory: value }))}
      {kind === 'windows' && (
        <div className="form-row">
          <label htmlFor="sign-windows-location">{t('sign.windowsLocation')}</label>
          <select
            id="sign-windows-location"
            value={fields.windowsLocation}
            onChange={(event) => update({ windowsLocation: event.target.value as StoreFields['windowsLocation'] })}
          >
            <option value="CurrentUser">CurrentUser\My</option>
            <option value="LocalMachine">LocalMachine\My</option>
          </select>
        </div>
      )}

      <p className="muted small" data-testid="sign-secret-note">
        {t(offer.secretPrompt === 'promptPage' ? 'sign.secretInPromptPage' : 'sign.secretInWindow')}
      </p>
      <SecretWaitingNotice secret={secret} onCancel={() => void cancelQuestion()} />
      <UnlockedStores client={client} refresh={busy} />
      <button type="button" onClick={() => void listIdentities()} disabled={!selection || busy !== null} data-testid="sign-list">
        {busy === 'listing' ? t('sign.listing') : t('sign.listIdentities')}
      </button>

      {identities && identities.length === 0 && <p className="muted">{t('sign.noIdentities')}</p>}
      {identities && identities.length > 0 && (
        <fieldset className="identities" data-testid="sign-identities">
          <legend>{t('sign.identities')}</legend>
          {identities.map((identity) => (
            <label key={identity.id} className="identity">
              <input type="radio" name="identity" checked={identityId === identity.id} onChange={() => (setIdentityId(identity.id), clearRefusal())} />
              <CertificateFacts certificate={identity} />
              {identity.keyIdHex !== undefined && (
                <span className="muted small" data-testid="sign-token-objects">
                  {t('sign.tokenObjects', { keyLabel: identity.keyLabel ?? '—', certificateLabel: identity.certificateLabel ?? '—', keyId: identity.keyIdHex || '—' })}
                </span>
              )}
            </label>
          ))}
        </fieldset>
      )}

      {purpose.kind !== 'pick' && (
        <div className="form-row inline">
          <label htmlFor="sign-digest">{t('sign.digest')}</label>
          <select id="sign-digest" value={digest} onChange={(event) => setDigest(event.target.value as 'sha256' | 'sha1')}>
            <option value="sha256">RSA-SHA256 / SHA-256</option>
            <option value="sha1">RSA-SHA1 / SHA-1 ({t('sign.oldTargets')})</option>
          </select>
          <label className="checkbox">
            <input type="checkbox" checked={includeChain} onChange={(event) => setIncludeChain(event.target.checked)} />
            {t('sign.includeChain')}
          </label>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="sign-error">
          {error}
        </p>
      )}
      {purpose.kind === 'sign' && refusedHresult !== null && (
        <div className="sign-override" data-testid="sign-override">
          <p className="warning-text">{t('sign.override.warning', { hresult: refusedHresult })}</p>
          <label className="checkbox">
            <input type="checkbox" checked={signAnyway} onChange={(event) => setSignAnyway(event.target.checked)} data-testid="sign-override-check" />
            {t('sign.override.confirm', { hresult: refusedHresult })}
          </label>
        </div>
      )}
    </Modal>
  );
}
