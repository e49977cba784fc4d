// Predicting what Windows decides about a signed provisioning file: the profile (one enveloped
// Signature, last child of the root, one Reference to the whole document, one Transform, RSA,
// X509Data only), the digest, the signature value, the chain to a trusted root, and the signer
// certificate's policy (EV, digitalSignature, validity). Each problem becomes a finding with the
// HRESULT Windows reports for it; the first error is the verdict.
import { verify as verifySignatureValue } from 'node:crypto';
import { XmlComment, XmlElement, XmlText, type XmlDocument, type XmlNode } from 'libxml2-wasm';
import type { MessageKey, MessageParams } from '../../common/i18n/index';
import { decodeStrictBase64 } from './base64';
import { canonicalSignedInfo, digestCanonicalDocument, parseXml } from './canonical';
import { buildChain, issuerProblems, readCertificate, sameDistinguishedName, signingCertificateProblems, summarizeCertificate, systemRoots, type CertificateSummary } from './certificates';
import { C14N_1_0, DSIG_NAMESPACE, ENVELOPED_SIGNATURE, HRESULT, digestFromUri, signatureAlgorithmFromUri, type DigestName, type SignatureAlgorithm } from './profile';
import { XmlLocationError, byteOffsetOf, decodeDocument, rootFrameOf, scanLayout, type DecodedDocument, type DocumentLayout } from './xml-bytes';

export type FindingCode =
  | 'notWellFormed'
  | 'doctype'
  | 'notSigned'
  | 'multipleSignatures'
  | 'signatureNotChildOfRoot'
  | 'signatureNotLast'
  | 'signatureStructure'
  | 'canonicalizationMethod'
  | 'signatureMethod'
  | 'multipleReferences'
  | 'referenceUri'
  | 'transformCount'
  | 'transformAlgorithm'
  | 'digestMethod'
  | 'keyInfoContent'
  | 'noCertificate'
  | 'certificateUnreadable'
  | 'keyNotRsa'
  | 'base64Invalid'
  | 'signatureValueInvalid'
  | 'digestMismatch'
  | 'untrustedRoot'
  | 'issuerNotCa'
  | 'issuerNoKeyCertSign'
  | 'pathLengthExceeded'
  | 'certificateExpired'
  | 'certificateNotYetValid'
  | 'noDigitalSignatureUsage'
  | 'notEv'
  | 'noKeyUsageExtension'
  | 'consentRequired';

const HRESULT_OF: Record<FindingCode, string | null> = {
  notWellFormed: null,
  doctype: null,
  notSigned: HRESULT.notSigned,
  multipleSignatures: HRESULT.signatureInvalid,
  signatureNotChildOfRoot: HRESULT.signatureInvalid,
  signatureNotLast: HRESULT.signatureInvalid,
  signatureStructure: HRESULT.signatureInvalid,
  canonicalizationMethod: HRESULT.signatureInvalid,
  signatureMethod: HRESULT.signatureInvalid,
  multipleReferences: HRESULT.signatureInvalid,
  referenceUri: HRESULT.signatureInvalid,
  transformCount: HRESULT.signatureInvalid,
  transformAlgorithm: HRESULT.signatureInvalid,
  digestMethod: HRESULT.signatureInvalid,
  keyInfoContent: HRESULT.signatureInvalid,
  noCertificate: HRESULT.noLeafCertificate,
  certificateUnreadable: HRESULT.noLeafCertificate,
  keyNotRsa: HRESULT.certificateNotValidForSigning,
  base64Invalid: HRESULT.signatureInvalid,
  signatureValueInvalid: HRESULT.signatureInvalid,
  digestMismatch: HRESULT.digestInvalid,
  untrustedRoot: HRESULT.untrustedRoot,
  issuerNotCa: HRESULT.untrustedRoot,
  issuerNoKeyCertSign: HRESULT.untrustedRoot,
  pathLengthExceeded: HRESULT.untrustedRoot,
  certificateExpired: HRESULT.certificateNotValidForSigning,
  certificateNotYetValid: HRESULT.certificateNotValidForSigning,
  noDigitalSignatureUsage: HRESULT.certificateNotValidForSigning,
  notEv: HRESULT.certificateNotValidForSigning,
  noKeyUsageExtension: null,
  consentRequired: null,
};

