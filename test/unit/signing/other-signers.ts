// Signing with tools other than ours, for the interop tests: xmlsec1 from a template (the way
// carriers' back ends and `xmlsec1 --sign` users do it) and the JDK's javax.xml.crypto.dsig through
// test/fixtures/signing/java/SignXml.java. Plus the two ways files travel afterwards: base64 put on
// one line, and CRLF line ends with a UTF-8 byte-order mark.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpensslCertificate } from './openssl-pki';

const JAVA_SIGNER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/signing/java/SignXml.java');
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

const ALGORITHMS = {
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
};

/** An xmlsec1 template: SignedInfo with no white space between elements, or indented, with or without a ds: prefix. */
export function template(layout: 'compact' | 'indented', prefix: '' | 'ds'): string {
  const p = prefix ? `${prefix}:` : '';
  const xmlns = prefix ? `xmlns:${prefix}="${DSIG}"` : `xmlns="${DSIG}"`;
  const parts = [
    [0, `<${p}Signature ${xmlns}>`],
    [1, `<${p}SignedInfo>`],
    [2, `<${p}CanonicalizationMethod Algorithm="${ALGORITHMS.c14n}"/>`],
    [2, `<${p}SignatureMethod Algorithm="${ALGORITHMS.rsaSha256}"/>`],
    [2, `<${p}Reference URI="">`],
    [3, `<${p}Transforms>`],
    [4, `<${p}Transform Algorithm="${ALGORITHMS.enveloped}"/>`],
    [3, `</${p}Transforms>`],
    [3, `<${p}DigestMethod Algorithm="${ALGORITHMS.sha256}"/>`],
    [3, `<${p}DigestValue/>`],
    [2, `</${p}Reference>`],
    [1, `</${p}SignedInfo>`],
    [1, `<${p}SignatureValue/>`],
    [1, `<${p}KeyInfo>`],
    [2, `<${p}X509Data/>`],
    [1, `</${p}KeyInfo>`],
    [0, `</${p}Signature>`],
  ] as const;
  if (layout === 'compact') return parts.map(([, markup]) => markup).join('');
  return parts.map(([depth, markup], index) => `${index === 0 ? '' : '\n  '}${'  '.repeat(depth)}${markup}`).join('');
}

export function withTemplate(document: string, signatureTemplate: string): string {
  return document.replace('</CarrierProvisioning>', `  ${signatureTemplate}\n</CarrierProvisioning>`);
}

/** SignatureValue and X509Certificate on one line (neither is inside SignedInfo, so the signature stays valid). */
export function unwrapBase64(text: string): string {
  return text.replace(/(<(?:\w+:)?(?:SignatureValue|X509Certificate)>)([^<]*)(<\/)/g, (_match, open: string, value: string, close: string) => `${open}${value.replace(/\s+/g, '')}${close}`);
}

/** The same file as a Windows editor saves it: CRLF line ends and a UTF-8 byte-order mark. */
export function withCrlfAndBom(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bytes.toString('utf8').replace(/\r?\n/g, '\r\n'), 'utf8')]);
}

/** xmlsec1 --sign of `templateText` with the leaf's key, writing the leaf and `chain` into X509Data. */
export function xmlsecSign(templateText: string, leaf: OpensslCertificate, chain: OpensslCertificate[], output: string): void {
  const templates = path.join(path.dirname(output), 'templates');
  mkdirSync(templates, { recursive: true });
  const templatePath = path.join(templates, path.basename(output));
  writeFileSync(templatePath, templateText);
  const keys = [leaf.keyPath, leaf.certificatePath, ...chain.map((certificate) => certificate.certificatePath)].join(',');
  const result = spawnSync('xmlsec1', ['--sign', '--privkey-pem', keys, '--output', output, templatePath], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`xmlsec1 --sign ${output}: ${result.stderr}`);
}

export interface JdkSignJob {
  leaf: OpensslCertificate;
  chain: OpensslCertificate[];
  /** "ds" for ds:Signature, "-" for the default namespace. */
  prefix: string;
  input: string;
  output: string;
}

/** One JVM signs every job; `unwrappedBase64` sets the JDK's ignoreLineBreaks (otherwise it wraps at 76 with &#13;). */
export function jdkSign(jobs: JdkSignJob[], unwrappedBase64: boolean): void {
  const lines = jobs.map((job) => [job.leaf.keyPath, [job.leaf, ...job.chain].map((certificate) => certificate.certificatePath).join(','), job.prefix, job.input, job.output].join('\t'));
  const properties = unwrappedBase64 ? ['-Dcom.sun.org.apache.xml.internal.security.ignoreLineBreaks=true'] : [];
  const result = spawnSync('java', [...properties, JAVA_SIGNER], { input: lines.join('\n') + '\n', encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`java SignXml: ${result.stdout}${result.stderr}`);
}
