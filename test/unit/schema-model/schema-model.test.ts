import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCHEMA_MODEL as model } from '../../../shared/common/schema-model/bundled';
import {
  attributesOf,
  childNames,
  childrenAllowedAt,
  compileSchemaModel,
  declarationOf,
  documentationOf,
  durationSeconds,
  fitsContentModel,
  insertionIndexFor,
  mandatoryChildren,
  placeholderValue,
  serializeSchemaModel,
  xsdPatternToRegExp,
  type ComplexTypeDefinition,
  type SimpleTypeDefinition,
} from '../../../shared/common/schema-model/index';
import { findChild } from '../../../shared/common/xml/index';
import { ROOT, parse, schemaFiles } from '../edit/support';
import { authoringSchemaSet } from '../../../shared/common/windows/targets';

const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const WWAN = 'http://www.microsoft.com/networking/CarrierControl/WWAN/v1';
const BASE = 'http://www.microsoft.com/networking/CarrierControl/Base/v1';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const RES1 = 'http://www.microsoft.com/networking/CarrierControlResults/v1';
const key = (namespace: string, name: string) => `{${namespace}}${name}`;
const simple = (typeKey: string) => model.types[typeKey] as SimpleTypeDefinition;
const complex = (typeKey: string) => model.types[typeKey] as ComplexTypeDefinition;

