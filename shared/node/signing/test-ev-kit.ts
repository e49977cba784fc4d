// A cross-platform stand-in for the SDK's Install-TestEVCert: a throw-away root CA and an EV
// signing certificate issued by it, written as root.cer (DER, to trust on a test PC) and
// signer.pfx (the key for `provstudio sign --pfx`), with a README of the PowerShell to run.
// issueTestCertificate also makes the "wrong" certificates the tests need (expired, non-EV, ...).
import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { x509, type X509 } from './x509';
import forge from 'node-forge';
import { EV_POLICY_OID } from './profile';

x509.cryptoProvider.set(webcrypto as never);

type CryptoKeyPair = webcrypto.CryptoKeyPair;

const RSA_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]) };
const EC_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface IssuedCertificate {
  der: Uint8Array;
  /** PKCS#8 PEM of the private key. */
  privateKeyPem: string;
  certificate: X509.X509Certificate;
  keys: CryptoKeyPair;
}

export interface IssueOptions {
  subject: string;
  /** Absent: self-signed. */
  issuer?: IssuedCertificate;
  certificateAuthority?: boolean;
  ev?: boolean;
  /** Include keyUsage digitalSignature (default true for end-entity certificates). */
  digitalSignature?: boolean;
  /** Leave the keyUsage extension out entirely. */
  omitKeyUsage?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  keyType?: 'RSA' | 'EC';
  modulusLength?: number;
}

const DAY = 24 * 60 * 60 * 1000;

export async function issueTestCertificate(options: IssueOptions): Promise<IssuedCertificate> {
  const algorithm = options.keyType === 'EC' ? EC_ALGORITHM : { ...RSA_ALGORITHM, modulusLength: options.modulusLength ?? 2048 };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
  const notAfter = options.notAfter ?? new Date(Date.now() + 2 * 365 * DAY);
  const isCa = options.certificateAuthority ?? false;
  const extensions: X509.Extension[] = [new x509.BasicConstraintsExtension(isCa, undefined, true), await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)];
  if (!options.omitKeyUsage) {
    const usages = isCa
      ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature
      : options.digitalSignature === false
        ? x509.KeyUsageFlags.keyEncipherment
        : x509.KeyUsageFlags.digitalSignature;
    extensions.push(new x509.KeyUsagesExtension(usages, true));
  }
  if (options.ev) extensions.push(new x509.CertificatePolicyExtension([EV_POLICY_OID]));
  if (!isCa) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.codeSigning]));
  if (options.issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(options.issuer.certificate));
  const serialNumber = '01' + randomBytes(15).toString('hex');
  const issuerAlgorithm = options.issuer ? (options.issuer.keys.privateKey.algorithm as { name: string }).name === 'ECDSA' ? EC_ALGORITHM : RSA_ALGORITHM : algorithm;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: options.subject,
    issuer: options.issuer ? options.issuer.certificate.subject : options.subject,
    notBefore,
    notAfter,
    signingAlgorithm: issuerAlgorithm,
    publicKey: keys.publicKey,
    signingKey: options.issuer ? options.issuer.keys.privateKey : keys.privateKey,
    extensions,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKeyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
  return { der: new Uint8Array(certificate.rawData), privateKeyPem, certificate, keys };
}

/** A PKCS#12 file holding an RSA key and its certificates (leaf first), 3DES/SHA-1 so every Windows version reads it. */
export function makePfx(privateKeyPem: string, certificatesDer: Uint8Array[], password: string, friendlyName = 'Provisioning Studio test signer'): Uint8Array {
  const key = forge.pki.privateKeyFromPem(privateKeyPem);
  const certificates = certificatesDer.map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')))));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certificates, password, { algorithm: '3des', friendlyName });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

export interface TestEvKit {
  root: IssuedCertificate;
  signer: IssuedCertificate;
  /** The root certificate, DER (root.cer) and PEM (root.pem): the same certificate. */
  rootPath: string;
  rootPemPath: string;
  pfxPath: string;
  readmePath: string;
}

function readme(signerSubject: string): string {
  return [
    'Provisioning Studio test EV kit',
    '',
    `root.cer    test root CA (DER). Trust it only on test machines.`,
    `root.pem    the same root CA as PEM (for tools that want text: openssl, xmlsec1 --trusted-pem, NSS).`,
    `signer.pfx  EV test signing certificate (${signerSubject}) and its key, protected by the password you chose.`,
    '',
    'Sign a file:',
    '  provstudio sign profile.xml -o profile.signed.xml --pfx signer.pfx --password-env PROVSTUDIO_PFX_PASSWORD',
    '',
    'Trust the root on a Windows test PC (elevated PowerShell), like Install-RootCertFromFile:',
    '  Import-Certificate -FilePath .\\root.cer -CertStoreLocation Cert:\\LocalMachine\\Root',
    '',
    'Check it is there, and remove it when testing is over:',
    '  Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object Subject -like "*Provisioning Studio Test Root*"',
    '  Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object Subject -like "*Provisioning Studio Test Root*" | Remove-Item',
    '',
    'Optional: use the signer from the Windows store (provstudio sign --store-thumbprint):',
    '  Import-PfxCertificate -FilePath .\\signer.pfx -CertStoreLocation Cert:\\CurrentUser\\My -Password (Read-Host -AsSecureString)',
    '',
    'Note: Windows treats a certificate as EV only when its root is enabled for the EV policy',
    '(2.23.140.1.1). The SDK cmdlet Install-TestEVCert does that registration; a root imported with',
    'Import-Certificate is trusted but may not be EV-enabled, so a Wi-Fi-only provisioning file can',
    'still be refused on that PC. See docs/signing.md.',
    '',
  ].join('\r\n');
}

export async function makeTestEvKit(outDir: string, password: string, name = 'Provisioning Studio Test'): Promise<TestEvKit> {
  const root = await issueTestCertificate({ subject: `CN=${name} Root CA, O=Provisioning Studio Test`, certificateAuthority: true, notAfter: new Date(Date.now() + 10 * 365 * DAY) });
  const signer = await issueTestCertificate({ subject: `CN=${name} EV Signer, O=Provisioning Studio Test`, issuer: root, ev: true });
  await fs.mkdir(outDir, { recursive: true });
  const rootPath = path.join(outDir, 'root.cer');
  const rootPemPath = path.join(outDir, 'root.pem');
  const pfxPath = path.join(outDir, 'signer.pfx');
  const readmePath = path.join(outDir, 'README.txt');
  await fs.writeFile(rootPath, root.der);
  await fs.writeFile(rootPemPath, new X509Certificate(root.der).toString());
  await fs.writeFile(pfxPath, makePfx(signer.privateKeyPem, [signer.der, root.der], password), { mode: 0o600 });
  await fs.writeFile(readmePath, readme(signer.certificate.subject));
  return { root, signer, rootPath, rootPemPath, pfxPath, readmePath };
}
