// The dry run on real files: checks the file against our schemas, asks the signing module's
// verifier about its signature (EV is not required there: whether it is depends on the row of the
// Signature table, which the pure prediction decides), works out whether the PC already knows the
// signer, then predicts with shared/common/semantic/dry-run. Used by `provstudio dry-run`, the
// hosts' semantic.dryRun channel and (later) web-site provisioning.
import type { ProvisioningValidator } from '../common/validation/index';
import { readProvisioningModel, type ProvisioningModel } from '../common/semantic/model';
import { predictDryRun, type DryRunOptions, type Prediction, type SignatureFacts } from '../common/semantic/dry-run';
import { loadSchemaValidator } from './reports/index';
import { sameDistinguishedName, summarizeCertificate } from './signing/certificates';
import { verify } from './signing/verify';

export interface DryRunFileInput extends Pick<DryRunOptions, 'source' | 'sim' | 'wifi' | 'mbn'> {
  /** The file's bytes as they will reach Windows (the signature covers these). */
  bytes: Uint8Array;
  /** The same file decoded. */
  text: string;
  /** The file last applied to this PC, decoded. */
  previousText?: string;
  /** DER certificates this PC trusts: roots for the chain, or signer certificates it already knows (APN database, service metadata). */
  trustedCertificates?: Uint8Array[];
  /** Our schemas compiled; loaded from schemas/ when omitted. */
  validator?: ProvisioningValidator;
  now?: Date;
}

function knownBy(signer: { subject: string; issuer: string }, trusted: Uint8Array[], previous?: ProvisioningModel): boolean {
  for (const der of trusted) {
    try {
      const summary = summarizeCertificate(der);
      if (sameDistinguishedName(summary.subject, signer.subject) && sameDistinguishedName(summary.issuer, signer.issuer)) return true;
    } catch {
      // An unreadable certificate knows no one; the caller reported it when reading it.
    }
  }
  for (const entry of previous?.provisioning?.trustedCertificates?.certificates ?? []) {
    if (entry.subjectName && entry.issuerName && sameDistinguishedName(entry.subjectName.value, signer.subject) && sameDistinguishedName(entry.issuerName.value, signer.issuer)) return true;
  }
  return false;
}

/** Strips 0x and lower-cases: the results file's form of an HRESULT. */
function resultsForm(hresult: string | null): string | undefined {
  return hresult ? hresult.replace(/^0x/i, '').toLowerCase().padStart(8, '0') : undefined;
}

export async function signatureFacts(bytes: Uint8Array, trusted: Uint8Array[], previous?: ProvisioningModel, now?: Date): Promise<SignatureFacts> {
  const verdict = await verify(bytes, { trustedRoots: trusted, useSystemRoots: false, requireEv: false, ...(now ? { now } : {}) });
  const facts: SignatureFacts = { accepted: verdict.accepted };
  const hresult = resultsForm(verdict.hresult);
  if (hresult) facts.hresult = hresult;
  if (!verdict.accepted) facts.code = verdict.code;
  if (verdict.signer) facts.signer = { subject: verdict.signer.subject, issuer: verdict.signer.issuer, ev: verdict.signer.ev, known: knownBy(verdict.signer, trusted, previous) };
  return facts;
}

export async function dryRunFile(input: DryRunFileInput): Promise<Prediction> {
  const model = readProvisioningModel(input.text);
  const previous = input.previousText !== undefined ? readProvisioningModel(input.previousText) : undefined;
  const options: DryRunOptions = { source: input.source, sim: input.sim, wifi: input.wifi, mbn: input.mbn };
  if (previous) options.previous = previous;
  if (model.ok) {
    const validator = input.validator ?? loadSchemaValidator();
    if (validator) {
      const result = validator.validate(input.text, { lint: false });
      const first = result.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
      options.schema = first ? { valid: false, firstError: { message: first.message, line: first.range.start.line, column: first.range.start.column } } : { valid: result.valid };
    }
    if (model.signature) options.signature = await signatureFacts(input.bytes, input.trustedCertificates ?? [], previous, input.now);
  }
  return predictDryRun(model, options);
}
