import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXPath, selectElements, XPathError } from '../../../shared/common/edit/index';
import { parse } from './support';
import { runCaptured } from '../../support/cli';

const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const WLAN = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';
const SAMPLE = `<?xml version="1.0" encoding="utf-8"?>\r
<!-- Contoso -->\r
<CarrierProvisioning xmlns="${CC}">\r
  <Global>\r
    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>\r
    <SubscriberId>310260000000000</SubscriberId>\r
  </Global>\r
  <WLANProfiles>\r
    <WLANProfile xmlns="${WLAN}" Priority='2'>\r
      <name>Contoso Wi-Fi</name>\r
      <SSIDConfig><SSID><name>contoso</name></SSID></SSIDConfig>\r
    </WLANProfile>\r
    <WLANProfile xmlns="${WLAN}">\r
      <name>Guest</name>\r
      <SSIDConfig><SSID><name>guest</name></SSID></SSIDConfig>\r
    </WLANProfile>\r
  </WLANProfiles>\r
</CarrierProvisioning>\r
`;

const directory = mkdtempSync(path.join(tmpdir(), 'provstudio-edit-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let counter = 0;

function sampleFile(content: string | Buffer = SAMPLE): string {
  const file = path.join(directory, `sample-${++counter}.xml`);
  writeFileSync(file, content);
  return file;
}

async function cli(...args: string[]) {
  const { exitCode, out, err } = await runCaptured(args, { cwd: directory });
  return { code: exitCode, out, err };
}

describe('XPath subset', () => {
  const document = parse(SAMPLE);
  const select = (expression: string, namespaces: Record<string, string> = {}) => selectElements(document, parseXPath(expression, namespaces)).map((element) => element.localName);

  it('selects by absolute path, descendants, position, child text, attributes and prefixes', () => {
    expect(select('/CarrierProvisioning/Global/CarrierId')).toEqual(['CarrierId']);
    expect(select('//WLANProfile')).toEqual(['WLANProfile', 'WLANProfile']);
    expect(select("//WLANProfile[name='Guest']/name").length).toBe(1);
    expect(select('/CarrierProvisioning/WLANProfiles/WLANProfile[2]/SSIDConfig')).toEqual(['SSIDConfig']);
    expect(select("//WLANProfile[@Priority='2']")).toEqual(['WLANProfile']);
    expect(select('//WLANProfile[@Priority]')).toEqual(['WLANProfile']);
    expect(select('//w:name', { w: WLAN })).toEqual(['name', 'name', 'name', 'name']);
    expect(select('//c:name', { c: CC })).toEqual([]);
    expect(select('/CarrierProvisioning/*')).toEqual(['Global', 'WLANProfiles']);
    expect(select('//SSID[1]/name').length).toBe(2);
    expect(parseXPath('//WLANProfile/@Priority').attribute).toBe('Priority');
  });

  it('refuses what it does not understand, with a reason', () => {
    for (const bad of ['Global', '//a[', "//a[b='x]", '//x:a', '//@a', '/a/@b/c', '/a[0]', '/a|/b']) expect(() => parseXPath(bad), bad).toThrow(XPathError);
  });
});

describe('provstudio set / insert / remove', () => {
  it('sets element text in place, changing nothing else (CRLF kept)', async () => {
    const file = sampleFile();
    const result = await cli('set', file, '--xpath', '/CarrierProvisioning/Global/SubscriberId', '--value', 'A&B');
    // Written as asked; "&" is not allowed in a SubscriberId, so set reports it (exit 1).
    expect(result).toMatchObject({ code: 1 });
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE.replace('310260000000000', 'A&amp;B'));
  });

  it('sets an attribute (existing keeps its quotes; new ones are appended) and writes to -o', async () => {
    const file = sampleFile();
    const output = path.join(directory, 'out.xml');
    expect((await cli('set', file, '--xpath', '//WLANProfile/@Priority', '--value', '4', '-o', output)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
    expect(readFileSync(output, 'utf8')).toBe(SAMPLE.replace("Priority='2'>", "Priority='4'>").replace(`<WLANProfile xmlns="${WLAN}">`, `<WLANProfile xmlns="${WLAN}" Priority="4">`));
  });

  it('inserts an element where the schema puts it, with its mandatory children', async () => {
    const file = sampleFile();
    expect((await cli('insert', file, '--xpath', '/CarrierProvisioning/Global', '--element', 'DeviceId')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE.replace('310260000000000</SubscriberId>\r\n', '310260000000000</SubscriberId>\r\n    <DeviceId>0000000000000000</DeviceId>\r\n'));
    const plans = sampleFile();
    expect((await cli('insert', plans, '--xpath', '/CarrierProvisioning', '--element', 'p:Plans', '--ns', `p=${CC}`)).code).toBe(0);
    expect(readFileSync(plans, 'utf8')).toContain('  </WLANProfiles>\r\n  <Plans>\r\n    <Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" Name="">\r\n');
  });

  it('removes elements and attributes', async () => {
    const file = sampleFile();
    expect((await cli('remove', file, '--xpath', "//WLANProfile[name='Guest']")).code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('Guest');
    expect(readFileSync(file, 'utf8')).toContain("Priority='2'>\r\n      <name>Contoso Wi-Fi</name>");
    expect((await cli('remove', file, '--xpath', '//WLANProfile/@Priority')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`<WLANProfile xmlns="${WLAN}">\r\n      <name>Contoso Wi-Fi</name>`);
  });

  it('keeps a UTF-16 encoding with its byte-order mark', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE.replace('utf-8', 'utf-16'), 'utf16le')]);
    const file = sampleFile(utf16);
    expect((await cli('set', file, '--xpath', '//CarrierId', '--value', '{AAAAAAAA-2222-3333-4444-555555555555}')).code).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toContain('{AAAAAAAA-2222');
  });

  it('set validates what it wrote: a value that makes the file invalid is written, reported with its finding, exit 1', async () => {
    const file = sampleFile();
    const result = await cli('set', file, '--xpath', '/CarrierProvisioning/Global/SubscriberId', '--value', '310-260');
    expect(result.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toContain('<SubscriberId>310-260</SubscriberId>');
    expect(result.err).toContain(`${file}:6:19: error XSD_PATTERN: The value "310-260" of SubscriberId is not a subscriber identifier`);
    expect(result.err).toContain('the edit is written, but it makes the file invalid (1 new error above)');
    // A lint error counts too (the nil GUID Windows misapplies), and only errors the edit brought.
    const again = await cli('set', file, '--xpath', '//CarrierId', '--value', '{00000000-0000-0000-0000-000000000000}');
    expect(again.code).toBe(1);
    expect(again.err).toContain('error PS-L035: CarrierId is still the placeholder');
    expect(again.err).not.toContain('XSD_PATTERN');
    // --allow-invalid accepts it; a valid value passes.
    const accepted = await cli('set', file, '--xpath', '//WLANProfile[1]/name', '--value', '', '--allow-invalid');
    expect(accepted.code).toBe(0);
    expect(accepted.err).toContain('accepted with --allow-invalid');
    const fine = await cli('set', sampleFile(), '--xpath', '//SubscriberId', '--value', '310260123456789');
    expect(fine).toMatchObject({ code: 0, err: '' });
  });

  it('exits 1 when nothing matches and 2 on usage, I/O or refused edits', async () => {
    const file = sampleFile();
    expect(await cli('set', file, '--xpath', '//Nothing', '--value', 'x')).toMatchObject({ code: 1, err: expect.stringContaining('Nothing in the document matches //Nothing') });
    expect((await cli('remove', file, '--xpath', '//WLANProfile/@Missing')).code).toBe(1);
    expect((await cli('set', file, '--value', 'x')).code).toBe(2);
    expect((await cli('set', file, '--xpath', '//Global')).code).toBe(2);
    expect((await cli('set', file, '--xpath', 'Global', '--value', 'x')).err).toContain('Cannot read the XPath');
    expect((await cli('set', file, '--xpath', '//p:Global', '--value', 'x')).code).toBe(2);
    expect((await cli('set', file, '--xpath', '//Global', '--value', 'x', '--ns', 'nonsense')).code).toBe(2);
    expect((await cli('set', path.join(directory, 'missing.xml'), '--xpath', '//Global', '--value', 'x')).code).toBe(2);
    expect((await cli('set', file, '--xpath', '//Global', '--value', 'x')).err).toContain('contains elements');
    expect((await cli('insert', file, '--xpath', '//Global', '--element', 'Plans')).err).toContain('does not allow');
    expect((await cli('remove', file, '--xpath', '/CarrierProvisioning')).code).toBe(2);
    expect((await cli('set', sampleFile('<a><b></a>'), '--xpath', '//b', '--value', 'x')).err).toContain('not well-formed');
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('leaves the file alone when the value is already there', async () => {
    const file = sampleFile();
    expect(await cli('set', file, '--xpath', '//SubscriberId', '--value', '310260000000000')).toMatchObject({ code: 0, out: expect.stringContaining('nothing to change') });
  });

  it('is listed in the help', async () => {
    const help = await cli('--help');
    for (const name of ['set', 'insert', 'remove']) expect(help.out).toMatch(new RegExp(`\\n  ${name} +`));
  });
});
