// The declarative layer, the generic form generator, form changes as minimal text edits,
// diagnostics mapped to fields, and the pure logic of the hand-made widgets.
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { CATALOGUES, isMessageKey } from '../../../shared/common/i18n/index';
import { parseXml } from '../../../shared/common/xml/parse';
import type { XmlDocumentNode } from '../../../shared/common/xml/model';
import { humanize, labelKeyOf, NS } from '../../../shared/common/forms/declarations';
import { diagnosticsByField, elementForm, fieldKey, formFor, locateOffset } from '../../../shared/common/forms/form-model';
import { applyFormChange, applyFormChanges, type FormChange } from '../../../shared/common/edit/form-changes';
import { pathOf, resolvePath } from '../../../shared/common/xml/element-path';
import { SECTIONS, locateSection, sectionOfPath } from '../../../shared/common/forms/sections';
import { TEMPLATES, templateByName } from '../../../shared/common/templates/index';
import { applyTextEdits } from '../../../shared/common/edit/index';
import { sharedValidator } from '../schema/schema-files';

const model = BUNDLED_SCHEMA_MODEL;

function parse(text: string): XmlDocumentNode {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

function change(text: string, ...changes: FormChange[]) {
  const document = parse(text);
  const result = changes.length === 1 ? applyFormChange(model, document, changes[0]!) : applyFormChanges(model, document, changes);
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  // The edits, applied to the old text, give the new text (what Monaco will do).
  expect(applyTextEdits(text, result.edits)).toBe(result.text);
  expect(result.edits.length).toBeLessThanOrEqual(1);
  return result;
}

const BLANK = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global>
    <CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
</CarrierProvisioning>
`;

describe('generic form generator', () => {
  it('builds a form for every element declaration of every namespace without throwing', () => {
    const keys = Object.keys(model.elements);
    expect(keys.length).toBeGreaterThan(200);
    for (const key of keys) {
      const form = elementForm(model, key);
      expect(form.label.length, key).toBeGreaterThan(0);
      for (const field of [...form.attributes, ...(form.text ? [form.text] : [])]) {
        expect(field.label.length, `${key} ${field.id}`).toBeGreaterThan(0);
        if (field.widget === 'select') expect(field.options?.length, `${key} ${field.id}`).toBeGreaterThan(0);
      }
      for (const slot of form.children) expect(model.elements[slot.element], `${key} -> ${slot.element}`).toBeDefined();
    }
  });

  it('every element has help: hand-written or the XSD documentation', () => {
    const missing = Object.values(model.elements).filter((declaration) => {
      const form = elementForm(model, declaration.key);
      return !form.help && !form.helpKey && !declaration.abstract;
    });
    // Only a few signature/result internals carry no documentation in the XSDs.
    expect(missing.length).toBeLessThan(Object.keys(model.elements).length / 4);
  });

  it('hand-written labels exist in all three languages', () => {
    expect(labelKeyOf(NS.cc, 'CarrierId')).toBe('forms.label.cc.CarrierId');
    for (const key of Object.keys(CATALOGUES.en).filter((key) => key.startsWith('forms.label.'))) {
      expect(isMessageKey(key)).toBe(true);
      if (!/SSID|USSD|Signature|Extensions|Activation|Description|Compression|Format|Locale|Name$/.test(CATALOGUES.en[key as keyof typeof CATALOGUES.en])) {
        expect(CATALOGUES.fr[key as keyof typeof CATALOGUES.fr], key).not.toBe(CATALOGUES.en[key as keyof typeof CATALOGUES.en]);
      }
    }
  });

  it('chooses widgets from the types and the declarations', () => {
    const global = elementForm(model, `{${NS.cc}}CarrierProvisioning#type/Global`);
    expect(global.children.map((slot) => [slot.localName, slot.minOccurs, slot.inline?.widget])).toEqual([
      ['CarrierId', 1, 'guid'],
      ['SubscriberId', 1, 'text'],
      ['DeviceId', 0, 'text'],
    ]);
    const reregister = elementForm(model, `{${NS.wwan}}ReregisterToNetwork`);
    const byName = Object.fromEntries(reregister.attributes.map((field) => [field.name, field]));
    expect(byName.Delay!.widget).toBe('duration');
    expect(byName.RetryCount!.widget).toBe('number');
    expect(byName.RetryCount!.limits).toEqual([
      { key: 'forms.limit.min', params: { value: '0' } },
      { key: 'forms.limit.max', params: { value: '10' } },
    ]);
    const context = elementForm(model, `{${NS.wwan}}CarrierMBNProfile/Context`);
    expect(context.children.find((slot) => slot.localName === 'AuthProtocol')!.inline!.widget).toBe('select');
    const credentials = elementForm(model, `{${NS.wwan}}ContextType/UserLogonCred`);
    expect(credentials.children.find((slot) => slot.localName === 'Password')!.inline!.widget).toBe('password');
    const profile = elementForm(model, `{${NS.wwan}}DefaultProfile`);
    expect(profile.children.find((slot) => slot.localName === 'AssociatedPlan')!.inline!.widget).toBe('planRef');
    // Repeated children: SSIDConfig/SSID is a list with a maximum.
    const ssids = elementForm(model, `{${NS.wlan}}WlanProfileType/SSIDConfig`);
    expect(ssids.children.find((slot) => slot.localName === 'SSID')!.maxOccurs).toBe(25);
    // Choices: HotspotProfile's BasicAuth / ExtAuth are branches of one choice.
    const hotspot = elementForm(model, `{${NS.hs}}HotspotProfile`);
    const basic = hotspot.children.find((slot) => slot.localName === 'BasicAuth')!;
    const ext = hotspot.children.find((slot) => slot.localName === 'ExtAuth')!;
    expect(basic.choice).toBeDefined();
    expect(basic.choice).toBe(ext.choice);
    // Substitution groups: Activation offers the three methods as one choice.
    const activation = elementForm(model, `{${NS.cc}}CarrierProvisioning#type/Activation`);
    expect(activation.children.map((slot) => slot.localName).sort()).toEqual(['ReconnectToNetwork', 'ReregisterToNetwork', 'ServiceActivation']);
    expect(new Set(activation.children.map((slot) => slot.choice)).size).toBe(1);
  });

  it('humanizes names without a hand-written label', () => {
    expect(humanize('DataLimitInMegabytes')).toBe('Data limit in megabytes');
    expect(humanize('PMKCacheTTL')).toBe('PMK cache TTL');
    expect(humanize('useOneX')).toBe('Use one X');
  });
});

