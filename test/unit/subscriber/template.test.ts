// Templates and bindings: rendering changes only the bound values, lists repeat an element, values
// are checked against the schema type of their place (with libxml2 as the oracle), and bindings
// that point nowhere are named in the error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseXPath, selectElements, setAttribute, setText } from '../../../shared/common/edit/index';
import { translate } from '../../../shared/common/i18n/index';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { checkValue } from '../../../shared/common/schema-model/value-check';
import { BindingsError, compileTemplate, fieldNameFor, parseBindings, readBindings, redactSecrets, renderRow, TemplateError, xpathOf, type Bindings } from '../../../shared/common/subscriber/index';
import { walkElements } from '../../../shared/common/xml/model';
import { parseXml } from '../../../shared/common/xml/parse';
import { ROOT, sharedValidator } from '../schema/schema-files';

const EXAMPLE = path.join(ROOT, 'examples', 'bulk');
const TEMPLATE = readFileSync(path.join(EXAMPLE, 'template.xml'), 'utf8');
const BINDINGS = parseBindings(readFileSync(path.join(EXAMPLE, 'template.bindings.json'), 'utf8'));
const ROW = {
  SubscriberId: '310260000000042',
  HotspotUser: 'wispr42',
  HotspotPassword: 'Hotspot-Secret-42',
  DataLimitMB: '10240',
  UsageMB: '77',
  OverLimit: 'no',
  PortalDomains: 'www.contosoportal.com|login.contoso.com|help.contoso.com',
  RefreshUser: 'refresh42',
  RefreshPassword: 'Refresh-Secret-42',
};

function render(row: Record<string, unknown>, bindings: Bindings = BINDINGS, template = TEMPLATE) {
  return renderRow(BUNDLED_SCHEMA_MODEL, compileTemplate(BUNDLED_SCHEMA_MODEL, template, bindings), row as never);
}

function compileError(bindings: Bindings, template = TEMPLATE): TemplateError {
  try {
    compileTemplate(BUNDLED_SCHEMA_MODEL, template, bindings);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('compiled');
}

describe('rendering a row', () => {
  it('changes only the bound values: comments, namespaces and layout stay byte for byte', () => {
    const rendered = render(ROW);
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.problems));
    const before = TEMPLATE.split('\n');
    const after = rendered.text.split('\n');
    // Two list values more than the template's one TrustedDomain: two added lines.
    expect(after.length).toBe(before.length + 2);
    const changed = after.filter((line) => !before.includes(line));
    expect(changed.map((line) => line.trim())).toEqual([
      '<SubscriberId>310260000000042</SubscriberId>',
      '<UserName>wispr42</UserName>',
      '<Password>Hotspot-Secret-42</Password>',
      '<TrustedDomain>login.contoso.com</TrustedDomain>',
      '<TrustedDomain>help.contoso.com</TrustedDomain>',
      '<DataLimitInMegabytes>10240</DataLimitInMegabytes>',
      '<Usage CurrentUsage="77" OverLimit="false" Congested="false" UsageTimestamp="2025-01-15T12:00:00Z"/>',
      '<UserName>refresh42</UserName>',
      '<Password>Refresh-Secret-42</Password>',
    ]);
    expect(rendered.text).toContain("<!-- Contoso's CarrierId: the same in every file we ship. -->");
    expect(sharedValidator().validate(rendered.text).valid).toBe(true);
  });

  it('uses defaults for empty cells and removes a repeatable element for an empty list', () => {
    const bindings: Bindings = { ...BINDINGS, fields: BINDINGS.fields.map((field) => (field.name === 'PortalDomains' ? { ...field, default: [] } : field)) };
    const rendered = render({ ...ROW, DataLimitMB: '', PortalDomains: '' }, bindings);
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.problems));
    expect(rendered.text).toContain('<DataLimitInMegabytes>5120</DataLimitInMegabytes>');
    expect(rendered.text).not.toContain('<TrustedDomain>');
    expect(rendered.text).toMatch(/<TrustedDomains>\n\s*<\/TrustedDomains>/);
  });

  it('writes N profiles from one row through a list bound to a repeatable element (JSON array values)', () => {
    const bindings: Bindings = {
      version: 1,
      fields: [{ name: 'Ssids', xpath: '//WLANProfiles/WLANProfile', type: 'list', item: 'SSIDConfig/SSID/name' }],
    };
    const rendered = render({ Ssids: ['Contoso A', 'Contoso B'] }, bindings);
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.problems));
    const document = parseXml(rendered.text);
    if (!document.ok) throw new Error('not well-formed');
    const profiles = selectElements(document.document, parseXPath('//WLANProfiles/WLANProfile'));
    expect(profiles).toHaveLength(2);
    expect(selectElements(document.document, parseXPath('//WLANProfile/SSIDConfig/SSID/name')).map((element) => element.children.map((child) => ('value' in child ? child.value : '')).join(''))).toEqual(['Contoso A', 'Contoso B']);
  });

  it('reports every bad column of a row, checked against the schema type of its place, without quoting values', () => {
    const bindings: Bindings = { ...BINDINGS, fields: [...BINDINGS.fields, { name: 'Auth', xpath: '//DefaultProfile/Context/AuthProtocol' }] };
    const rendered = render({ ...ROW, DataLimitMB: 'lots', UsageMB: '-5', OverLimit: 'maybe', Auth: 'Hotspot-Secret-42-FOO', RefreshUser: '' }, bindings);
    expect(rendered.ok).toBe(false);
    if (rendered.ok) return;
    expect(rendered.problems.map((problem) => [problem.column, problem.messageKey])).toEqual([
      ['DataLimitMB', 'row.notInteger'],
      ['UsageMB', 'value.notOfType'],
      ['OverLimit', 'row.notBoolean'],
      ['RefreshUser', 'row.missing'],
      ['Auth', 'value.notInEnumeration'],
    ]);
    for (const problem of rendered.problems) expect(translate('en', problem.messageKey, problem.params)).not.toContain('Hotspot-Secret-42');
  });

  it('redacts secret values from messages that could quote them', () => {
    const template = compileTemplate(BUNDLED_SCHEMA_MODEL, TEMPLATE, BINDINGS);
    expect(redactSecrets('value Hotspot-Secret-42 and Refresh-Secret-42 and wispr42', template, ROW)).toBe('value ••• and ••• and wispr42');
  });
});

