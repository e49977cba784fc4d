// Targets: windows10 is the published schemas' verdict, windows11 adds Hotspot2; the results
// inspector still reads CarrierControlResults/v2 (which no published schema declares); namespaces
// that are almost right are named and fixed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, readSchemaFiles, ROOT, sharedValidator } from './schema-files';
import { ProvisioningValidator } from '../../../shared/common/validation/index';
import { schemaSetFor, authoringSchemaSet, additionUnknownTo } from '../../../shared/common/windows/targets';
import { intendedNamespace } from '../../../shared/common/lint/index';
import { applyFixes } from '../../../shared/common/lint/fixes';
import { wasmXsdEngine } from '../../../shared/common/schema/libxml';

const PASSPOINT = path.join(ROOT, 'test/fixtures/passpoint/hgot07-passpoint-win-eap-ttls.xml');

describe('schema sets per target', () => {
  it('windows11 replaces only the files in schemas/windows11/; authoring files never reach a verdict', () => {
    const library = readSchemaFiles();
    const windows10 = schemaSetFor(library, 'windows10');
    const windows11 = schemaSetFor(library, 'windows11');
    expect(Object.keys(windows11).sort()).toEqual(Object.keys(windows10).sort());
    const changed = Object.keys(windows10).filter((name) => windows10[name] !== windows11[name]);
    expect(changed).toEqual(['wlan-v1-additions.xsd']);
    expect(Object.keys(windows10)).not.toContain('onex-v1.xsd');
    expect(Object.keys(authoringSchemaSet(library))).toEqual(expect.arrayContaining(['onex-v1.xsd', 'wlan-v2-fipsmode.xsd']));
    expect(additionUnknownTo('windows10', 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1', 'Hotspot2')?.since).toBe('windows11');
    expect(additionUnknownTo('windows11', 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1', 'Hotspot2')).toBeUndefined();
  });

  it('a public Passpoint tool’s file (hgot07/PasspointProvisioningTools) is valid for windows11 and refused for windows10 with a pointer to Windows 11', () => {
    const text = readFileSync(PASSPOINT, 'utf8');
    const eleven = sharedValidator('windows11').validate(text);
    expect(eleven.valid).toBe(true);
    expect(eleven.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The EAP user password counts as a clear-text secret.
    expect(eleven.diagnostics.filter((d) => d.code === 'PS-L005').map((d) => d.params.element)).toEqual(['EapTtls/Password']);
    const ten = sharedValidator('windows10').validate(text);
    expect(ten.valid).toBe(false);
    expect(ten.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['XSD_UNEXPECTED_ELEMENT', 'PS-L031']));
    expect(ten.diagnostics.find((d) => d.code === 'PS-L031')!.message).toContain('Windows 11');
  });
});

describe('results inspector', () => {
  const inspector = ProvisioningValidator.forResultsInspector(wasmXsdEngine, readSchemaFiles());
  const files = listFiles(path.join(ROOT, 'test/fixtures/results-v2'), '.xml');
  it.each(files.map((file) => [path.basename(file), file]))('reads %s with its own verdict (Windows’ schemas refuse the v2 root)', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(inspector.validate(text).valid).toBe(file.endsWith('.valid.xml'));
    const published = sharedValidator('windows10').validate(text, { lint: false });
    expect(published.valid).toBe(false);
    expect(published.diagnostics[0]!.messageKey).toBe('schema.rootResultsV2NotPublished');
  });
});

describe('namespaces that are almost right', () => {
  it.each([
    ['https://www.microsoft.com/networking/CarrierControl/v1', 'http://www.microsoft.com/networking/CarrierControl/v1'],
    ['http://www.microsoft.com/networking/carriercontrol/v1', 'http://www.microsoft.com/networking/CarrierControl/v1'],
    ['http://www.microsoft.com/networking/CarrierControl/v1/', 'http://www.microsoft.com/networking/CarrierControl/v1'],
    ['http://www.microsoft.com/networking/CarrierControl/WLAN/v3', 'http://www.microsoft.com/networking/CarrierControl/WLAN/v2'],
    ['http://www.microsoft.com/networking/OneX/v2', 'http://www.microsoft.com/networking/OneX/v1'],
    ['HTTPS://WWW.W3.ORG/2000/09/XMLDSIG#', 'http://www.w3.org/2000/09/xmldsig#'],
  ])('%s -> %s', (written, intended) => {
    expect(intendedNamespace(written)).toBe(intended);
  });

  it.each([['http://www.microsoft.com/networking/CarrierControl/v1'], ['urn:example:other'], ['http://www.microsoft.com/networking/WLAN/profile/v2'], ['http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV3']])('leaves %s alone', (namespace) => {
    expect(intendedNamespace(namespace)).toBeUndefined();
  });

  it('the fix replaces the declaration value only, and the result is valid', () => {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/corpus/cc/root-namespace-https.invalid.xml'), 'utf8');
    const before = sharedValidator('windows10').validate(text);
    const fixable = before.diagnostics.filter((d) => d.fix);
    expect(fixable.map((d) => d.code)).toEqual(['PS-L032']);
    const fixed = applyFixes(text, fixable);
    expect(fixed.length - text.length).toBe(-1);
    expect(fixed.replace('http://www.microsoft.com/networking/CarrierControl/v1', '')).toBe(text.replace('https://www.microsoft.com/networking/CarrierControl/v1', ''));
    expect(sharedValidator('windows10').validate(fixed).valid).toBe(true);
  });
});