describe('form changes become minimal text edits', () => {
  it('sets an inline child text, keeping everything else byte for byte', () => {
    const result = change(BLANK, { kind: 'setChildText', path: [0], namespace: NS.cc, localName: 'SubscriberId', value: '310260123456789', removeWhenEmpty: false });
    expect(result.edits[0]!.text).toBe('123456789');
    expect(result.text).toBe(BLANK.replace('310260000000000', '310260123456789'));
  });

  it('adds an optional child where the schema puts it, and removes it when emptied', () => {
    const added = change(BLANK, { kind: 'setChildText', path: [0], namespace: NS.cc, localName: 'DeviceId', value: '490154203237518', removeWhenEmpty: true });
    expect(added.text).toContain('    <SubscriberId>310260000000000</SubscriberId>\n    <DeviceId>490154203237518</DeviceId>\n  </Global>');
    const removed = change(added.text, { kind: 'setChildText', path: [0], namespace: NS.cc, localName: 'DeviceId', value: '', removeWhenEmpty: true });
    expect(removed.text).toBe(BLANK);
  });

  it('builds the e2e scenario (MBN profile + hotspot + plan) from blank with form changes only, valid', () => {
    let text = BLANK;
    const step = (...changes: FormChange[]) => {
      text = change(text, ...changes).text;
    };
    step({ kind: 'addChild', path: [], namespace: NS.cc, localName: 'MBNProfiles' });
    step({ kind: 'addChild', path: [1], namespace: NS.wwan, localName: 'DefaultProfile' });
    step({ kind: 'setChildText', path: [1, 0], namespace: NS.wwan, localName: 'Name', value: 'Contoso LTE', removeWhenEmpty: false });
    step({ kind: 'setChildText', path: [1, 0], namespace: NS.wwan, localName: 'AssociatedPlan', value: 'Contoso 5GB', removeWhenEmpty: true });
    step({ kind: 'addChild', path: [1, 0], namespace: NS.wwan, localName: 'Context' });
    const document = parse(text);
    const context = resolvePath(document, [1, 0, 2])!;
    expect(context.localName).toBe('Context');
    step({ kind: 'setChildText', path: [1, 0, 2], namespace: NS.wwan, localName: 'AccessString', value: 'internet.contoso.com', removeWhenEmpty: false });
    step({ kind: 'addChild', path: [], namespace: NS.cc, localName: 'WLANProfiles' });
    step({ kind: 'addChild', path: [2], namespace: NS.wlan, localName: 'WLANProfile' });
    step({ kind: 'setChildText', path: [2, 0], namespace: NS.wlan, localName: 'name', value: 'Contoso Hotspot', removeWhenEmpty: false });
    step({ kind: 'setChildText', path: [2, 0], namespace: NS.wlan, localName: 'AssociatedPlan', value: 'Contoso 5GB', removeWhenEmpty: true });
    // Plans arrives with its mandatory Plan (Name="" is a placeholder, PS-L035 until named).
    step({ kind: 'addChild', path: [], namespace: NS.cc, localName: 'Plans' });
    step({ kind: 'setAttribute', path: [3, 0], name: 'Name', value: 'Contoso 5GB' });
    // The blank file's CarrierId is the nil GUID, a placeholder (PS-L035) until the user puts theirs.
    step({ kind: 'setChildText', path: [0], namespace: NS.cc, localName: 'CarrierId', value: '{3F2504E0-4F89-41D3-9A0C-0305E82C3301}', removeWhenEmpty: false });
    // The Plan arrives with its mandatory Description (a Plan needs Description or Usage).
    expect(resolvePath(parse(text), [3, 0, 0])!.localName).toBe('Description');
    step({ kind: 'setAttribute', path: [3, 0, 0], name: 'PlanType', value: 'Fixed' });
    step({ kind: 'setChildText', path: [3, 0, 0], namespace: NS.plans, localName: 'DataLimitInMegabytes', value: '5120', removeWhenEmpty: true });
    const result = sharedValidator().validate(text);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.message)).toEqual([]);
    expect(text).toContain('<DefaultProfile xmlns="http://www.microsoft.com/networking/CarrierControl/WWAN/v1">');
    expect(text).toContain('<Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" Name="Contoso 5GB">');
  });

  it('switches a choice branch (BasicAuth -> ExtAuth) in one edit', () => {
    const text = templateByName('wispr-basicauth')!.text;
    const document = parse(text);
    const hotspot = resolvePath(document, [1, 0, 2, 0, 1])!;
    expect(hotspot.localName).toBe('HotspotProfile');
    const result = change(text, { kind: 'replaceChild', path: [...pathOf(hotspot), 0], namespace: NS.hs, localName: 'ExtAuth' });
    expect(result.text).not.toContain('<BasicAuth>');
    expect(result.text).toContain('<ExtAuth>');
  });

  it('removes, moves and sets attributes; a removed optional attribute leaves no trace', () => {
    const text = templateByName('reregister-after-provisioning')!.text;
    const moved = change(text, { kind: 'setAttribute', path: [1, 0], name: 'RetryCount', value: '10' });
    expect(moved.text).toContain('RetryCount="10"');
    const cleared = change(text, { kind: 'setAttribute', path: [1, 0], name: 'RetryCount', value: null });
    expect(cleared.text).toContain('<ReregisterToNetwork xmlns="http://www.microsoft.com/networking/CarrierControl/WWAN/v1" Delay="PT30S" RetryInterval="PT1M"/>');
    const plans = templateByName('plans-with-usage')!.text;
    const removed = change(plans, { kind: 'remove', path: [3, 0, 1] });
    expect(removed.text).not.toContain('<Usage ');
  });

  it('refuses a change on a path that does not exist', () => {
    const result = applyFormChange(model, parse(BLANK), { kind: 'remove', path: [5] });
    expect(result.ok).toBe(false);
    expect(result.error?.messageKey).toBe('forms.error.noElement');
  });
});

