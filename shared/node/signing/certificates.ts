// Reading X.509 certificates for the signing profile: the facts a person needs to pick or judge
// a signer (subject, issuer, thumbprint, validity, EV policy, key usage) and chain building from a
// leaf to a trusted root. node:crypto checks the signatures; @peculiar/x509 reads the extensions.
import { X509Certificate as NodeCertificate, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { CertificateInfo } from '../../common/ipc';
import { x509 } from './x509';
import { EV_POLICY_OID } from './profile';
import { NAMESPACES } from '../../common/xml/namespaces';

/** The facts a person needs to pick or judge a signer (CertificateInfo), plus what verification checks. */
export interface CertificateSummary extends CertificateInfo {
  /** null when the certificate has no keyUsage extension (then every usage is allowed). */
  digitalSignatureUsage: boolean | null;
  isCertificateAuthority: boolean;
}

export class CertificateReadError extends Error {}

/** Accepts DER, or PEM text with one or more CERTIFICATE blocks; returns DER blocks. */
export function certificatesFromPemOrDer(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
    return blocks.map((block) => new Uint8Array(Buffer.from((block[1] ?? '').replace(/\s+/g, ''), 'base64')));
  }
  return [bytes];
}

export function toPem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

export function readCertificate(der: Uint8Array): NodeCertificate {
  try {
    return new NodeCertificate(Buffer.from(der));
  } catch (error) {
    throw new CertificateReadError(`not an X.509 certificate: ${(error as Error).message}`);
  }
}

export function thumbprintSha1(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

export function keyTypeOf(certificate: NodeCertificate): string {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return `RSA ${details.modulusLength ?? '?'}`;
  if (key.asymmetricKeyType === 'ec') return `EC ${details.namedCurve ?? '?'}`;
  return (key.asymmetricKeyType ?? 'unknown').toUpperCase();
}

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const node = readCertificate(der);
  const parsed = new x509.X509Certificate(new Uint8Array(der));
  const policies = parsed.getExtension(x509.CertificatePolicyExtension)?.policies ?? [];
  const keyUsage = parsed.getExtension(x509.KeyUsagesExtension);
  const basicConstraints = parsed.getExtension(x509.BasicConstraintsExtension);
  return {
    subject: parsed.subject,
    issuer: parsed.issuer,
    serial: parsed.serialNumber.toUpperCase(),
    thumbprintSha1: thumbprintSha1(der),
    notBefore: parsed.notBefore.toISOString(),
    notAfter: parsed.notAfter.toISOString(),
    ev: policies.includes(EV_POLICY_OID),
    digitalSignatureUsage: keyUsage ? (keyUsage.usages & x509.KeyUsageFlags.digitalSignature) !== 0 : null,
    isCertificateAuthority: basicConstraints?.ca ?? false,
    keyType: keyTypeOf(node),
  };
}

export type SigningCertificateProblemCode = 'certificateExpired' | 'certificateNotYetValid' | 'noDigitalSignatureUsage';

export interface SigningCertificateProblem {
  code: SigningCertificateProblemCode;
  params: { subject: string; notBefore?: string; notAfter?: string; role: 'leaf' | 'issuer' };
}

/**
 * Why Windows would refuse a certificate in a signature's chain with 0x8217000D: outside its
 * validity period, or (for the signer itself) a keyUsage extension without digitalSignature.
 * No keyUsage extension at all allows every usage.
 */
export function signingCertificateProblems(certificate: CertificateSummary, now: Date, role: 'leaf' | 'issuer'): SigningCertificateProblem[] {
  const problems: SigningCertificateProblem[] = [];
  const { subject, notBefore, notAfter } = certificate;
  if (now < new Date(notBefore)) problems.push({ code: 'certificateNotYetValid', params: { subject, notBefore, role } });
  if (now > new Date(notAfter)) problems.push({ code: 'certificateExpired', params: { subject, notAfter, role } });
  if (role === 'leaf' && certificate.digitalSignatureUsage === false) problems.push({ code: 'noDigitalSignatureUsage', params: { subject, role } });
  return problems;
}

export interface ChainResult {
  /** Leaf first; ends with the trust anchor when trusted. */
  chain: Uint8Array[];
  trusted: boolean;
}

/**
 * Names and signature only: whether the issuer may issue (CA, keyCertSign, path length) is judged
 * afterwards by issuerProblems, so that a chain through an end-entity certificate is reported as
 * such rather than as a missing issuer.
 */
