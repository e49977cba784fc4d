// Root check, exact placement of schema errors, safety of the libxml2 side, and the worker logic.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvisioningValidator, SchemaCompileError } from '../../../shared/common/validation/index';
import { resolveNodePath } from '../../../shared/common/schema/index';
import { containsAscii } from '../../../shared/common/xml/root-peek';
import { parseXml } from '../../../shared/common/xml/parse';
import { createValidationHandler, schemaFilesByName } from '../../../renderer/src/validation/validation-service';
import { CORPUS_DIRECTORY, readSchemaFiles, sharedValidator } from './schema-files';
import { wasmXsdEngine } from '../../../shared/common/schema/libxml';

const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const WLAN = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';

function document(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CarrierProvisioning xmlns="${CC}">\n  <Global>\n    <CarrierId>{00000000-1111-2222-3333-444444444444}</CarrierId>\n    <SubscriberId>310260000000001</SubscriberId>\n  </Global>\n${body}</CarrierProvisioning>\n`;
}

function firstError(text: string) {
  const result = sharedValidator().validate(text, { lint: false });
  const error = result.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (!error) throw new Error('expected an error');
  return { error, covered: text.slice(error.range.start.offset, error.range.end.offset) };
}

describe('document roots', () => {
  it('accepts CarrierProvisioning and CarrierProvisioningResult v1; v2 only in the results inspector (no published schema declares it)', () => {
    expect(sharedValidator().validate(document('')).valid).toBe(true);
    const inspector = ProvisioningValidator.forResultsInspector(wasmXsdEngine, readSchemaFiles());
    for (const version of ['v1', 'v2']) {
      const text = `<CarrierProvisioningResult xmlns="http://www.microsoft.com/networking/CarrierControlResults/${version}"/>`;
      const result = sharedValidator().validate(text);
      expect(result.valid, JSON.stringify(result.diagnostics)).toBe(version === 'v1');
      expect(inspector.validate(text).valid).toBe(true);
      expect(inspector.validate(text).documentKind).toBe('result');
    }
    inspector.dispose();
  });
  it('rejects a global element of another schema as root, at the root name', () => {
    const text = '<?xml version="1.0"?>\n<Extensions_v2 xmlns="http://www.microsoft.com/networking/CarrierControl/v2"/>';
    const result = sharedValidator().validate(text);
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'XSD_ROOT_NOT_ALLOWED', source: 'schema', range: { start: { line: 2, column: 2 } } });
    const wwan = '<DefaultProfile xmlns="http://www.microsoft.com/networking/CarrierControl/WWAN/v1"><Name>x</Name></DefaultProfile>';
    expect(sharedValidator().validate(wwan).diagnostics[0]!.code).toBe('XSD_ROOT_NOT_ALLOWED');
  });
});

describe('schema errors land on the exact place', () => {
  it('an unexpected element: its start tag, with the expected names', () => {
    const text = document('  <Plans>\n    <Bogus/>\n  </Plans>\n');
    const { error, covered } = firstError(text);
    expect(error).toMatchObject({ code: 'XSD_UNEXPECTED_ELEMENT', range: { start: { line: 8, column: 5 } } });
    expect(covered).toBe('<Bogus/>');
    expect(error.params.expected).toContain('Plan');
  });
  it('an attribute value out of range: the value between the quotes', () => {
    const text = document(
      `  <WLANProfiles>\n    <WLANProfile xmlns="${WLAN}" Priority="10"><name>x</name><SSIDConfig><SSID><name>x</name></SSID></SSIDConfig></WLANProfile>\n  </WLANProfiles>\n`,
    );
    const { error, covered } = firstError(text);
    expect(error.code).toBe('XSD_RANGE');
    expect(covered).toBe('10');
    expect(error.range.start).toMatchObject({ line: 8, column: text.split('\n')[7]!.indexOf('"10"') + 2 });
  });
  it('a text value that breaks a pattern: the text content', () => {
    const text = document('').replace('<CarrierId>{00000000-1111-2222-3333-444444444444}</CarrierId>', '<CarrierId>  Contoso </CarrierId>');
    const { error, covered } = firstError(text);
    expect(error.code).toBe('XSD_PATTERN');
    expect(covered).toBe('  Contoso ');
    expect(error.range.start).toMatchObject({ line: 4, column: 16 });
  });
  it('a missing child: the parent start tag', () => {
    const text = document('').replace('    <SubscriberId>310260000000001</SubscriberId>\n', '');
    const { error, covered } = firstError(text);
    expect(error.code).toBe('XSD_MISSING_CHILD');
    expect(covered).toBe('<Global>');
  });
  it('an attribute that is not allowed: the whole attribute', () => {
    const text = document('  <WLANProfiles Color="red"/>\n');
    const { error, covered } = firstError(text);
    expect(error.code).toBe('XSD_ATTRIBUTE_NOT_ALLOWED');
    expect(covered).toBe('Color="red"');
  });
  it('follows libxml2 node paths through the tree', () => {
    const parsed = parseXml('<a xmlns:p="urn:p"><b/><p:c/><p:c/><d><e/></d></a>');
    if (!parsed.ok) throw new Error('parse');
    expect(resolveNodePath(parsed.document, '/*/*[3]')!.localName).toBe('c');
    expect(resolveNodePath(parsed.document, '/a/p:c[2]')!.start).toBe(parsed.document.text.lastIndexOf('<p:c'));
    expect(resolveNodePath(parsed.document, '/a/d/e')!.localName).toBe('e');
    expect(resolveNodePath(parsed.document, '/a/zz')).toBeUndefined();
  });
});

describe('the bytes path for large files (validateUtf8WithoutFindings)', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  it('answers a valid document from its bytes, and builds the tree only when asked', () => {
    const text = readFileSync(path.join(CORPUS_DIRECTORY, 'cc/complete-document.valid.xml'), 'utf8');
    const result = sharedValidator().validateUtf8WithoutFindings(utf8(`\ufeff${text}`));
    expect(result).toMatchObject({ valid: true, diagnostics: [], documentKind: 'provisioning' });
    expect(result!.timings.treeMs).toBe(0);
    expect(result!.document!.root.localName).toBe('CarrierProvisioning');
  });
  it('declines (null) whenever the text is needed: findings, malformed text, a DOCTYPE anywhere, a root we refuse', () => {
    const validator = sharedValidator();
    expect(validator.validateUtf8WithoutFindings(utf8(document('  <Bogus/>\n')))).toBeNull();
    expect(validator.validateUtf8WithoutFindings(utf8(document('  <Global>\n')))).toBeNull();
    expect(validator.validateUtf8WithoutFindings(utf8(`<?xml version="1.0"?>\n<!DOCTYPE CarrierProvisioning>\n${document('').split('\n').slice(1).join('\n')}`))).toBeNull();
    expect(validator.validateUtf8WithoutFindings(utf8(`<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>`))).toBeNull();
    // The full path then places what the bytes path only noticed.
    expect(validator.validate(document('  <Bogus/>\n'), { lint: false }).diagnostics[0]!.range.start.line).toBe(7);
  });
  it('finds a DOCTYPE only as the whole word', () => {
    expect(containsAscii(utf8('a <!DOCTYPE x>'), '<!DOCTYPE')).toBe(true);
    expect(containsAscii(utf8('<!DOCTYP <!-- DOCTYPE --> !DOCTYPE <!doctype'), '<!DOCTYPE')).toBe(false);
    expect(containsAscii(utf8('<!DOCTYPE'), '<!DOCTYPE')).toBe(true);
    expect(containsAscii(utf8('<!DOCTYP'), '<!DOCTYPE')).toBe(false);
  });
});

describe('safety and robustness', () => {
  it('refuses DOCTYPE before libxml2 sees the document', () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE CarrierProvisioning [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<CarrierProvisioning xmlns="${CC}">&x;</CarrierProvisioning>`;
    const result = sharedValidator().validate(text);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'XML_DTD_FORBIDDEN', range: { start: { line: 2, column: 1 } } });
  });
  it('reuses one compiled schema set across many validations', () => {
    const validator = sharedValidator();
    const text = readFileSync(path.join(CORPUS_DIRECTORY, 'cc/complete-document.valid.xml'), 'utf8');
    for (let round = 0; round < 50; round++) expect(validator.validate(text, { lint: false }).valid).toBe(true);
  });
  it('reports schemas that do not compile', () => {
    const files = readSchemaFiles();
    files['base.xsd'] = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:broken/></xs:schema>';
    expect(() => ProvisioningValidator.create(wasmXsdEngine, files)).toThrow(SchemaCompileError);
  });
});

describe('worker logic (the same function the browser worker calls)', () => {
  const modules: Record<string, string> = {};
  for (const [name, text] of Object.entries(readSchemaFiles())) modules[`../../../schemas/${name}`] = text;
  const handle = createValidationHandler(schemaFilesByName(modules));

  it('answers with the request id, diagnostics and timings; compile time reported once', () => {
    const first = handle({ id: 7, text: document('  <WLANProfiles/>\n') });
    expect(first.id).toBe(7);
    expect(first.valid).toBe(true);
    expect(first.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['PS-L003']);
    expect(first.timings.compileMs).toBeGreaterThan(0);
    const second = handle({ id: 8, text: '<broken', lint: false });
    expect(second).toMatchObject({ id: 8, valid: false });
    expect(second.timings.compileMs).toBe(0);
    expect(structuredClone(second)).toEqual(second);
  });
  it('reports a schema set that does not compile as a diagnostic', () => {
    const broken = createValidationHandler({ 'provisioning.xsd': '<nope/>' });
    expect(broken({ id: 1, text: document('') }).diagnostics[0]!.code).toBe('XSD_COMPILE_FAILED');
  });
});
