// Quick answers for edits inside one value (shared/common/validation/value-edit.ts, through
// IncrementalValidation) against the full validation (libxml2 + lint) of the same text: over the
// corpus's values and random new texts (pattern, enumeration, length and numeric facets, empty
// values, white space, entities), every quick answer equals the full validation's findings (codes,
// message keys and parameters but libxml2's own wording, places) and verdict; where the quick check
// cannot decide, there is no quick answer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { IncrementalValidation, applyTextChanges, type TextChange } from '../../../shared/common/validation/incremental';
import { valueAt } from '../../../shared/common/validation/value-edit';
import { exactPattern, valueVerdict } from '../../../shared/common/validation/value-verdict';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import { walkElements } from '../../../shared/common/xml/model';
import { parseXml } from '../../../shared/common/xml/parse';
import type { WindowsTarget } from '../../../shared/common/windows/targets';
import { CORPUS_DIRECTORY, WINDOWS11_CORPUS_DIRECTORY, listFiles, sharedValidator } from '../schema/schema-files';

interface ValueCase {
  file: string;
  text: string;
  target: WindowsTarget;
  /** The raw value's offsets in the text. */
  start: number;
  end: number;
  /** Enumeration values of the place's type, when it has some (to type valid values too). */
  enumeration: readonly string[];
}