function issuedBy(subject: NodeCertificate, issuer: NodeCertificate): boolean {
  try {
    return subject.issuer === issuer.subject && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Walks issuer by issuer from the leaf; stops at the first certificate that is, or is issued by, a trusted root. */
export function buildChain(leafDer: Uint8Array, intermediatesDer: Uint8Array[], rootsDer: Uint8Array[]): ChainResult {
  const roots = rootsDer.map((der) => ({ der, certificate: readCertificate(der) }));
  const intermediates = intermediatesDer.map((der) => ({ der, certificate: readCertificate(der) }));
  const rootFingerprints = new Set(roots.map((root) => root.certificate.fingerprint256));
  const chain: Uint8Array[] = [leafDer];
  let current = readCertificate(leafDer);
  for (let step = 0; step < 10; step += 1) {
    if (rootFingerprints.has(current.fingerprint256)) return { chain, trusted: true };
    const root = roots.find((candidate) => issuedBy(current, candidate.certificate));
    if (root) return { chain: [...chain, root.der], trusted: true };
    const next = intermediates.find((candidate) => !chain.includes(candidate.der) && issuedBy(current, candidate.certificate));
    if (!next) break;
    chain.push(next.der);
    current = next.certificate;
  }
  return { chain, trusted: false };
}

export type IssuerProblemCode = 'issuerNotCa' | 'issuerNoKeyCertSign' | 'pathLengthExceeded';

export interface IssuerProblem {
  code: IssuerProblemCode;
  subject: string;
  /** The issuer's pathLenConstraint, for pathLengthExceeded. */
  pathLength?: number;
}

/**
 * RFC 5280 path validation's rules for issuers (6.1.4 (k), (l), (m), (n)), which CryptoAPI and
 * OpenSSL apply too: every certificate that issued another one in the chain (leaf first) must be a
 * CA (basicConstraints cA TRUE), carry keyCertSign when it has a keyUsage extension, and have no
 * more CA certificates below it than its pathLenConstraint allows. A self-signed trust anchor
 * without basicConstraints (an X.509 v1 root) is taken as a CA, as both verifiers do.
 */
export function issuerProblems(chain: Uint8Array[], lastIsTrustAnchor: boolean): IssuerProblem[] {
  const problems: IssuerProblem[] = [];
  chain.forEach((der, index) => {
    if (index === 0) return;
    const certificate = new x509.X509Certificate(new Uint8Array(der));
    const basicConstraints = certificate.getExtension(x509.BasicConstraintsExtension);
    const keyUsage = certificate.getExtension(x509.KeyUsagesExtension);
    const subject = certificate.subject;
    const isAnchor = lastIsTrustAnchor && index === chain.length - 1;
    if (!basicConstraints && isAnchor && certificate.subject === certificate.issuer) return;
    if (!basicConstraints?.ca) problems.push({ code: 'issuerNotCa', subject });
    else if (keyUsage && (keyUsage.usages & x509.KeyUsageFlags.keyCertSign) === 0) problems.push({ code: 'issuerNoKeyCertSign', subject });
    else if (basicConstraints.pathLength !== undefined && index - 1 > basicConstraints.pathLength) problems.push({ code: 'pathLengthExceeded', subject, pathLength: basicConstraints.pathLength });
  });
  return problems;
}

const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem', '/etc/ssl/ca-bundle.pem'];
let systemRootsCache: Uint8Array[] | null = null;

/** The operating system's root bundle where there is one (Linux, BSD); Node's Mozilla list otherwise. */
export function systemRoots(): Uint8Array[] {
  if (systemRootsCache) return systemRootsCache;
  const bundle = SYSTEM_BUNDLES.find((candidate) => existsSync(candidate));
  const pem = bundle ? readFileSync(bundle) : Buffer.from(rootCertificates.join('\n'));
  systemRootsCache = certificatesFromPemOrDer(pem);
  return systemRootsCache;
}

/** Distinguished names compared the forgiving way: RDNs trimmed, case-insensitive, any separator spacing. */
export function sameDistinguishedName(left: string, right: string): boolean {
  const normalize = (name: string) =>
    name
      .split(/\s*[,;]\s*(?=[A-Za-z0-9.]+\s*=)/)
      .map((part) => part.trim().replace(/\s*=\s*/, '=').toLowerCase())
      .join(',');
  return normalize(left) === normalize(right);
}

const BASE_NAMESPACE = NAMESPACES.base;

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface TrustedCertificateEntry {
  subjectName: string;
  issuerName: string;
  /** A ready-to-paste Provisioning/TrustedCertificates/TrustedCertificate element. */
  xml: string;
}

/**
 * The schema types TrustedCertificate as base:CertificateDetails: a SubjectName and an IssuerName
 * (Base namespace, elementFormDefault qualified) compared with the certificate's Subject and Issuer DNs.
 */
export function trustedCertificateFromCertificate(der: Uint8Array): TrustedCertificateEntry {
  const summary = summarizeCertificate(der);
  const xml =
    `<TrustedCertificate xmlns:base="${BASE_NAMESPACE}">` +
    `<base:SubjectName>${escapeText(summary.subject)}</base:SubjectName>` +
    `<base:IssuerName>${escapeText(summary.issuer)}</base:IssuerName>` +
    `</TrustedCertificate>`;
  return { subjectName: summary.subject, issuerName: summary.issuer, xml };
}