export interface Finding {
  severity: 'error' | 'info';
  code: FindingCode;
  hresult: string | null;
  messageKey: MessageKey;
  params: MessageParams;
}

export interface Verdict {
  accepted: boolean;
  hresult: string | null;
  code: FindingCode | 'accepted';
  messageKey: MessageKey;
  params: MessageParams;
  signer: CertificateSummary | null;
  chain: CertificateSummary[];
  chainTrusted: boolean;
  findings: Finding[];
  /** A Wi-Fi-only provider's user is asked once to accept an EV signer the file does not list itself. */
  consentRequired?: boolean;
}

export interface VerifyOptions {
  trustedRoots: Uint8Array[];
  useSystemRoots?: boolean;
  now?: Date;
  /** Windows requires EV for files that arrive without mobile-broadband hardware (Wi-Fi providers). Default true. */
  requireEv?: boolean;
}

class Findings {
  readonly list: Finding[] = [];
  add(code: FindingCode, params: MessageParams = {}, severity: 'error' | 'info' = 'error'): void {
    this.list.push({ severity, code, hresult: severity === 'error' ? HRESULT_OF[code] : null, messageKey: `signing.finding.${code}` as MessageKey, params });
  }
  get hasErrors(): boolean {
    return this.list.some((finding) => finding.severity === 'error');
  }
}

/** Thrown inside the profile walk to stop at the first structural problem. */
class ProfileViolation extends Error {}

function isIgnorable(node: XmlNode): boolean {
  return node instanceof XmlComment || (node instanceof XmlText && node.content.trim() === '');
}

function describe(node: XmlNode): string {
  if (node instanceof XmlElement) return `<${node.name}>`;
  if (node instanceof XmlText) return 'text';
  return 'node';
}

/** The element children of `parent`, which must be exactly the dsig elements named in `expected` (trailing ones optional from `optionalFrom`). */
function expectChildren(parent: XmlElement, expected: string[], findings: Findings, optionalFrom = expected.length): XmlElement[] {
  const children: XmlElement[] = [];
  for (let child = parent.firstChild; child; child = child.next) {
    if (isIgnorable(child)) continue;
    if (!(child instanceof XmlElement)) {
      findings.add('signatureStructure', { element: describe(child), parent: parent.name, line: child.line });
      throw new ProfileViolation();
    }
    children.push(child);
  }
  const matches =
    children.length >= optionalFrom &&
    children.length <= expected.length &&
    children.every((child, index) => child.namespaceUri === DSIG_NAMESPACE && child.name === expected[index]);
  if (!matches) {
    const offending = children.find((child, index) => child.namespaceUri !== DSIG_NAMESPACE || child.name !== expected[index]);
    findings.add('signatureStructure', { element: offending ? `<${offending.name}>` : `<${expected[children.length] ?? parent.name}>`, parent: parent.name, line: (offending ?? parent).line });
    throw new ProfileViolation();
  }
  return children;
}

function elementChildren(parent: XmlElement): XmlElement[] {
  const children: XmlElement[] = [];
  for (let child = parent.firstChild; child; child = child.next) if (child instanceof XmlElement) children.push(child);
  return children;
}

function hasNoContent(element: XmlElement): boolean {
  for (let child = element.firstChild; child; child = child.next) if (!isIgnorable(child)) return false;
  return true;
}

function algorithmOf(element: XmlElement): string {
  return element.attr('Algorithm')?.value ?? '';
}