describe('diagnostics land on fields', () => {
  it('maps an attribute error, a text error and a missing-child error', () => {
    const text = BLANK.replace('<Global>', '<Global>').replace('310260000000000', 'bad_value').replace('</Global>', '</Global>\n  <Activation>\n    <ReregisterToNetwork xmlns="http://www.microsoft.com/networking/CarrierControl/WWAN/v1" RetryCount="11"/>\n  </Activation>');
    const document = parse(text);
    const result = sharedValidator().validate(text, { lint: false });
    const map = diagnosticsByField(document, result.diagnostics);
    expect(map.get(fieldKey([0, 1], '#text'))?.[0]?.code).toBe('XSD_PATTERN');
    expect([...map.keys()]).toContain(fieldKey([1, 0], '@RetryCount'));
    expect(locateOffset(document, text.indexOf('<Global>') + 1)).toEqual({ path: [0] });
  });
});

describe('sections', () => {
  it('every page has a title; paths map to their page', () => {
    const text = templateByName('plans-with-usage')!.text;
    const document = parse(text);
    expect(SECTIONS.map((section) => section.id)).toEqual(['global', 'activation', 'mbn', 'sms', 'branding', 'wlan', 'plans', 'provisioning', 'v2', 'signature']);
    expect(sectionOfPath(document, [0, 1])).toBe('global');
    expect(sectionOfPath(document, [1, 0, 2])).toBe('mbn');
    expect(sectionOfPath(document, [2, 0])).toBe('wlan');
    expect(sectionOfPath(document, [3, 0, 0])).toBe('plans');
    expect(locateSection(document, SECTIONS[3]!).depth).toBe(1);
  });

  it('every template opens in the forms with a known declaration for every element', () => {
    for (const template of TEMPLATES) {
      const document = parse(template.text);
      const visit = (element: typeof document.root): void => {
        const form = formFor(model, element);
        // EapHostConfig content is lax (not in our schemas): the form shows it read-only.
        if (!form) return;
        for (const child of element.children) if (child.kind === 'element') visit(child);
      };
      visit(document.root);
      expect(formFor(model, document.root)!.localName).toBe('CarrierProvisioning');
    }
  });
});
