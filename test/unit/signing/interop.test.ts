// Signatures made by other tools must verify (issue 12, section 1): files signed by xmlsec1 from a
// template and by the JDK's javax.xml.crypto.dsig, with compact and indented SignedInfo, base64
// wrapped and on one line, with and without the intermediate certificate, on a document with
// comments, non-ASCII text and inherited namespace/xml:lang context, each also saved with CRLF
// line ends and a byte-order mark. Certificates come from the openssl command line. Every file is
// first checked by xmlsec1 and the JDK verifier (so the corpus is right independently of us), then
// by `provstudio verify` and by the Signature panel's host channel (file.read + signing.verify).
// Each file tampered in one byte must be refused by all of them, with Windows' HRESULT from us.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { createHostHandlers, dispatch } from '../../../shared/node/host';
import { CA_EXTENSIONS, EV_SIGNER_EXTENSIONS, OpensslPki, type OpensslCertificate } from './openssl-pki';
import { jdkSign, template, unwrapBase64, withCrlfAndBom, withTemplate, xmlsecSign } from './other-signers';
import { javaVerify, temporaryDirectory, toolAvailable } from './support';
import { captureCli } from '../../support/cli';


/** Comments, non-ASCII text, an extra namespace and xml:lang on the root that SignedInfo inherits in C14N 1.0. */
const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported by the carrier's back end -->
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xml:lang="fr-FR">
  <Global>
    <!-- Opérateur : Télécom Ünïcode – 日本語 -->
    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
  <MBNProfiles>
    <DefaultProfile xmlns="http://www.microsoft.com/networking/WWAN/profile/v1">
      <Name>Données mobiles – Société Générale des Télécoms</Name>
      <IsDefault>true</IsDefault>
      <ProfileCreationType>DeviceProvisioned</ProfileCreationType>
      <SubscriberID>310260000000000</SubscriberID>
      <SimIccID>8901260000000000000</SimIccID>
      <HomeProviderName>Télécom</HomeProviderName>
      <AutoConnectOnInternet>true</AutoConnectOnInternet>
      <ConnectionMode>auto</ConnectionMode>
    </DefaultProfile>
  </MBNProfiles>
