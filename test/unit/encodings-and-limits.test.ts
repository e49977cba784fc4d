// Files every command must read alike: UTF-16 without a byte-order mark and Latin-1 declared files
// (as docs/signing.md says signing reads them), a 50 MB base64 blob (activation data, a logo), and
// parser limits said as what the user can do, never as a libxml2 option.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { decodeText, encodeText } from '../../shared/node/files/encoding';
import { createHostHandlers, dispatch } from '../../shared/node/host';
import { decodeDocument } from '../../shared/node/signing/xml-bytes';
import { makeTestEvKit, type TestEvKit } from '../../shared/node/signing/test-ev-kit';
import { captureCli } from '../support/cli';

const NS = 'http://www.microsoft.com/networking/CarrierControl/v1';
const GLOBAL = '<Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>310260000000000</SubscriberId></Global>';
const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-encodings-'));
let kit: TestEvKit;

function io() {
  return captureCli({ cwd: directory, env: { FUZZ_PASSWORD: 'pw' } });
}

const FILES: [name: string, bytes: Buffer, encoding: string][] = [
  ['utf16le-no-bom', Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>\r\n<CarrierProvisioning xmlns="${NS}">${GLOBAL}<!-- Opérateur 中文 --></CarrierProvisioning>\r\n`, 'utf16le'), 'utf-16le-nobom'],
  ['utf16be-no-bom', Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>\n<CarrierProvisioning xmlns="${NS}">${GLOBAL}<!-- é --></CarrierProvisioning>\n`, 'utf16le').swap16(), 'utf-16be-nobom'],
  ['latin1', Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<CarrierProvisioning xmlns="${NS}">${GLOBAL}<!-- Opérateur São João ½ --></CarrierProvisioning>\n`, 'latin1'), 'latin1'],
];

beforeAll(async () => {
  kit = await makeTestEvKit(path.join(directory, 'kit'), 'pw');
  for (const [name, bytes] of FILES) writeFileSync(path.join(directory, `${name}.xml`), bytes);
});

describe.each(FILES)('%s is read alike by every command', (name, bytes, encoding) => {
  const file = () => path.join(directory, `${name}.xml`);

  it('decodes like the signing code, and round-trips byte for byte', () => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(decodeDocument(bytes).text.replace(/^\uFEFF/, ''));
    expect(Buffer.from(encodeText(decoded.text, decoded.encoding)).equals(bytes)).toBe(true);
  });

  it('validate accepts it', async () => {
    const run = io();
    expect(await runCli(['validate', file()], run.io), run.text()).toBe(0);
  });

  it('set keeps its encoding and every other byte', async () => {
    const run = io();
    const out = path.join(directory, `${name}.set.xml`);
    expect(await runCli(['set', file(), '--xpath', '/CarrierProvisioning/Global/SubscriberId', '--value', '310260000000001', '-o', out], run.io), run.text()).toBe(0);
    const after = readFileSync(out);
    expect(decodeText(after).encoding).toBe(encoding);
    expect(decodeText(after).text).toBe(decodeText(bytes).text.replace('310260000000000', '310260000000001'));
  });

  it('sign writes a signature verify accepts, in the same encoding', async () => {
    const signed = path.join(directory, `${name}.signed.xml`);
    const signing = io();
    expect(await runCli(['sign', file(), '-o', signed, '--pfx', kit.pfxPath, '--password-env', 'FUZZ_PASSWORD'], signing.io), signing.text()).toBe(0);
    expect(decodeText(readFileSync(signed)).encoding).toBe(encoding);
    const verifying = io();
    expect(await runCli(['verify', signed, '--trusted-root', kit.rootPath], verifying.io), verifying.text()).toBe(0);
  });

  it('the app opens it, and saves it unchanged byte for byte', async () => {
    const host = createHostHandlers({ dataDirectory: path.join(directory, `data-${name}`), kind: 'browser', version: '1', askSecret: async () => null, secretPrompt: 'promptPage' });
    const opened = await dispatch(host, 'file.read', { path: file() });
    expect(opened.encoding).toBe(encoding);
    await dispatch(host, 'file.save', { path: file(), text: opened.text, encoding: opened.encoding, expectedDiskSha256: opened.diskSha256 });
    expect(readFileSync(file()).equals(bytes)).toBe(true);
  });
});

describe('Latin-1 files', () => {
  it('refuse to save a character Latin-1 cannot hold, saying which and where', async () => {
    const host = createHostHandlers({ dataDirectory: path.join(directory, 'data-latin1-euro'), kind: 'browser', version: '1', askSecret: async () => null, secretPrompt: 'promptPage' });
    const target = path.join(directory, 'latin1.xml');
    const opened = await dispatch(host, 'file.read', { path: target });
    await expect(dispatch(host, 'file.save', { path: target, text: opened.text.replace('½', '€'), encoding: 'latin1' })).rejects.toMatchObject({
      code: 'file.unencodable',
      params: { character: 'U+20AC', line: 2 },
    });
  });
});

describe('parser limits', () => {
  it('accepts a 50 MB base64 logo: validate, sign and verify', async () => {
    const logo = Buffer.alloc(37_500_000, 7).toString('base64');
    expect(logo.length).toBeGreaterThanOrEqual(50_000_000);
    const file = path.join(directory, 'big-logo.xml');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>\n<CarrierProvisioning xmlns="${NS}">\n  ${GLOBAL}\n  <MBNProfiles>\n    <Branding xmlns="http://www.microsoft.com/networking/CarrierControl/WWAN/v1">\n      <Logo>${logo}</Logo>\n      <Name>Contoso</Name>\n    </Branding>\n  </MBNProfiles>\n</CarrierProvisioning>\n`,
    );
    const validating = io();
    await runCli(['validate', '--format', 'json', file], validating.io);
    expect(validating.text()).not.toMatch(/XML_LIBXML_PARSE|XML_PARSER_LIMIT|XML_PARSE_HUGE/);
    expect(JSON.parse(validating.text()).files[0].diagnostics.filter((diagnostic: { severity: string }) => diagnostic.severity === 'error')).toEqual([]);
    const signed = path.join(directory, 'big-logo.signed.xml');
    const signing = io();
    expect(await runCli(['sign', file, '-o', signed, '--pfx', kit.pfxPath, '--password-env', 'FUZZ_PASSWORD'], signing.io), signing.text()).toBe(0);
    const verifying = io();
    expect(await runCli(['verify', signed, '--trusted-root', kit.rootPath], verifying.io), verifying.text()).toBe(0);
  }, 120_000);

  it('says a nesting limit as what the user can do, never as a libxml2 option', async () => {
    const file = path.join(directory, 'deep.xml');
    writeFileSync(file, `<?xml version="1.0"?>\n<CarrierProvisioning xmlns="${NS}">${'<a>'.repeat(3000)}${'</a>'.repeat(3000)}</CarrierProvisioning>\n`);
    const validating = io();
    expect(await runCli(['validate', file], validating.io)).toBe(1);
    expect(validating.text()).toContain('XML_PARSER_LIMIT');
    expect(validating.text()).toContain('nested deeper');
    const signing = io();
    await runCli(['sign', file, '-o', path.join(directory, 'deep.signed.xml'), '--pfx', kit.pfxPath, '--password-env', 'FUZZ_PASSWORD'], signing.io);
    for (const output of [validating.text(), signing.text()]) expect(output).not.toMatch(/XML_PARSE_|libxml/i);
  });
});