describe('bindings that do not fit the template', () => {
  it('names the binding that points nowhere', () => {
    const error = compileError({ version: 1, fields: [{ name: 'SubscriberId', xpath: '/CarrierProvisioning/Global/SubscriberId' }, { name: 'WifiKey', xpath: '//sharedKey/keyMaterial' }] });
    expect(error.messageKey).toBe('template.error.noMatch');
    expect(translate('en', error.messageKey, error.params)).toBe('Binding "WifiKey": //sharedKey/keyMaterial points nowhere in the template');
  });

  it('names a binding matching several places, or an element holding elements, or a bad path', () => {
    expect(compileError({ version: 1, fields: [{ name: 'Names', xpath: '//UserName' }] }).params).toMatchObject({ binding: 'Names', count: '3' });
    expect(compileError({ version: 1, fields: [{ name: 'Global', xpath: '/CarrierProvisioning/Global' }] }).messageKey).toBe('template.error.notText');
    expect(compileError({ version: 1, fields: [{ name: 'Bad', xpath: 'Global' }] }).messageKey).toBe('template.error.badXpath');
    expect(compileError({ version: 1, fields: [{ name: 'List', type: 'list', xpath: '//TrustedDomains', item: 'Nothing' }] }).params.binding).toBe('List');
    expect(
      compileError({ version: 1, fields: [{ name: 'A', xpath: '//Global/SubscriberId' }, { name: 'B', xpath: '/CarrierProvisioning/Global/SubscriberId' }] }).messageKey,
    ).toBe('template.error.samePlace');
  });
});

describe('the bindings file', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'bindings.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(schema);
  const samples: Array<[string, unknown]> = [
    ['the example', JSON.parse(readFileSync(path.join(EXAMPLE, 'template.bindings.json'), 'utf8'))],
    ['minimal', { version: 1, fields: [{ name: 'A', xpath: '/X' }] }],
    ['list with item', { version: 1, fields: [{ name: 'A', xpath: '/X', type: 'list', item: 'name', separator: ';', default: ['a'] }] }],
    ['no fields', { version: 1, fields: [] }],
    ['wrong version', { version: 2, fields: [{ name: 'A', xpath: '/X' }] }],
    ['bad name', { version: 1, fields: [{ name: '1A', xpath: '/X' }] }],
    ['unknown property', { version: 1, fields: [{ name: 'A', xpath: '/X', colour: 'red' }] }],
    ['item on a scalar', { version: 1, fields: [{ name: 'A', xpath: '/X', item: 'name' }] }],
    ['list default not an array', { version: 1, fields: [{ name: 'A', xpath: '/X', type: 'list', default: 'a' }] }],
    ['absolute item', { version: 1, fields: [{ name: 'A', xpath: '/X', type: 'list', item: '/name' }] }],
    ['bad type', { version: 1, fields: [{ name: 'A', xpath: '/X', type: 'date' }] }],
  ];

  it('the reader and the published JSON Schema agree on every sample', () => {
    for (const [label, sample] of samples) {
      let readerAccepts = true;
      try {
        readBindings(sample);
      } catch (error) {
        if (!(error instanceof BindingsError)) throw error;
        readerAccepts = false;
      }
      expect([label, readerAccepts]).toEqual([label, validate(sample)]);
    }
  });

  it('names the field at fault', () => {
    expect(() => parseBindings('{"version":1,"fields":[{"name":"A","xpath":"/X"},{"name":"A","xpath":"/Y"}]}')).toThrow(BindingsError);
    try {
      parseBindings('{"version":1,"fields":[{"name":"Key","xpath":"/X","secret":"yes"}]}');
    } catch (error) {
      expect(translate('en', (error as BindingsError).messageKey, (error as BindingsError).params)).toBe('Binding "Key" (/fields/0/secret): secret is true or false');
    }
  });
});