</CarrierProvisioning>
`;

/** One byte of the signed content changed: Windows reports a digest mismatch. */
function tamperContent(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const at = text.indexOf('310260000000000');
  expect(at).toBeGreaterThan(0);
  const copy = Buffer.from(bytes);
  copy[at + 14] = '1'.charCodeAt(0);
  return copy;
}

/** One base64 character of SignatureValue changed: the signature no longer matches SignedInfo. */
function tamperSignatureValue(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const at = /<(?:\w+:)?SignatureValue>\s*/.exec(text);
  expect(at).not.toBeNull();
  const position = at!.index + at![0].length + 5;
  const copy = Buffer.from(bytes);
  copy[position] = copy[position] === 'A'.charCodeAt(0) ? 'B'.charCodeAt(0) : 'A'.charCodeAt(0);
  return copy;
}

interface SignedFile {
  name: string;
  path: string;
  /** Certificates the file's X509Data holds besides the leaf. */
  withChain: boolean;
}

async function provstudioVerify(file: string, root: string): Promise<{ exitCode: number; hresult: string | null; code: string }> {
  const { io, out } = captureCli({ cwd: path.dirname(file) });
  const exitCode = await runCli(['verify', file, '--trusted-root', root, '--format', 'json'], io);
  const verdict = JSON.parse(out()) as { hresult: string | null; code: string };
  return { exitCode, hresult: verdict.hresult, code: verdict.code };
}

function xmlsecVerdict(file: string, root: string): boolean {
  return spawnSync('xmlsec1', ['--verify', '--trusted-pem', root, file], { encoding: 'utf8' }).status === 0;
}

const toolsPresent = toolAvailable('xmlsec1') && toolAvailable('openssl', ['version']) && toolAvailable('java', ['-version']);

describe.runIf(toolsPresent)('signatures made by xmlsec1 and the JDK verify', () => {
  let directory: string;
  let root: OpensslCertificate;
  const signed: SignedFile[] = [];
  const tampered: Array<{ name: string; path: string; hresult: string; code: string }> = [];
  let javaVerdicts: Map<string, string>;

  beforeAll(() => {
    directory = temporaryDirectory('provstudio-interop-');
    const pki = new OpensslPki(path.join(directory, 'pki'));
    root = pki.issue({ name: 'Interop Root', extensions: CA_EXTENSIONS, startDate: '20200101000000Z', endDate: '20450101000000Z' });
    const intermediate = pki.issue({ name: 'Interop Intermediate', issuer: root, extensions: [...CA_EXTENSIONS, 'authorityKeyIdentifier=keyid'] });
    const chainedLeaf = pki.issue({ name: 'Interop EV Signer', issuer: intermediate, extensions: EV_SIGNER_EXTENSIONS });
    const directLeaf = pki.issue({ name: 'Interop Direct EV Signer', issuer: root, extensions: EV_SIGNER_EXTENSIONS });
    const unsignedPath = path.join(directory, 'unsigned.xml');
    writeFileSync(unsignedPath, DOCUMENT);

    const signWithXmlsec = (name: string, signatureTemplate: string, leaf: OpensslCertificate, chain: OpensslCertificate[]) => {
      const output = path.join(directory, `${name}.xml`);
      xmlsecSign(withTemplate(DOCUMENT, signatureTemplate), leaf, chain, output);
      signed.push({ name, path: output, withChain: chain.length > 0 });
      return output;
    };
    signWithXmlsec('xmlsec-compact-chain', template('compact', ''), chainedLeaf, [intermediate]);
    signWithXmlsec('xmlsec-compact-leaf', template('compact', ''), directLeaf, []);
    signWithXmlsec('xmlsec-indented-chain', template('indented', ''), chainedLeaf, [intermediate]);
    signWithXmlsec('xmlsec-indented-leaf', template('indented', ''), directLeaf, []);
    signWithXmlsec('xmlsec-ds-prefix-indented-chain', template('indented', 'ds'), chainedLeaf, [intermediate]);
    const unwrapped = signWithXmlsec('xmlsec-compact-chain-unwrapped', template('compact', ''), chainedLeaf, [intermediate]);
    writeFileSync(unwrapped, unwrapBase64(readFileSync(unwrapped, 'utf8')));

    const javaJobs = (lines: Array<[string, OpensslCertificate, OpensslCertificate[], string]>, unwrappedBase64: boolean) => {
      const jobs = lines.map(([name, leaf, chain, prefix]) => {
        const output = path.join(directory, `${name}.xml`);
        signed.push({ name, path: output, withChain: chain.length > 0 });
        return { leaf, chain, prefix, input: unsignedPath, output };
      });
      jdkSign(jobs, unwrappedBase64);
    };
    javaJobs(
      [
        ['jdk-wrapped-chain', chainedLeaf, [intermediate], '-'],
        ['jdk-wrapped-leaf', directLeaf, [], '-'],
        ['jdk-ds-prefix-wrapped-chain', chainedLeaf, [intermediate], 'ds'],
      ],
      false,
    );
    javaJobs(
      [
        ['jdk-unwrapped-chain', chainedLeaf, [intermediate], '-'],
        ['jdk-unwrapped-leaf', directLeaf, [], '-'],
      ],
      true,
    );

    for (const file of [...signed]) {
      const converted = path.join(directory, `${file.name}-crlf-bom.xml`);
      writeFileSync(converted, withCrlfAndBom(readFileSync(file.path)));
      signed.push({ name: `${file.name}-crlf-bom`, path: converted, withChain: file.withChain });
    }
    for (const file of signed) {
      const content = path.join(directory, `${file.name}.tampered-content.xml`);
      writeFileSync(content, tamperContent(readFileSync(file.path)));
      tampered.push({ name: `${file.name}: one content byte`, path: content, hresult: '0x82170005', code: 'digestMismatch' });
      const signatureValue = path.join(directory, `${file.name}.tampered-signature.xml`);
      writeFileSync(signatureValue, tamperSignatureValue(readFileSync(file.path)));
      tampered.push({ name: `${file.name}: one SignatureValue byte`, path: signatureValue, hresult: '0x82170003', code: 'signatureValueInvalid' });
    }
    javaVerdicts = javaVerify([...signed.map((file) => file.path), ...tampered.map((file) => file.path)]);
  }, 180_000);

  it('covers every shape the issue names', () => {
    const text = (name: string) => readFileSync(signed.find((file) => file.name === name)!.path, 'utf8');
    expect(text('xmlsec-compact-chain')).toMatch(/<SignedInfo><CanonicalizationMethod/);
    expect(text('xmlsec-indented-chain')).toMatch(/<SignedInfo>\n\s+<CanonicalizationMethod/);
    expect(text('xmlsec-compact-chain')).toMatch(/<SignatureValue>\n?[A-Za-z0-9+/=]{40,}\n[A-Za-z0-9+/=]/);
    expect(text('xmlsec-compact-chain-unwrapped')).toMatch(/<SignatureValue>[A-Za-z0-9+/]{340}[A-Za-z0-9+/=]*<\/SignatureValue>/);
    expect(text('jdk-wrapped-chain')).toMatch(/<SignedInfo><CanonicalizationMethod/);
    expect(text('jdk-wrapped-chain')).toMatch(/<SignatureValue>[A-Za-z0-9+/=]{76}(?:&#13;)?\r?\n/);
    expect(text('jdk-unwrapped-chain')).toMatch(/<SignatureValue>[A-Za-z0-9+/=]{344}<\/SignatureValue>/);
    expect(text('jdk-ds-prefix-wrapped-chain')).toContain('<ds:SignedInfo>');
    expect(text('xmlsec-compact-chain').match(/<X509Certificate>/g)).toHaveLength(2);
    expect(text('xmlsec-compact-leaf').match(/<X509Certificate>/g)).toHaveLength(1);
    expect(text('jdk-wrapped-chain').match(/<X509Certificate>/g)).toHaveLength(2);
    const converted = readFileSync(signed.find((file) => file.name === 'jdk-wrapped-chain-crlf-bom')!.path);
    expect([...converted.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(converted.toString('utf8')).toContain('\r\n');
    expect(converted.toString('utf8')).toContain('日本語');
    expect(signed).toHaveLength(22);
  });

  it('every signed file is accepted by xmlsec1, the JDK, provstudio verify and the Signature panel channel', { timeout: 180_000 }, async () => {
    const handlers = createHostHandlers({ dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-')), kind: 'browser', version: '0.0.0', askSecret: async () => null, secretPrompt: 'promptPage' });
    for (const file of signed) {
      expect(xmlsecVerdict(file.path, root.certificatePath), `xmlsec1 on ${file.name}`).toBe(true);
      expect(javaVerdicts.get(file.path), `JDK on ${file.name}`).toBe('VALID');
      expect(await provstudioVerify(file.path, root.certificatePath), `provstudio verify on ${file.name}`).toEqual({ exitCode: 0, hresult: null, code: 'accepted' });
      const opened = await dispatch(handlers, 'file.read', { path: file.path });
      const report = await dispatch(handlers, 'signing.verify', { text: opened.text, encoding: opened.encoding, trustedRootPaths: [root.certificatePath], useSystemRoots: false, requireEv: true });
      expect(report, `Signature panel on ${file.name}`).toMatchObject({ signed: true, accepted: true, hresult: null, chainTrusted: true });
      expect(report.chain).toHaveLength(file.withChain ? 3 : 2);
    }
  });

  it('every file tampered in one byte is refused by all of them, with the HRESULT Windows reports', { timeout: 180_000 }, async () => {
    const handlers = createHostHandlers({ dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-')), kind: 'browser', version: '0.0.0', askSecret: async () => null, secretPrompt: 'promptPage' });
    expect(tampered).toHaveLength(44);
    for (const file of tampered) {
      expect(xmlsecVerdict(file.path, root.certificatePath), `xmlsec1 on ${file.name}`).toBe(false);
      expect(javaVerdicts.get(file.path), `JDK on ${file.name}`).not.toBe('VALID');
      expect(await provstudioVerify(file.path, root.certificatePath), `provstudio verify on ${file.name}`).toEqual({ exitCode: 1, hresult: file.hresult, code: file.code });
      const opened = await dispatch(handlers, 'file.read', { path: file.path });
      const report = await dispatch(handlers, 'signing.verify', { text: opened.text, encoding: opened.encoding, trustedRootPaths: [root.certificatePath], useSystemRoots: false, requireEv: true });
      expect(report, `Signature panel on ${file.name}`).toMatchObject({ accepted: false, hresult: file.hresult, code: file.code });
    }
  });
});
