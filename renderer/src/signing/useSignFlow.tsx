// Signing from the app: the Sign dialog for the active document (its signed text replaces the
// document as one undo step), picking a certificate from a key store for TrustedCertificates,
// removing a signature, and the Signature panel's re-check after each of these.
import { useState, type ReactNode } from 'react';
import type { HostClient, KeyStoreOffer } from '../../../shared/common/ipc';
import type { CertificateNames } from '../../../shared/common/edit/trusted-certificates';
import type { DialogApi } from '../components/useDialogs';
import { modelOf, type OpenDocument } from '../documents/documents';
import { replaceTextMinimally } from '../editor/model-edits';
import type { Translate } from '../i18n';
import { textWithoutSignature } from '../../../shared/common/language/signature-removal';
import { SignDialog } from './SignDialog';

export interface SignFlowOptions {
  client: HostClient;
  t: Translate;
  dialogs: DialogApi;
  /** The active document now (read when the dialog finishes). */
  currentId(): string | null;
  activeDocument: OpenDocument | null;
  chooseFile(): Promise<string | null>;
  setStatusMessage(message: string): void;
  /** Shows the Signature panel (after signing). */
  showSignaturePanel(): void;
}

export function useSignFlow({ client, t, dialogs, currentId, activeDocument, chooseFile, setStatusMessage, showSignaturePanel }: SignFlowOptions) {
  const [signatureOffer, setSignatureOffer] = useState<KeyStoreOffer | null>(null);
  /** Choosing a certificate from a key store (for TrustedCertificates): the dialog resolves the promise. */
  const [identityPicker, setIdentityPicker] = useState<{ offer: KeyStoreOffer; resolve(names: CertificateNames | null): void } | null>(null);
  /** Counts the changes the Signature panel should re-check. */
  const [checkRequest, setCheckRequest] = useState(0);

  async function openSignDialog() {
    if (!currentId()) return;
    try {
      setSignatureOffer(await client.invoke('signing.keyStores', undefined));
    } catch (error) {
      dialogs.showError(error);
    }
  }

  /** Lets the user pick an identity from a key store (the identity list shows thumbprints); resolves with its names. */
  async function pickCertificateFromStore(): Promise<CertificateNames | null> {
    const offer = await client.invoke('signing.keyStores', undefined);
    return new Promise((resolve) =>
      setIdentityPicker({
        offer,
        resolve: (names) => {
          setIdentityPicker(null);
          resolve(names);
        },
      }),
    );
  }

  function applySignedText(signedText: string) {
    const id = currentId();
    const model = id ? modelOf(id) : null;
    setSignatureOffer(null);
    if (!model) return;
    replaceTextMinimally(model, signedText);
    showSignaturePanel();
    setCheckRequest((count) => count + 1);
    setStatusMessage(t('status.signed'));
  }

  function removeSignature() {
    const id = currentId();
    const model = id ? modelOf(id) : null;
    const without = model ? textWithoutSignature(model.getValue()) : null;
    if (model && without !== null) replaceTextMinimally(model, without);
    setCheckRequest((count) => count + 1);
  }

  const activeModel = activeDocument ? modelOf(activeDocument.id) : null;
  const dialogElement: ReactNode = (
    <>
      {signatureOffer && activeDocument && activeModel && (
        <SignDialog
          client={client}
          offer={signatureOffer}
          purpose={{ kind: 'sign', text: activeModel.getValue(), encoding: activeDocument.encoding, onSigned: applySignedText }}
          chooseFile={chooseFile}
          onCancel={() => setSignatureOffer(null)}
        />
      )}
      {identityPicker && (
        <SignDialog
          client={client}
          offer={identityPicker.offer}
          purpose={{ kind: 'pick', onPicked: (identity) => identityPicker.resolve({ subjectName: identity.subject, issuerName: identity.issuer }) }}
          chooseFile={chooseFile}
          onCancel={() => identityPicker.resolve(null)}
        />
      )}
    </>
  );

  return { openSignDialog, pickCertificateFromStore, removeSignature, checkRequest, dialogElement };
}
