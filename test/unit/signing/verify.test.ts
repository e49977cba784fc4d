// The verdict Windows would give: tampering, every signature-wrapping variant, and the certificate
// policy (expired, non-EV, no digitalSignature, untrusted root), plus the first-use consent model.
import { beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../../shared/node/signing/sign';
import { verify } from '../../../shared/node/signing/verify';
import { issueTestCertificate, type IssuedCertificate } from '../../../shared/node/signing/test-ev-kit';
import { trustedCertificateFromCertificate } from '../../../shared/node/signing/certificates';
import { SAMPLE, signerFor, temporaryDirectory, toolAvailable, writeFixture, xmlsecVerify } from './support';

const DAY = 86_400_000;
let root: IssuedCertificate;
let evSigner: IssuedCertificate;
let signed: string;

/** Signs even with a certificate Windows refuses, so that verify's verdict on it can be checked. */
async function signedWith(certificate: IssuedCertificate, document = SAMPLE): Promise<Uint8Array> {
  return sign(Buffer.from(document), signerFor(certificate), { allowInvalidCertificate: true });
}

beforeAll(async () => {
  root = await issueTestCertificate({ subject: 'CN=Verify Test Root', certificateAuthority: true });
  evSigner = await issueTestCertificate({ subject: 'CN=Verify EV Signer, O=Contoso', issuer: root, ev: true });
  signed = Buffer.from(await signedWith(evSigner)).toString('utf8');
});

async function verdictOf(text: string) {
  return verify(Buffer.from(text), { trustedRoots: [root.der] });
}

describe('verify', () => {
  it('accepts an untouched file and reports first-use consent for an EV signer the file does not list', async () => {
    const verdict = await verdictOf(signed);
    expect(verdict).toMatchObject({ accepted: true, hresult: null, consentRequired: true, signer: { ev: true, subject: 'CN=Verify EV Signer, O=Contoso' } });
    expect(verdict.chain).toHaveLength(2);
  });

  it('needs no consent when the file lists its signer in Provisioning/TrustedCertificates', async () => {
    const entry = trustedCertificateFromCertificate(evSigner.der);
    expect(entry).toMatchObject({ subjectName: 'CN=Verify EV Signer, O=Contoso', issuerName: 'CN=Verify Test Root' });
    const document = SAMPLE.replace('</Global>', `</Global><Provisioning><TrustedCertificates>${entry.xml}</TrustedCertificates></Provisioning>`);
    const verdict = await verify(await signedWith(evSigner, document), { trustedRoots: [root.der] });
    expect(verdict).toMatchObject({ accepted: true, consentRequired: false });
  });

  it('catches one changed character as 0x82170005', async () => {
    const verdict = await verdictOf(signed.replace('310260000000000', '310260000000001'));
    expect(verdict).toMatchObject({ accepted: false, hresult: '0x82170005', code: 'digestMismatch' });
  });

  it('catches a changed SignedInfo as 0x82170003', async () => {
    const verdict = await verdictOf(signed.replace(/<DigestValue>./, '<DigestValue>A'));
    expect(verdict.findings.map((finding) => finding.hresult)).toContain('0x82170003');
    expect(verdict.accepted).toBe(false);
  });

  it('reports an unsigned file as 0x8217000E and malformed XML with its location', async () => {
    expect(await verdictOf(SAMPLE)).toMatchObject({ accepted: false, hresult: '0x8217000E' });
    expect(await verdictOf('<a>\n<b></a>')).toMatchObject({ accepted: false, code: 'notWellFormed', params: { line: 2 } });
  });

  const wrapping: Array<[string, (text: string) => string, string]> = [
    ['two References', (text) => text.replace('</Reference>', '</Reference><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>AA==</DigestValue></Reference>'), 'multipleReferences'],
    ['a second Transform', (text) => text.replace('</Transforms>', '<Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/></Transforms>'), 'transformCount'],
    ['another transform algorithm', (text) => text.replace('xmldsig#enveloped-signature', 'xmldsig#base64'), 'transformAlgorithm'],
    ['Reference URI="#x"', (text) => text.replace('<Reference URI="">', '<Reference URI="#x">'), 'referenceUri'],
    ['Signature not last', (text) => text.replace('</Signature>', '</Signature><Extra xmlns="urn:x"/>'), 'signatureNotLast'],
    ['a second Signature', (text) => text.replace('<Global>', '<Global><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>'), 'multipleSignatures'],
    ['Signature inside a child', (text) => text.replace(/(<Signature [\s\S]*<\/Signature>)<\/CarrierProvisioning>/, '<Wrapper>$1</Wrapper></CarrierProvisioning>'), 'signatureNotChildOfRoot'],
    ['extra KeyInfo content', (text) => text.replace('<KeyInfo>', '<KeyInfo><KeyName>attacker</KeyName>'), 'keyInfoContent'],
    ['extra X509Data content', (text) => text.replace('</X509Data>', '<X509SubjectName>CN=x</X509SubjectName></X509Data>'), 'keyInfoContent'],
    ['an Object element', (text) => text.replace('</KeyInfo>', '</KeyInfo><Object><Data/></Object>'), 'signatureStructure'],
    ['exclusive canonicalization', (text) => text.replace('http://www.w3.org/TR/2001/REC-xml-c14n-20010315', 'http://www.w3.org/2001/10/xml-exc-c14n#'), 'canonicalizationMethod'],
  ];

  it.each(wrapping)('rejects %s as 0x82170003', async (_name, mutate, code) => {
    const mutated = mutate(signed);
    expect(mutated).not.toBe(signed);
    expect(await verdictOf(mutated)).toMatchObject({ accepted: false, hresult: '0x82170003', code });
  });

  it('rejects a Signature without certificates as 0x82170007', async () => {
    const verdict = await verdictOf(signed.replace(/<KeyInfo>[\s\S]*<\/KeyInfo>/, ''));
    expect(verdict).toMatchObject({ accepted: false, hresult: '0x82170007' });
  });

  it('gives the Windows verdicts for certificate problems', async () => {
    const expired = await issueTestCertificate({ subject: 'CN=Expired', issuer: root, ev: true, notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    const nonEv = await issueTestCertificate({ subject: 'CN=Not EV', issuer: root });
    const noDigitalSignature = await issueTestCertificate({ subject: 'CN=No DS', issuer: root, ev: true, digitalSignature: false });
    const otherRoot = await issueTestCertificate({ subject: 'CN=Other Root', certificateAuthority: true });
    const untrusted = await issueTestCertificate({ subject: 'CN=Untrusted', issuer: otherRoot, ev: true });
    const check = async (certificate: IssuedCertificate) => verify(await signedWith(certificate), { trustedRoots: [root.der] });
    expect(await check(expired)).toMatchObject({ accepted: false, hresult: '0x8217000D', code: 'certificateExpired' });
    expect(await check(nonEv)).toMatchObject({ accepted: false, hresult: '0x8217000D', code: 'notEv' });
    expect(await verify(await signedWith(nonEv), { trustedRoots: [root.der], requireEv: false })).toMatchObject({ accepted: true });
    expect(await check(noDigitalSignature)).toMatchObject({ accepted: false, hresult: '0x8217000D', code: 'noDigitalSignatureUsage' });
    expect(await check(untrusted)).toMatchObject({ accepted: false, hresult: '0x82170004', code: 'untrustedRoot' });
    expect(await verify(await signedWith(evSigner), { trustedRoots: [], useSystemRoots: true })).toMatchObject({ accepted: false, hresult: '0x82170004' });
    expect(await verify(Buffer.from(signed), { trustedRoots: [root.der], now: new Date(Date.now() + 5 * 365 * DAY) })).toMatchObject({ code: 'certificateExpired' });
  });
  // sign() canonicalises SignedInfo once per root frame and puts each file's digest into it (the
  // batch case); every file must still carry a SignedInfo whose own canonical form was signed.
  it('files signed one after another with the same root frame each verify, here and in xmlsec1', async () => {
    const directory = temporaryDirectory('provstudio-signedinfo-template-');
    const rootPath = writeFixture(directory, 'root.der', root.der);
    const frame = '<?xml version="1.0" encoding="utf-8"?>\r\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1" xmlns:x="urn:example" xml:lang="fr">';
    for (const id of ['310260000000001', '310260000000002', '310260000000003']) {
      const document = `${frame}<Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>${id}</SubscriberId></Global></CarrierProvisioning>`;
      for (const digest of ['sha256', 'sha1'] as const) {
        const bytes = await sign(Buffer.from(document), signerFor(evSigner), { digest });
        expect(await verify(bytes, { trustedRoots: [root.der] })).toMatchObject({ accepted: true, hresult: null });
        if (toolAvailable('xmlsec1')) expect(xmlsecVerify(writeFixture(directory, `${id}-${digest}.xml`, bytes), rootPath).ok).toBe(true);
      }
    }
    // UTF-16 with the same text: another frame (its own bytes), verified the same way.
    const utf16 = Buffer.from('\uFEFF' + SAMPLE.replace('encoding="utf-8"', 'encoding="UTF-16"'), 'utf16le');
    expect(await verify(await sign(utf16, signerFor(evSigner)), { trustedRoots: [root.der] })).toMatchObject({ accepted: true, hresult: null });
  });
});