interface SignatureParts {
  signatureAlgorithm: SignatureAlgorithm;
  digest: DigestName;
  digestValue: Buffer;
  signatureValue: Buffer;
  certificates: Uint8Array[];
}

function readSignatureParts(signature: XmlElement, findings: Findings): SignatureParts | null {
  const [signedInfo, signatureValueElement, keyInfo] = expectChildren(signature, ['SignedInfo', 'SignatureValue', 'KeyInfo'], findings, 2);
  const signedInfoChildren = elementChildren(signedInfo!);
  const references = signedInfoChildren.filter((child) => child.namespaceUri === DSIG_NAMESPACE && child.name === 'Reference');
  if (references.length > 1) {
    findings.add('multipleReferences', { count: references.length, line: references[1]!.line });
    throw new ProfileViolation();
  }
  const [canonicalization, signatureMethod, reference] = expectChildren(signedInfo!, ['CanonicalizationMethod', 'SignatureMethod', 'Reference'], findings);
  if (algorithmOf(canonicalization!) !== C14N_1_0 || !hasNoContent(canonicalization!)) {
    findings.add('canonicalizationMethod', { algorithm: algorithmOf(canonicalization!), line: canonicalization!.line });
    throw new ProfileViolation();
  }
  const signatureAlgorithm = signatureAlgorithmFromUri(algorithmOf(signatureMethod!));
  if (!signatureAlgorithm || !hasNoContent(signatureMethod!)) {
    findings.add('signatureMethod', { algorithm: algorithmOf(signatureMethod!), line: signatureMethod!.line });
    throw new ProfileViolation();
  }
  const uri = reference!.attr('URI');
  if (!uri || uri.value !== '') {
    findings.add('referenceUri', { uri: uri ? uri.value : '(none)', line: reference!.line });
    throw new ProfileViolation();
  }
  const [transforms, digestMethod, digestValueElement] = expectChildren(reference!, ['Transforms', 'DigestMethod', 'DigestValue'], findings);
  const transformList = elementChildren(transforms!);
  if (transformList.length !== 1) {
    findings.add('transformCount', { count: transformList.length, line: transforms!.line });
    throw new ProfileViolation();
  }
  const [transform] = expectChildren(transforms!, ['Transform'], findings);
  if (algorithmOf(transform!) !== ENVELOPED_SIGNATURE || !hasNoContent(transform!)) {
    findings.add('transformAlgorithm', { algorithm: algorithmOf(transform!), line: transform!.line });
    throw new ProfileViolation();
  }
  const digest = digestFromUri(algorithmOf(digestMethod!));
  if (!digest || !hasNoContent(digestMethod!)) {
    findings.add('digestMethod', { algorithm: algorithmOf(digestMethod!), line: digestMethod!.line });
    throw new ProfileViolation();
  }
  if (!keyInfo) {
    findings.add('noCertificate', { line: signature.line });
    return null;
  }
  const keyInfoChildren = elementChildren(keyInfo);
  const x509Data = keyInfoChildren[0];
  const onlyX509Data = keyInfoChildren.length === 1 && x509Data!.namespaceUri === DSIG_NAMESPACE && x509Data!.name === 'X509Data';
  const x509Children = onlyX509Data ? elementChildren(x509Data!) : [];
  const offending = onlyX509Data ? x509Children.find((child) => child.namespaceUri !== DSIG_NAMESPACE || child.name !== 'X509Certificate') : keyInfoChildren.find((child) => child.name !== 'X509Data') ?? keyInfoChildren[1];
  if (!onlyX509Data || offending) {
    findings.add('keyInfoContent', { element: offending ? `<${offending.name}>` : '<KeyInfo>', line: (offending ?? keyInfo).line });
    throw new ProfileViolation();
  }
  if (x509Children.length === 0) {
    findings.add('noCertificate', { line: x509Data!.line });
    return null;
  }
  const base64Of = (element: XmlElement): Buffer => {
    const decoded = decodeStrictBase64(element.content);
    if (decoded === null) {
      findings.add('base64Invalid', { element: `<${element.name}>`, line: element.line });
      throw new ProfileViolation();
    }
    return decoded;
  };
  const digestValue = base64Of(digestValueElement!);
  const signatureValue = base64Of(signatureValueElement!);
  const certificates: Uint8Array[] = [];
  for (const child of x509Children) {
    const der = decodeStrictBase64(child.content);
    if (der === null) {
      findings.add('certificateUnreadable', { reason: `<X509Certificate> at line ${child.line} is not valid base64` });
      throw new ProfileViolation();
    }
    certificates.push(new Uint8Array(der));
  }
  return { signatureAlgorithm, digest, digestValue, signatureValue, certificates };
}

