// Signing a provisioning document in the Windows profile. The document's own bytes are never
// re-serialised: an existing root-level Signature is cut out by byte range, and the new Signature
// text, written in the document's encoding and line-ending style, goes just before the root's
// end tag. The signer (a key in a file, token or OS store) only ever sees canonical SignedInfo.
import { canonicalSignedInfo, digestCanonicalDocument, parseXml } from './canonical';
import { signingCertificateProblems, summarizeCertificate, type SigningCertificateProblem } from './certificates';
import { C14N_1_0, DIGEST_METHOD_URI, DSIG_NAMESPACE, ENVELOPED_SIGNATURE, HRESULT, SIGNATURE_METHOD_URI, signatureAlgorithmFor, type DigestName, type SignatureAlgorithm } from './profile';
import type { TextEncodingName } from '../../common/ipc';
import { XmlLocationError, byteOffsetOf, decodeDocument, encodeInDocument, lineAndColumn, preferredLineEnding, rootFrameOf, scanLayout, type RootFrame } from './xml-bytes';

export interface Signer {
  /** DER certificates, leaf first, then the chain the signer knows (possibly empty). */
  certificates: Uint8Array[];
  /** Signs data (the canonical SignedInfo bytes) with the private key; hashing is the signer's job. */
  sign(data: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array>;
  /** Releases sessions, handles or helper processes. */
  close?(): Promise<void>;
}

export interface SignOptions {
  digest?: DigestName;
  /** Put the signer's intermediate (and root) certificates after the leaf in X509Data. */
  includeChain?: boolean;
  /**
   * Sign even when Windows will refuse the signing certificate (expired, not yet valid, keyUsage
   * without digitalSignature). Off by default: such a file is refused with 0x8217000D.
   */
  allowInvalidCertificate?: boolean;
  /** The moment the certificate's validity is judged at (default: now). */
  now?: Date;
}

export class SigningError extends Error {
  constructor(
    readonly code: 'doctype' | 'nestedSignature' | 'noCertificate' | 'invalidCertificate',
    message: string,
    /** For invalidCertificate: what Windows will object to, each answered with `hresult`. */
    readonly certificateProblems: SigningCertificateProblem[] = [],
  ) {
    super(message);
  }

  /** The HRESULT Windows answers for a file signed despite certificateProblems. */
  get hresult(): string | null {
    return this.certificateProblems.length > 0 ? HRESULT.certificateNotValidForSigning : null;
  }
}

/** Each signer's certificate is read once: a batch signs thousands of files with the same one. */
const leafSummaries = new WeakMap<Uint8Array, ReturnType<typeof summarizeCertificate>>();

/** What Windows will object to in the signer's own certificate (empty when nothing). */
export function signerCertificateProblems(signer: Pick<Signer, 'certificates'>, now = new Date()): SigningCertificateProblem[] {
  const [leaf] = signer.certificates;
  if (!leaf) return [];
  let summary = leafSummaries.get(leaf);
  if (!summary) {
    summary = summarizeCertificate(leaf);
    leafSummaries.set(leaf, summary);
  }
  return signingCertificateProblems(summary, now, 'leaf');
}

interface ByteRange {
  start: number;
  end: number;
}

function signatureMarkup(parts: { digest: DigestName; digestValue: string; signatureValue: string; certificates: Uint8Array[]; eol: string }): string {
  const { digest, eol } = parts;
  const certificates = parts.certificates.map((der) => `<X509Certificate>${Buffer.from(der).toString('base64')}</X509Certificate>${eol}`).join('');
  return (
    `<Signature xmlns="${DSIG_NAMESPACE}">${eol}` +
    `<SignedInfo>${eol}` +
    `<CanonicalizationMethod Algorithm="${C14N_1_0}" />${eol}` +
    `<SignatureMethod Algorithm="${SIGNATURE_METHOD_URI[signatureAlgorithmFor(digest)]}" />${eol}` +
    `<Reference URI="">${eol}` +
    `<Transforms>${eol}<Transform Algorithm="${ENVELOPED_SIGNATURE}" />${eol}</Transforms>${eol}` +
    `<DigestMethod Algorithm="${DIGEST_METHOD_URI[digest]}" />${eol}` +
    `<DigestValue>${parts.digestValue}</DigestValue>${eol}` +
    `</Reference>${eol}` +
    `</SignedInfo>${eol}` +
    `<SignatureValue>${parts.signatureValue}</SignatureValue>${eol}` +
    `<KeyInfo>${eol}<X509Data>${eol}${certificates}</X509Data>${eol}</KeyInfo>${eol}` +
    `</Signature>`
  );
}

/**
 * Canonical SignedInfo of the Signature about to be inserted. Between the files of a batch only
 * DigestValue changes (same root frame, algorithms and line ends), and base64 needs no escaping in
 * canonical text, so the canonical bytes are computed once per frame with a marker in DigestValue,
 * and each file's digest replaces the marker. Anything else (a marker that does not come out once)
 * is canonicalised in full.
 */
const DIGEST_MARKER = '@provstudio-digest-value@';
const signedInfoTemplates = new Map<string, { before: Buffer; after: Buffer } | null>();

function signedInfoToSign(frame: RootFrame, encoding: TextEncodingName, digest: DigestName, digestValue: string, eol: string): Buffer {
  const draft = (value: string) => encodeInDocument(signatureMarkup({ digest, digestValue: value, signatureValue: '', certificates: [], eol }), encoding);
  const key = `${digest}|${JSON.stringify(eol)}|${encoding}|${Buffer.from(frame.opening).toString('latin1')}|${Buffer.from(frame.closing).toString('latin1')}`;
  let template = signedInfoTemplates.get(key);
  if (template === undefined) {
    const canonical = canonicalSignedInfo(frame, draft(DIGEST_MARKER));
    // Canonical XML is UTF-8; latin1 keeps one character per byte, so offsets are byte offsets.
    const text = canonical.toString('latin1');
    const at = text.indexOf(DIGEST_MARKER);
    template = at !== -1 && text.lastIndexOf(DIGEST_MARKER) === at ? { before: canonical.subarray(0, at), after: canonical.subarray(at + DIGEST_MARKER.length) } : null;
    if (signedInfoTemplates.size >= 16) signedInfoTemplates.clear();
    signedInfoTemplates.set(key, template);
  }
  if (template) return Buffer.concat([template.before, Buffer.from(digestValue, 'latin1'), template.after]);
  return canonicalSignedInfo(frame, draft(digestValue));
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength))));
}