describe('checking a value against the type of its place agrees with libxml2', () => {
  // Each case: a place in the example template, and values. The oracle is the XSD validation of
  // the file with the value written there directly (no check in between).
  const cases: Array<[string, string[]]> = [
    ['/CarrierProvisioning/Global/SubscriberId', ['310260000000001', '', 'abc', 'x'.repeat(300)]],
    ['//Plan/Description/DataLimitInMegabytes', ['0', '5120', '-1', '1.5', 'abc', '99999999999999999999']],
    ['//Plan/Usage/@CurrentUsage', ['0', '12', '-3', 'x']],
    ['//Plan/Usage/@OverLimit', ['true', 'false', '1', 'yes']],
    ['//Plan/Usage/@UsageTimestamp', ['2025-01-15T12:00:00Z', '2025-01-15', 'yesterday', '2025-13-01T00:00:00Z']],
    ['//Plan/Description/BillingCycle/@Duration', ['P1M', 'PT1H', '1 month', 'P']],
    ['//DefaultProfile/Context/AuthProtocol', ['CHAP', 'PAP', 'NONE', 'chap', 'FOO']],
    ['//DefaultProfile/Context/Compression', ['ENABLE', 'DISABLE', 'maybe']],
    ['/CarrierProvisioning/Global/CarrierId', ['{7C9C3B42-5A1E-4F36-9C0D-1B2E3F405162}', '7C9C3B42-5A1E-4F36-9C0D-1B2E3F405162', '{nope}']],
    ['/CarrierProvisioning/Provisioning/RefreshParameters/DelayInDays', ['1', '30', '0', '-2', 'soon']],
    ['/CarrierProvisioning/Provisioning/RefreshParameters/RefreshURL', ['https://prov.contoso.com/refresh', 'not a url at all']],
  ];
  const parsed = parseXml(TEMPLATE);
  if (!parsed.ok) throw new Error('template not well-formed');
  const document = parsed.document;

  for (const [xpath, values] of cases) {
    it(xpath, () => {
      const path = parseXPath(xpath);
      const [element] = selectElements(document, path);
      const compiled = compileTemplate(BUNDLED_SCHEMA_MODEL, TEMPLATE, { version: 1, fields: [{ name: 'F', xpath }] });
      const field = compiled.fields[0]!;
      const typeKey = field.kind === 'scalar' ? field.place.typeKey : undefined;
      expect(typeKey, `the model knows the type of ${xpath}`).toBeDefined();
      for (const value of values) {
        const outcome = path.attribute === undefined ? setText(document, element!, value) : setAttribute(document, element!, path.attribute, value);
        if (!outcome.ok) throw new Error(outcome.code);
        const schemaSays = sharedValidator().validate(outcome.text, { lint: false }).valid;
        const weSay = checkValue(BUNDLED_SCHEMA_MODEL, typeKey!, value) === null;
        expect([xpath, value, weSay]).toEqual([xpath, value, schemaSays]);
      }
    });
  }
});

describe('paths for new bindings', () => {
  it('xpathOf selects exactly the element (or attribute) it was made from, for every element of a file', () => {
    const parsed = parseXml(TEMPLATE.replace('</TrustedDomains>', '  <TrustedDomain>b.example</TrustedDomain>\n            </TrustedDomains>'));
    if (!parsed.ok) throw new Error('not well-formed');
    const elements = [...walkElements(parsed.document.root)];
    for (const element of elements) {
      expect(selectElements(parsed.document, parseXPath(xpathOf(element)))).toEqual([element]);
      for (const attribute of element.attributes.filter((candidate) => !candidate.name.startsWith('xmlns'))) {
        const path = parseXPath(xpathOf(element, attribute.name));
        expect(path.attribute).toBe(attribute.name);
        expect(selectElements(parsed.document, path)).toEqual([element]);
      }
    }
    expect(xpathOf(elements.find((element) => element.localName === 'TrustedDomain')!)).toBe('/CarrierProvisioning/WLANProfiles/WLANProfile/MSM/security/HotspotProfile/TrustedDomains/TrustedDomain[1]');
    expect(fieldNameFor('Password', undefined, new Set(['Password']))).toBe('Password2');
    expect(fieldNameFor('Usage', 'CurrentUsage', new Set())).toBe('CurrentUsage');
  });
});