/** Locates the single root-level Signature, or records why there is not one. */
function findSignature(document: XmlDocument, findings: Findings): XmlElement | null {
  const signatures = document.find('//ds:Signature', { ds: DSIG_NAMESPACE }).filter((node): node is XmlElement => node instanceof XmlElement);
  if (signatures.length === 0) {
    findings.add('notSigned');
    return null;
  }
  if (signatures.length > 1) {
    findings.add('multipleSignatures', { count: signatures.length, line: signatures[1]!.line });
    return null;
  }
  const signature = signatures[0]!;
  if (!signature.parent || !signature.parent.isSameNode(document.root)) {
    findings.add('signatureNotChildOfRoot', { line: signature.line });
    return null;
  }
  for (let sibling = signature.next; sibling; sibling = sibling.next) {
    if (!(sibling instanceof XmlText && sibling.content.trim() === '')) {
      findings.add('signatureNotLast', { line: signature.line });
      return null;
    }
  }
  return signature;
}

/**
 * The canonical SignedInfo of the document's one root-level Signature, from the file's own bytes
 * (see canonicalSignedInfo). findSignature has already established, on the parsed document, that
 * there is exactly one Signature and that it is the root's last child element.
 */
function signedInfoAsWritten(documentBytes: Uint8Array, decoded: DecodedDocument, layout: DocumentLayout): Buffer {
  const [signature, ...others] = layout.signatures.filter((candidate) => candidate.depth === 1);
  if (!signature || others.length > 0) throw new Error('the byte scan and the parser disagree about the root-level Signature');
  const signatureBytes = documentBytes.subarray(byteOffsetOf(decoded, signature.start), byteOffsetOf(decoded, signature.end));
  return canonicalSignedInfo(rootFrameOf(documentBytes, decoded, layout), signatureBytes);
}

function listedInTrustedCertificates(document: XmlDocument, signer: CertificateSummary): boolean {
  const entries = document.find("/*/*[local-name()='Provisioning']/*[local-name()='TrustedCertificates']/*[local-name()='TrustedCertificate']");
  return entries.some((entry) => {
    if (!(entry instanceof XmlElement)) return false;
    const subject = entry.get("*[local-name()='SubjectName']")?.content.trim() ?? '';
    const issuer = entry.get("*[local-name()='IssuerName']")?.content.trim() ?? '';
    return sameDistinguishedName(subject, signer.subject) && sameDistinguishedName(issuer, signer.issuer);
  });
}

function checkCertificatePolicy(chain: CertificateSummary[], now: Date, requireEv: boolean, findings: Findings): void {
  chain.forEach((certificate, index) => {
    for (const problem of signingCertificateProblems(certificate, now, index === 0 ? 'leaf' : 'issuer')) findings.add(problem.code, problem.params);
  });
  const leaf = chain[0]!;
  if (leaf.digitalSignatureUsage === null) findings.add('noKeyUsageExtension', { subject: leaf.subject }, 'info');
  if (requireEv && !leaf.ev) findings.add('notEv', { subject: leaf.subject });
}