/** Original bytes with the given ranges removed (ranges sorted, non-overlapping). */
function withoutRanges(bytes: Uint8Array, ranges: ByteRange[]): Uint8Array {
  if (ranges.length === 0) return bytes;
  const kept: Uint8Array[] = [];
  let cursor = 0;
  for (const range of ranges) {
    kept.push(bytes.subarray(cursor, range.start));
    cursor = range.end;
  }
  kept.push(bytes.subarray(cursor));
  return concatBytes(kept);
}

/** Throws when Windows would refuse files signed with this signer's certificate (unless the options allow it). */
export function checkSignerCertificate(signer: Pick<Signer, 'certificates'>, options: SignOptions = {}): void {
  if (signer.certificates.length === 0) throw new SigningError('noCertificate', 'the signing identity has no certificate');
  const certificateProblems = signerCertificateProblems(signer, options.now);
  if (certificateProblems.length > 0 && !options.allowInvalidCertificate) {
    const reasons = certificateProblems.map((problem) => problem.code).join(', ');
    throw new SigningError('invalidCertificate', `Windows refuses files signed with this certificate (${reasons}): ${HRESULT.certificateNotValidForSigning}`, certificateProblems);
  }
}

export async function sign(documentBytes: Uint8Array, signer: Signer, options: SignOptions = {}): Promise<Uint8Array> {
  const digest = options.digest ?? 'sha256';
  checkSignerCertificate(signer, options);
  const decoded = decodeDocument(documentBytes);
  const layout = scanLayout(decoded.text);
  if (layout.hasDoctype) throw new SigningError('doctype', 'documents with a DOCTYPE cannot be signed in the Windows profile');
  const nested = layout.signatures.find((signature) => signature.depth !== 1);
  if (nested) {
    const { line, column } = lineAndColumn(decoded.text, nested.start);
    throw new XmlLocationError('a ds:Signature that is not a child of the root element; remove it before signing', line, column);
  }
  const removed: ByteRange[] = layout.signatures.map((signature) => ({ start: byteOffsetOf(decoded, signature.start), end: byteOffsetOf(decoded, signature.end) }));
  const unsigned = withoutRanges(documentBytes, removed);
  const removedBeforeRootEnd = removed.reduce((total, range) => total + (range.end - range.start), 0);
  const rootClosingByte = byteOffsetOf(decoded, layout.rootClosingOffset) - removedBeforeRootEnd;

  const parsed = parseXml(unsigned);
  let digestValue: string;
  try {
    digestValue = digestCanonicalDocument(parsed, digest).toString('base64');
  } finally {
    parsed.dispose();
  }

  const eol = preferredLineEnding(decoded.text);
  const certificates = options.includeChain ? signer.certificates : signer.certificates.slice(0, 1);
  // The root start tag comes before every Signature, so its bytes are the same with or without them.
  const signedInfo = signedInfoToSign(rootFrameOf(documentBytes, decoded, layout), decoded.encoding, digest, digestValue, eol);
  const signatureValue = Buffer.from(await signer.sign(signedInfo, signatureAlgorithmFor(digest))).toString('base64');
  const markup = signatureMarkup({ digest, digestValue, signatureValue, certificates, eol });

  const before = unsigned.subarray(0, rootClosingByte);
  if (layout.rootIsEmptyElement) {
    // <Root/> becomes <Root>Signature</Root>: the only case where bytes outside the Signature change.
    const after = unsigned.subarray(rootClosingByte + encodeInDocument('/>', decoded.encoding).length);
    return concatBytes([before, encodeInDocument(`>${markup}</${layout.rootName}>`, decoded.encoding), after]);
  }
  return concatBytes([before, encodeInDocument(markup, decoded.encoding), unsigned.subarray(rootClosingByte)]);
}