function valuesOf(file: string, text: string, target: WindowsTarget): ValueCase[] {
  const parsed = parseXml(text);
  if (!parsed.ok) return [];
  const cases: ValueCase[] = [];
  for (const element of walkElements(parsed.document.root)) {
    const spans: Array<{ start: number; end: number }> = element.attributes
      .filter((attribute) => attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns')
      .map((attribute) => ({ start: attribute.valueStart, end: attribute.valueEnd }));
    if (element.endTagStart >= 0 && element.children.every((child) => child.kind === 'text')) spans.push({ start: element.startTagEnd, end: element.endTagStart });
    for (const span of spans) {
      const value = valueAt(parsed.document, span.start, span.end);
      if (!value) continue;
      cases.push({ file, text, target, ...span, enumeration: [] });
    }
  }
  return cases;
}

const ENUMERATIONS = [...new Set(Object.values(BUNDLED_SCHEMA_MODEL.types).flatMap((type) => (type.kind === 'simple' ? (type.facets.enumeration ?? []) : [])))];

const corpus = [
  ...listFiles(CORPUS_DIRECTORY, '.xml').map((file) => ({ file: path.relative(CORPUS_DIRECTORY, file), target: 'windows10' as const })),
  ...listFiles(WINDOWS11_CORPUS_DIRECTORY, '.xml').map((file) => ({ file: path.join('windows11', path.relative(WINDOWS11_CORPUS_DIRECTORY, file)), target: 'windows11' as const })),
].map(({ file, target }) => ({ file, target, text: readFileSync(path.join(file.startsWith('windows11') ? WINDOWS11_CORPUS_DIRECTORY : CORPUS_DIRECTORY, file.replace(/^windows11\//, '')), 'utf8') }));

// Files up to 20 KB (the two 10,000-SSID files would be most of the values and the time), each
// equally likely, then each of its values.
const files = corpus.filter(({ text }) => text.length <= 20_000).map(({ file, text, target }) => valuesOf(file, text, target)).filter((values) => values.length > 0);
const cases = files.flat();
const aCase = fc.integer({ min: 0, max: files.length - 1 }).chain((file) => fc.integer({ min: 0, max: files[file]!.length - 1 }).map((index) => files[file]![index]!));

/** What must agree: everything but libxml2's own wording (`detail`), which the quick check does not have. */
function comparable(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map(({ params, message: _message, ...rest }) => {
    const { detail: _detail, ...kept } = params;
    return { ...rest, params: kept };
  });
}

function sessionOn(text: string, target: WindowsTarget): IncrementalValidation {
  const session = new IncrementalValidation(sharedValidator(target));
  session.reset(text);
  session.validate();
  return session;
}

/** New texts people type into values, and the awkward ones. */
const typed = fc.oneof(
  fc.constantFrom('', ' ', '  x  ', '\t1', '0', '1', '-1', '+7', '007', '4294967296', '99999999999999999999', 'true', 'false', 'TRUE', 'a', 'é', 'Wi-Fi café', '中文', '&amp;', 'a &lt; b', '&#x41;&#66;', '&bogus;', '<', 'x<y/>', '{00000000-0000-0000-0000-000000000000}', '{11111111-2222-3333-4444-555555555555}', '123456789012345', 'aa:bb:cc:dd:ee:ff', 'https://example.com/', '2024-01-01T00:00:00Z', 'P1D', 'AA==', 'ab', 'abc', 'x'.repeat(33), 'x'.repeat(65)),
  fc.constantFrom(...ENUMERATIONS),
  fc.stringMatching(/^[0-9]{0,8}$/),
  fc.stringMatching(/^[A-Za-z0-9 _.\-:]{0,40}$/),
  fc.string({ maxLength: 12 }),
);

/** An edit inside the value: replace it all, insert at a place, or delete a character. */
const editOf = (valueCase: ValueCase) =>
  fc.oneof(
    typed.map((text): TextChange => ({ offset: valueCase.start, length: valueCase.end - valueCase.start, text })),
    fc.tuple(fc.nat(), typed).map(([at, text]): TextChange => ({ offset: valueCase.start + (at % (valueCase.end - valueCase.start + 1)), length: 0, text: text.slice(0, 3) })),
    fc.nat().map((at): TextChange => {
      const length = valueCase.end - valueCase.start;
      return length === 0 ? { offset: valueCase.start, length: 0, text: 'x' } : { offset: valueCase.start + (at % length), length: 1, text: '' };
    }),
  );

describe('quick answers for edits inside one value', () => {
  it('the corpus has many values to edit', () => {
    expect(files.length).toBeGreaterThan(400);
    expect(cases.length).toBeGreaterThan(3000);
  });

  it('equal the full validation (libxml2 and lint) for random edits of corpus values', () => {
    let answered = 0;
    let withValueFindings = 0;
    let declined = 0;
    fc.assert(
      fc.property(
        aCase.chain((valueCase) => fc.tuple(fc.constant(valueCase), editOf(valueCase))),
        ([valueCase, change]) => {
          const session = sessionOn(valueCase.text, valueCase.target);
          const answer = session.edit([change]);
          const text = applyTextChanges(valueCase.text, [change]);
          expect(session.text).toBe(text);
          if (!answer) {
            declined++;
            return;
          }
          answered++;
          const full = sharedValidator(valueCase.target).validate(text);
          const label = `${valueCase.file}: ${JSON.stringify(change)}`;
          expect(comparable(answer.diagnostics), label).toEqual(comparable(full.diagnostics));
          expect(answer.valid, label).toBe(full.valid);
          if (full.diagnostics.some((diagnostic) => diagnostic.range.start.offset === change.offset || diagnostic.range.start.offset === valueCase.start)) withValueFindings++;
        },
      ),
      { numRuns: 2000, seed: Number(process.env.VALUE_EDIT_SEED ?? 20261204) },
    );
    console.log(`value edits: ${answered} answered at once (${withValueFindings} with findings on the value), ${declined} left to the full validation`);
    // Real coverage: many edits answered at once, many of them with findings on the edited value.
    expect(answered).toBeGreaterThan(700);
    expect(withValueFindings).toBeGreaterThan(150);
    expect(declined).toBeGreaterThan(0);
  });

  it('chains of keystrokes in one value: each answer equals the full validation of its text', () => {
    let answered = 0;
    fc.assert(
      fc.property(aCase, fc.array(fc.oneof(fc.constantFrom('1', 'a', ' ', '-', '&amp;', 'é'), fc.constant(null)), { minLength: 2, maxLength: 6 }), (valueCase, keys) => {
        const session = sessionOn(valueCase.text, valueCase.target);
        let text = valueCase.text;
        let end = valueCase.end;
        for (const key of keys) {
          // Type at the end of the value, or delete its last character (null).
          const change: TextChange = key === null ? (end > valueCase.start ? { offset: end - 1, length: 1, text: '' } : { offset: end, length: 0, text: 'x' }) : { offset: end, length: 0, text: key };
          text = applyTextChanges(text, [change]);
          end += change.text.length - change.length;
          const answer = session.edit([change]);
          if (!answer) return;
          answered++;
          const full = sharedValidator(valueCase.target).validate(text);
          expect(comparable(answer.diagnostics), `${valueCase.file}: ${JSON.stringify(keys)}`).toEqual(comparable(full.diagnostics));
          expect(answer.valid).toBe(full.valid);
        }
      }),
      { numRuns: 400, seed: Number(process.env.VALUE_EDIT_SEED ?? 4) },
    );
    expect(answered).toBeGreaterThan(300);
  });

  it('a value typed invalid and valid again: the marker comes and goes with the quick answers', () => {
    const text = readFileSync(path.join(CORPUS_DIRECTORY, 'cc', listFiles(path.join(CORPUS_DIRECTORY, 'cc'), '.valid.xml').map((file) => path.basename(file)).find((name) => readFileSync(path.join(CORPUS_DIRECTORY, 'cc', name), 'utf8').includes('<CarrierId>{'))!), 'utf8');
    const session = sessionOn(text, 'windows10');
    const at = text.indexOf('<CarrierId>{') + '<CarrierId>{'.length;
    const broken = session.edit([{ offset: at, length: 0, text: 'x' }]);
    expect(broken?.kind).toBe('quick');
    expect(broken!.valid).toBe(false);
    expect(broken!.diagnostics.map((diagnostic) => diagnostic.code)).toContain('XSD_PATTERN');
    const mended = session.edit([{ offset: at, length: 1, text: '' }]);
    expect(mended?.kind).toBe('quick');
    expect(comparable(mended!.diagnostics)).toEqual(comparable(sharedValidator('windows10').validate(text).diagnostics));
  });

  it('lint findings a value edit brings or clears elsewhere in the document (duplicate names, plan references, placeholders)', () => {
    const profile = (name: string, plan: string) =>
      `<WLANProfile xmlns="http://www.microsoft.com/networking/CarrierControl/WLAN/v1"><name>${name}</name><AssociatedPlan>${plan}</AssociatedPlan><SSIDConfig><SSID><name>${name}</name></SSID></SSIDConfig><MSM><security><authEncryption><authentication>open</authentication><encryption>none</encryption><useOneX>false</useOneX></authEncryption></security></MSM></WLANProfile>`;
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">\n<Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>310260000000001</SubscriberId></Global>\n<WLANProfiles>\n${profile('One', 'Plan A')}\n${profile('Two', 'Plan A')}\n</WLANProfiles>\n<Plans><Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" Name="Plan A"><Description PlanType="Unrestricted"/></Plan></Plans>\n</CarrierProvisioning>\n`;
    const secondName = text.indexOf('<name>Two</name>') + '<name>'.length;
    const secondPlan = text.lastIndexOf('Plan A</AssociatedPlan>');
    const planName = text.indexOf('Name="Plan A"') + 'Name="'.length;
    const carrier = text.indexOf('{11111111');
    const changes: Array<{ change: TextChange; expectCode: string | null }> = [
      { change: { offset: secondName, length: 3, text: 'One' }, expectCode: 'PS-L018' },
      { change: { offset: secondPlan, length: 6, text: 'Plan B' }, expectCode: 'PS-L001' },
      { change: { offset: planName, length: 6, text: 'Plan C' }, expectCode: 'PS-L002' },
      { change: { offset: carrier, length: 38, text: '{00000000-0000-0000-0000-000000000000}' }, expectCode: 'PS-L035' },
      { change: { offset: secondName, length: 3, text: '' }, expectCode: 'XSD_LENGTH' },
    ];
    expect(sharedValidator('windows10').validate(text).diagnostics).toEqual([]);
    for (const { change, expectCode } of changes) {
      const answer = sessionOn(text, 'windows10').edit([change]);
      const full = sharedValidator('windows10').validate(applyTextChanges(text, [change]));
      expect(answer?.kind, JSON.stringify(change)).toBe('quick');
      expect(comparable(answer!.diagnostics), JSON.stringify(change)).toEqual(comparable(full.diagnostics));
      expect(answer!.diagnostics.map((diagnostic) => diagnostic.code)).toContain(expectCode);
    }
  });

  it('rules re-run in one profile only (LintRule.scopeOfValue) give what the whole document gives: names, security, keys, plans', () => {
    const WLAN_NS = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';
    const wlan = (name: string, plan: string, security: string) =>
      `<WLANProfile xmlns="${WLAN_NS}"><name>${name}</name><AssociatedPlan>${plan}</AssociatedPlan><SSIDConfig><SSID><name>${name}</name></SSID></SSIDConfig><MSM><security>${security}</security></MSM></WLANProfile>`;
    const open = '<authEncryption><authentication>open</authentication><encryption>none</encryption><useOneX>false</useOneX></authEncryption>';
    const pskWithoutKey = '<authEncryption><authentication>WPA2PSK</authentication><encryption>AES</encryption><useOneX>false</useOneX></authEncryption>';
    const shortKey = `${pskWithoutKey}<sharedKey><keyType>passPhrase</keyType><protected>false</protected><keyMaterial>short</keyMaterial></sharedKey>`;
    const profiles = [wlan('One', 'Plan A', open), wlan('Two', 'Plan A', pskWithoutKey), wlan('Three', 'Plan B', shortKey), wlan('Two', 'Plan A', shortKey), wlan('Four', 'Plan A', pskWithoutKey)];
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">\n<Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>310260000000001</SubscriberId></Global>\n<WLANProfiles>\n${profiles.join('\n')}\n</WLANProfiles>\n<Plans><Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" Name="Plan A"><Description PlanType="Unrestricted"/></Plan></Plans>\n</CarrierProvisioning>\n`;
    const base = sharedValidator('windows10').validate(text).diagnostics.map((diagnostic) => diagnostic.code);
    // The base has every finding the scoped rules give, in several profiles.
    for (const code of ['PS-L001', 'PS-L018', 'PS-L021', 'PS-L022']) expect(base, code).toContain(code);
    expect(base.filter((code) => code === 'PS-L021').length).toBe(2);

    const nthName = (n: number) => {
      let at = -1;
      for (let index = 0; index <= n; index++) at = text.indexOf('<WLANProfile', at + 1);
      return text.indexOf('<name>', at) + '<name>'.length;
    };
    const places = [
      ...[0, 1, 2, 3, 4].map((n) => ({ label: `name of profile ${n}`, offset: nthName(n) })),
      { label: 'a plan reference', offset: text.indexOf('Plan B</AssociatedPlan>') },
      { label: 'an authentication', offset: text.indexOf('WPA2PSK</authentication>') },
      { label: 'a key', offset: text.indexOf('short</keyMaterial>') },
      { label: 'a key type', offset: text.indexOf('passPhrase</keyType>') },
    ];
    let answered = 0;
    fc.assert(
      fc.property(fc.constantFrom(...places), fc.array(fc.oneof(fc.constantFrom('x', 'Two', 'One', ' ', 'WPAPSK', 'networkKey', 'Plan A', '12345678'), fc.constant(null)), { minLength: 1, maxLength: 5 }), (place, keys) => {
        const session = sessionOn(text, 'windows10');
        let current = text;
        let end = place.offset + /^[^<]*/.exec(text.slice(place.offset))![0].length;
        for (const key of keys) {
          // Replace the whole value with a key, or delete its last character (null).
          const start = place.offset;
          const change: TextChange = key === null ? (end > start ? { offset: end - 1, length: 1, text: '' } : { offset: end, length: 0, text: 'x' }) : { offset: start, length: end - start, text: key };
          current = applyTextChanges(current, [change]);
          end = key === null ? Math.max(start, end - 1) + (end > start ? 0 : 1) : start + key.length;
          const answer = session.edit([change]);
          if (!answer) return;
          answered++;
          const full = sharedValidator('windows10').validate(current);
          expect(comparable(answer.diagnostics), `${place.label}: ${JSON.stringify(keys)}`).toEqual(comparable(full.diagnostics));
          expect(answer.valid).toBe(full.valid);
        }
      }),
      { numRuns: 150, seed: Number(process.env.VALUE_EDIT_SEED ?? 14) },
    );
    expect(answered).toBeGreaterThan(200);
  });

  it('declines what it cannot decide: markup typed, undefined entities, types it does not model', () => {
    const text = `<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1"><Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>1</SubscriberId></Global><Provisioning><RefreshParameters><RefreshURL>https://contoso.com/a</RefreshURL></RefreshParameters></Provisioning></CarrierProvisioning>`;
    const inSubscriber = text.indexOf('1</SubscriberId>');
    for (const change of [
      { offset: inSubscriber, length: 0, text: '<' },
      { offset: inSubscriber, length: 0, text: '&nbsp;' },
      { offset: inSubscriber, length: 0, text: '<b/>' },
      { offset: text.indexOf('contoso.com/a') , length: 0, text: 'x' },
    ]) {
      expect(sessionOn(text, 'windows10').edit([change]), JSON.stringify(change)).toBeNull();
    }
  });

  it('decides patterns exactly or not at all', () => {
    expect(exactPattern('\\d{1,6}')!.expression.test('123')).toBe(true);
    expect(exactPattern('[a-z-[aeiou]]')).toBeNull();
    expect(exactPattern('\\i\\c*')).toBeNull();
    expect(exactPattern('a.b')!.expression.test('a\nb')).toBe(false);
    expect(exactPattern('a^b$')!.expression.test('a^b$')).toBe(true);
    // \w is Unicode-dependent: non-ASCII text against it is left to libxml2.
    expect(valueVerdict(BUNDLED_SCHEMA_MODEL, '{http://www.microsoft.com/networking/CarrierControl/Base/v1}SubscriberType', 'é', 'SubscriberId')).toBeUndefined();
    expect(valueVerdict(BUNDLED_SCHEMA_MODEL, 'xs:duration', 'P1D', 'x')).toBeUndefined();
  });
});