describe('compiled schema model', () => {
  it('is up to date with schemas/*.xsd (run node scripts/compile-schema-model.mjs when this fails)', () => {
    const { model: fresh, warnings } = compileSchemaModel(authoringSchemaSet(schemaFiles()));
    expect(warnings).toEqual([]);
    const committed = readFileSync(path.join(ROOT, 'shared/common/schema-model/generated/schema-model.json'), 'utf8');
    expect(serializeSchemaModel(fresh)).toBe(committed);
  });

  it('does not depend on the order the files are given in, and survives broken input', () => {
    const files = authoringSchemaSet(schemaFiles());
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    expect(compileSchemaModel(reversed).model).toEqual(compileSchemaModel(files).model);
    const broken = compileSchemaModel({ 'a.xsd': '<xs:schema', 'b.xsd': '<x/>', 'c.xsd': `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="e" type="q:missing"/></xs:schema>` });
    expect(broken.warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('resolves every type reference, across namespaces', () => {
    for (const declaration of Object.values(model.elements)) {
      expect(declaration.type.startsWith('xs:') || model.types[declaration.type] !== undefined, declaration.key).toBe(true);
    }
    expect(model.elements[key(CC, 'GlobalType/CarrierId')]!.type).toBe(key(BASE, 'GUID'));
  });

  it('keeps English documentation for elements, types and attributes', () => {
    expect(documentationOf(model, key(WWAN, 'DefaultProfile'))).toMatch(/everyday cellular profile/);
    expect(documentationOf(model, key(BASE, 'GUID'))).toBeTruthy();
    const documented = Object.values(model.elements).filter((declaration) => documentationOf(model, declaration.key));
    expect(documented.length / Object.keys(model.elements).length).toBeGreaterThan(0.95);
    expect(attributesOf(model, key(WWAN, 'DefaultProfile'))[0]).toMatchObject({ name: 'Priority', use: 'optional', default: '5', type: key(BASE, 'Priority') });
  });

  it('reads facets, merged along the derivation chain', () => {
    expect(simple(key(WWAN, 'AuthProtocolType')).facets.enumeration).toEqual(['NONE', 'PAP', 'CHAP', 'MsCHAPv2']);
    expect(simple(key(WWAN, 'AccessStringType')).facets).toMatchObject({ minLength: 1, maxLength: 100, whiteSpace: 'collapse' });
    expect(simple(key(CC, 'RefreshDelayType'))).toMatchObject({ builtin: 'xs:positiveInteger', facets: { maxInclusive: '730' } });
    expect(simple(key(WWAN, 'ActivationDelayType')).facets).toMatchObject({ minInclusive: 'PT0S', maxExclusive: 'PT1H' });
    expect(simple(key(WWAN, 'LocaleType')).facets.patterns).toEqual(['\\w+(_[\\w ]+)?(\\.\\d+)?']);
    expect(simple(key(WWAN, 'TokenList')).itemType).toBe('xs:token');
    // CarrierControl v1's GUID restricts Base's GUID: the Base pattern is inherited.
    expect(simple(key(CC, 'GUID')).facets.patterns).toEqual(simple(key(BASE, 'GUID')).facets.patterns);
  });

  it('reads content models: sequences, choices, all, wildcards, groups, extensions, simple content', () => {
    const global = complex(key(CC, 'GlobalType'));
    expect(global.content).toMatchObject({ kind: 'sequence', particles: [{ kind: 'element' }, { kind: 'element' }, { kind: 'element', minOccurs: 0 }, { kind: 'any', processContents: 'strict', namespace: { mode: 'other', targetNamespace: CC }, maxOccurs: 'unbounded' }] });
    const service = complex(key(WWAN, 'ServiceActivationType'));
    expect(service.base).toBe(key(WWAN, 'ActivationMethodType'));
    expect(service.attributes.map((attribute) => attribute.name)).toEqual(['Delay', 'RetryCount', 'RetryInterval']);
    expect(JSON.stringify(service.content)).toContain('CarrierSpecificData');
    expect(complex(key(DSIG, 'SignatureValueType')).textType).toBe(key(DSIG, 'Base64Text'));
    expect(JSON.stringify(complex(key(DSIG, 'KeyInfoType')).content)).toContain('KeyInfoType/KeyValue');
    expect(complex(key(RES1, 'SectionResultType')).attributes.map((attribute) => attribute.name)).toEqual(['errorCode']);
    expect(JSON.stringify(model.types)).toContain('"kind":"all"');
  });

  it('knows the abstract ActivationMethod and its substitution group', () => {
    expect(model.elements[key(WWAN, 'ActivationMethod')]!.abstract).toBe(true);
    expect(model.substitutionGroups[key(WWAN, 'ActivationMethod')]).toEqual([key(WWAN, 'ReconnectToNetwork'), key(WWAN, 'ReregisterToNetwork'), key(WWAN, 'ServiceActivation')]);
    const offered = childrenAllowedAt(model, key(CC, 'CarrierProvisioning#type/Activation'), [], 0).map((child) => child.localName);
    expect(offered).toEqual(['ReconnectToNetwork', 'ReregisterToNetwork', 'ServiceActivation']);
  });
});

describe('queries', () => {
  const text = `<CarrierProvisioning xmlns="${CC}">
  <MBNProfiles>
    <DefaultProfile xmlns="${WWAN}">
      <Name>n</Name>
      <Context/>
      <DataRoamingPartners><Provider><ProviderID xmlns="${BASE}">1</ProviderID></Provider></DataRoamingPartners>
    </DefaultProfile>
  </MBNProfiles>
</CarrierProvisioning>`;
  const document = parse(text);
  const profile = findChild(findChild(document.root, 'MBNProfiles')!, 'DefaultProfile')!;

  it('finds the declaration of any element of a document, Base-namespace children included', () => {
    expect(declarationOf(model, profile)?.key).toBe(key(WWAN, 'DefaultProfile'));
    const provider = findChild(findChild(profile, 'DataRoamingPartners')!, 'Provider')!;
    expect(declarationOf(model, findChild(provider, 'ProviderID')!)?.key).toBe(key(BASE, 'ProviderType/ProviderID'));
  });

  it('offers only what keeps the order and the maximums', () => {
    const existing = childNames(profile);
    expect(childrenAllowedAt(model, profile, existing, 1).map((child) => child.localName)).toEqual(['Description', 'AssociatedPlan', 'HomeProviderName']);
    expect(childrenAllowedAt(model, profile, existing, 3).map((child) => child.localName)).toEqual(['Extensions']);
    expect(childrenAllowedAt(model, profile, existing, 0)).toEqual([]);
    expect(insertionIndexFor(model, profile, existing, { namespace: WWAN, localName: 'HomeProviderName' })).toBe(1);
    expect(insertionIndexFor(model, profile, existing, { namespace: WWAN, localName: 'Extensions' })).toBe(3);
    expect(insertionIndexFor(model, profile, existing, { namespace: WWAN, localName: 'Name' })).toBeNull();
  });

  it('distinguishes strict validity from "completable"', () => {
    const signature = key(RES1, 'CarrierProvisioningResultType/Signature');
    const strictOffer = childrenAllowedAt(model, signature, [], 0, { mode: 'strict' }).map((child) => child.localName);
    const completableOffer = childrenAllowedAt(model, signature, [], 0, { mode: 'completable' }).map((child) => child.localName);
    expect(strictOffer).not.toContain('Subject');
    expect(completableOffer).toContain('Subject');
    const content = complex(key(WWAN, 'CarrierMBNProfile')).content;
    const context = { namespace: WWAN, localName: 'Context' };
    expect(fitsContentModel(model, content, [context], 'strict')).toBe(false);
    expect(fitsContentModel(model, content, [context], 'completable')).toBe(true);
  });

  it('handles a 10 000-child list in linear-ish time', () => {
    const ssidConfig = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';
    const v2 = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v2';
    const names = [{ namespace: ssidConfig, localName: 'SSID' }, ...Array.from({ length: 10_000 }, () => ({ namespace: v2, localName: 'SSID' }))];
    const content = complex(key(ssidConfig, 'SsidConfigType')).content;
    const started = performance.now();
    expect(fitsContentModel(model, content, names, 'strict')).toBe(true);
    // The published SSIDConfig ends with a lax ##other wildcard: the 10 000 limit is lint's (PS-L029).
    expect(fitsContentModel(model, content, [...names, { namespace: v2, localName: 'SSID' }], 'strict')).toBe(true);
    expect(fitsContentModel(model, content, [...names, { namespace: ssidConfig, localName: 'SSID' }], 'strict')).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('builds minimal skeletons with placeholders that satisfy the facets', () => {
    expect(mandatoryChildren(model, key(WWAN, 'DefaultProfile'))).toMatchObject({ localName: 'DefaultProfile', children: [{ localName: 'Name', text: 'a' }] });
    const global = mandatoryChildren(model, key(CC, 'CarrierProvisioning#type/Global'))!;
    expect(global.children.map((child) => [child.localName, child.text])).toEqual([
      ['CarrierId', '{00000000-0000-0000-0000-000000000000}'],
      ['SubscriberId', 'a'],
    ]);
    const activation = mandatoryChildren(model, key(CC, 'CarrierProvisioning#type/Activation'))!;
    expect(activation.children[0]!.localName).toBe('ReconnectToNetwork');
    expect(mandatoryChildren(model, key(WWAN, 'nope'))).toBeUndefined();
  });

  it('finds a placeholder for (almost) every simple type that passes its own pattern and lengths', () => {
    const misses: string[] = [];
    for (const type of Object.values(model.types)) {
      if (type.kind !== 'simple' || type.facets.enumeration) continue;
      const value = placeholderValue(model, type.key);
      for (const pattern of type.facets.patterns ?? []) if (!xsdPatternToRegExp(pattern)!.test(value)) misses.push(`${type.key}: ${value}`);
      if (type.facets.minLength !== undefined && value.length < type.facets.minLength && type.builtin !== 'xs:hexBinary') misses.push(`${type.key}: too short`);
    }
    expect(misses).toEqual([]);
    expect(placeholderValue(model, key(WWAN, 'ActivationRetryIntervalType'))).toBe('PT1M');
    expect(durationSeconds('P1DT1H')).toBe(90000);
    expect(durationSeconds('nonsense')).toBeNaN();
  });
});
