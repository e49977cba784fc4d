// .NET SignedXml interop (issue 12, section 1): System.Security.Cryptography.Xml.SignedXml — the
// class behind Microsoft's ConvertTo-SignedXml and carriers' .NET back ends — compiled from
// test/fixtures/signing/dotnet/SignedXmlTool.cs and run on Mono (Debian's mono packages; the .NET
// SDK itself is not packaged for Debian). Files SignedXml signs (it writes `<X />` with a space,
// SignedInfo without white space, and re-serialises the whole document) on a document with
// comments, non-ASCII text, xml:lang and an extra namespace, LF or CRLF with a byte-order mark, are
// accepted by xmlsec1, `provstudio verify` and the Signature panel's channel; the same files
// tampered in one byte are refused by all of them (with Windows' HRESULT from us). Files we sign
// pass SignedXml.CheckSignature, and fail it once tampered.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { createHostHandlers, dispatch } from '../../../shared/node/host';
import { withCrlfAndBom } from './other-signers';
import { temporaryDirectory, toolAvailable } from './support';
import { captureCli } from '../../support/cli';

const TOOL_SOURCE = path.resolve(import.meta.dirname, '../../fixtures/signing/dotnet/SignedXmlTool.cs');
const PASSWORD = 'dotnet-interop-2291';

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported by a .NET back end -->
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xml:lang="pt-BR">
  <Global>
    <!-- Operadora: Telecomunicações Ünïcode – 日本語 -->
    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
</CarrierProvisioning>
`;

function testIo(cwd: string) {
  return captureCli({ cwd, env: { KIT_PASSWORD: PASSWORD } });
}

const monoPresent = toolAvailable('mono', ['--version']) && toolAvailable('mcs', ['--version']) && toolAvailable('xmlsec1');

describe.runIf(monoPresent)('.NET SignedXml (on Mono) and provstudio agree', () => {
  let directory: string;
  let tool: string;
  let kit: string;

  const dotnet = (...args: string[]) => spawnSync('mono', [tool, ...args], { encoding: 'utf8', env: { ...process.env, KIT_PASSWORD: PASSWORD } });
  const dotnetVerdict = (file: string) => dotnet('verify', file).stdout.trim().split('\t')[1];
  const xmlsecAccepts = (file: string) => spawnSync('xmlsec1', ['--verify', '--trusted-der', path.join(kit, 'root.cer'), file], { encoding: 'utf8' }).status === 0;
  async function ourVerdict(file: string) {
    const run = testIo(directory);
    const exitCode = await runCli(['verify', file, '--trusted-root', path.join(kit, 'root.cer'), '--format', 'json'], run.io);
    const report = JSON.parse(run.out()) as { hresult: string | null; code: string };
    return { exitCode, hresult: report.hresult, code: report.code };
  }

  beforeAll(async () => {
    directory = temporaryDirectory('provstudio-dotnet-');
    tool = path.join(directory, 'SignedXmlTool.exe');
    const compiled = spawnSync('mcs', ['-r:System.Security.dll', `-out:${tool}`, TOOL_SOURCE], { encoding: 'utf8' });
    if (compiled.status !== 0) throw new Error(`mcs: ${compiled.stdout}${compiled.stderr}`);
    kit = path.join(directory, 'kit');
    const made = testIo(directory);
    expect(await runCli(['certs', 'make-test-ev', '--out', kit, '--password-env', 'KIT_PASSWORD'], made.io)).toBe(0);
    writeFileSync(path.join(directory, 'lf.xml'), DOCUMENT);
    writeFileSync(path.join(directory, 'crlf-bom.xml'), withCrlfAndBom(Buffer.from(DOCUMENT)));
  }, 120_000);

  it.each(['lf.xml', 'crlf-bom.xml'])('%s signed by SignedXml: accepted by xmlsec1, provstudio verify and the Signature panel; one changed byte refused by all', async (input) => {
    const signed = path.join(directory, `dotnet-${input}`);
    const result = dotnet('sign', path.join(kit, 'signer.pfx'), 'KIT_PASSWORD', path.join(directory, input), signed);
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(signed, 'utf8');
    // SignedXml's own way of writing the Signature (so this is not our markup round-tripped).
    expect(text).toMatch(/<SignedInfo><CanonicalizationMethod Algorithm="http:\/\/www\.w3\.org\/TR\/2001\/REC-xml-c14n-20010315" \/>/);
    expect(text).toContain('日本語');
    expect(dotnetVerdict(signed)).toBe('VALID');
    expect(xmlsecAccepts(signed)).toBe(true);
    expect(await ourVerdict(signed)).toEqual({ exitCode: 0, hresult: null, code: 'accepted' });
    const handlers = createHostHandlers({ dataDirectory: path.join(directory, 'host'), kind: 'browser', version: '0.0.0', askSecret: async () => null, secretPrompt: 'promptPage' });
    const opened = await dispatch(handlers, 'file.read', { path: signed });
    const report = await dispatch(handlers, 'signing.verify', { text: opened.text, encoding: opened.encoding, trustedRootPaths: [path.join(kit, 'root.cer')], useSystemRoots: false, requireEv: true });
    expect(report).toMatchObject({ signed: true, accepted: true, hresult: null, chainTrusted: true });

    const tamperedContent = path.join(directory, `dotnet-content-${input}`);
    writeFileSync(tamperedContent, text.replace('310260000000000', '310260000000001'));
    const signatureValue = /<SignatureValue>([A-Za-z0-9+/])/.exec(text)!;
    const tamperedValue = path.join(directory, `dotnet-value-${input}`);
    const at = signatureValue.index + '<SignatureValue>'.length;
    writeFileSync(tamperedValue, text.slice(0, at) + (signatureValue[1] === 'A' ? 'B' : 'A') + text.slice(at + 1));
    for (const [file, hresult] of [
      [tamperedContent, '0x82170005'],
      [tamperedValue, '0x82170003'],
    ] as const) {
      expect(dotnetVerdict(file)).not.toBe('VALID');
      expect(xmlsecAccepts(file)).toBe(false);
      expect(await ourVerdict(file)).toMatchObject({ exitCode: 1, hresult });
    }
  });

  it('files provstudio signs pass SignedXml.CheckSignature, and fail it after one changed byte', async () => {
    for (const input of ['lf.xml', 'crlf-bom.xml']) {
      const output = path.join(directory, `ours-${input}`);
      const run = testIo(directory);
      expect(await runCli(['sign', input, '-o', output, '--pfx', path.join(kit, 'signer.pfx'), '--password-env', 'KIT_PASSWORD'], run.io), run.err()).toBe(0);
      expect(dotnetVerdict(output)).toBe('VALID');
      // A comment is outside what C14N 1.0 (without comments) signs: changing it changes nothing, for SignedXml as for Windows.
      const comment = path.join(directory, `ours-comment-${input}`);
      writeFileSync(comment, readFileSync(output, 'utf8').replace('Telecomunicações', 'Telecomunicacoes'));
      expect(dotnetVerdict(comment)).toBe('VALID');
      expect(await ourVerdict(comment)).toMatchObject({ exitCode: 0, hresult: null });
      const tampered = path.join(directory, `ours-tampered-${input}`);
      writeFileSync(tampered, readFileSync(output, 'utf8').replace('310260000000000', '310260000000001'));
      expect(dotnetVerdict(tampered)).toBe('INVALID');
    }
  });
});