function verdictFrom(findings: Findings, signer: CertificateSummary | null, chain: CertificateSummary[], chainTrusted: boolean, consentRequired?: boolean): Verdict {
  const firstError = findings.list.find((finding) => finding.severity === 'error');
  const base = { signer, chain, chainTrusted, findings: findings.list, ...(consentRequired === undefined ? {} : { consentRequired }) };
  if (firstError) return { accepted: false, hresult: firstError.hresult, code: firstError.code, messageKey: firstError.messageKey, params: firstError.params, ...base };
  return { accepted: true, hresult: null, code: 'accepted', messageKey: 'signing.verdict.accepted', params: { subject: signer?.subject ?? '' }, ...base };
}

export async function verify(documentBytes: Uint8Array, options: VerifyOptions): Promise<Verdict> {
  const findings = new Findings();
  const now = options.now ?? new Date();
  let document: XmlDocument;
  let decoded: DecodedDocument;
  let layout: DocumentLayout;
  try {
    decoded = decodeDocument(documentBytes);
    const scanned = scanLayout(decoded.text);
    if (scanned.hasDoctype) {
      findings.add('doctype');
      return verdictFrom(findings, null, [], false);
    }
    layout = scanned;
    document = parseXml(documentBytes);
  } catch (error) {
    if (!(error instanceof XmlLocationError)) throw error;
    findings.add('notWellFormed', { reason: error.reason, line: error.line, column: error.column });
    return verdictFrom(findings, null, [], false);
  }
  try {
    const signature = findSignature(document, findings);
    if (!signature) return verdictFrom(findings, null, [], false);
    let parts: SignatureParts | null;
    try {
      parts = readSignatureParts(signature, findings);
    } catch (error) {
      if (error instanceof ProfileViolation) return verdictFrom(findings, null, [], false);
      throw error;
    }
    if (!parts) return verdictFrom(findings, null, [], false);

    const [leafDer, ...otherDer] = parts.certificates;
    let signer: CertificateSummary;
    let leafKey;
    try {
      signer = summarizeCertificate(leafDer!);
      leafKey = readCertificate(leafDer!).publicKey;
      otherDer.forEach((der) => readCertificate(der));
    } catch (error) {
      findings.add('certificateUnreadable', { reason: (error as Error).message });
      return verdictFrom(findings, null, [], false);
    }
    if (leafKey.asymmetricKeyType !== 'rsa') {
      findings.add('keyNotRsa', { keyType: signer.keyType });
      return verdictFrom(findings, signer, [signer], false);
    }

    const signedInfo = signedInfoAsWritten(documentBytes, decoded, layout);
    const hash = parts.signatureAlgorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
    if (!verifySignatureValue(hash, signedInfo, leafKey, parts.signatureValue)) findings.add('signatureValueInvalid');

    signature.remove();
    const actualDigest = digestCanonicalDocument(document, parts.digest);
    if (!actualDigest.equals(parts.digestValue)) findings.add('digestMismatch');

    const roots = options.useSystemRoots ? [...options.trustedRoots, ...systemRoots()] : options.trustedRoots;
    const chainResult = buildChain(leafDer!, otherDer, roots);
    const chain = chainResult.chain.map(summarizeCertificate);
    if (!chainResult.trusted) findings.add('untrustedRoot', { issuer: chain.at(-1)!.issuer });
    for (const problem of issuerProblems(chainResult.chain, chainResult.trusted)) findings.add(problem.code, { subject: problem.subject, pathLength: problem.pathLength ?? '' });
    checkCertificatePolicy(chain, now, options.requireEv ?? true, findings);

    let consentRequired: boolean | undefined;
    if (!findings.hasErrors && signer.ev) {
      consentRequired = !listedInTrustedCertificates(document, signer);
      if (consentRequired) findings.add('consentRequired', { subject: signer.subject }, 'info');
    }
    return verdictFrom(findings, signer, chain, chainResult.trusted, consentRequired);
  } finally {
    document.dispose();
  }
}
