// The library entry point for servers (bundled as dist/lib/provstudio.mjs): render one
// subscriber's file on demand, then sign it. See docs/subscribers.md and examples/server/.
//
//   import { render, sign, openSigner } from 'provisioning-studio/dist/lib/provstudio.mjs';
//   const signer = await openSigner({ kind: 'pfx', path: 'signer.pfx' }, async () => process.env.PFX_PASSWORD ?? null);
//   const bytes = render(templateText, bindings, { SubscriberId: '310260000000001', ... });
//   const signed = await sign(bytes, signer);
//
// render() checks the row's values against their places, renders through the edit engine and
// validates the file (XSD + lint) before returning it; it throws RenderError otherwise. Compiled
// templates and the compiled schemas are kept between calls.
import { chooseIdentity, oneShotSigner, openKeyStore, type KeyStoreChoice, type SecretProvider } from '../keystores/index';
import type { Signer } from '../signing/sign';

export { sign, SigningError, type Signer, type SignOptions } from '../signing/sign';
export { TemplateError, BindingsError, type Bindings, type Row } from '../../common/subscriber/index';
export { KeyStoreError, type KeyStoreChoice, type SecretProvider } from '../keystores/index';
export { render, RenderError, type RenderOptions } from './render';

/** Opens a key store and the identity the choice names (or its only one); the secret is asked through `secrets`. */
export async function openSigner(choice: KeyStoreChoice, secrets: SecretProvider): Promise<Signer> {
  const store = openKeyStore(choice, secrets);
  let identityId: string;
  try {
    identityId = await chooseIdentity(store, choice);
  } catch (error) {
    await store.close?.();
    throw error;
  }
  return oneShotSigner(store, identityId, secrets);
}

export { createProvisioningHandler, createProvisioningServer, signerFacts, SIGNER_HEADER, type ProvisioningHandlerOptions, type SignerFacts } from './server';
export { languageFromAcceptLanguage } from '../../common/website/handover';
export { readRows, DataFileError, type DataRecord } from './rows';
