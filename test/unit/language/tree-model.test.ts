import { describe, expect, it } from 'vitest';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { applyTextEdits } from '../../../shared/common/edit/text-edits';
import { createDiagnostic } from '../../../shared/common/xml/diagnostic';
import { rangeOf } from '../../../shared/common/xml/model';
import { CC, PLANS, WLAN, parse } from './support';
import { resolvePath } from '../../../shared/common/xml/element-path';
import { addableChildren, badgesOf, canDuplicate, duplicateElement, previewOf } from '../../../shared/common/language/tree-model';

const TEXT = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${CC}">
  <Global>
    <CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
  <Plans>
    <Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" Name='Gold' ><!-- keep &amp; me -->
      <Description>Gold &amp; more</Description>
    </Plan>
  </Plans>
</CarrierProvisioning>
`;


describe('tree helpers', () => {
  const document = parse(TEXT);

  it('offers only the children the schema still allows, without wildcard-only ones', () => {
    const root = addableChildren(BUNDLED_SCHEMA_MODEL, document.root).map((child) => child.localName);
    expect(root).toContain('WLANProfiles');
    expect(root).not.toContain('Global');
    expect(root).not.toContain('Plans');
    const global = addableChildren(BUNDLED_SCHEMA_MODEL, resolvePath(document, [0])!).map((child) => child.localName);
    expect(global).toContain('DeviceId');
    expect(global).not.toContain('CarrierId');
    expect(global).not.toContain('Plan'); // allowed only through Global's wildcard
  });

  it('duplicates an element as an exact copy on its own line', () => {
    const plan = resolvePath(document, [1, 0])!;
    expect(canDuplicate(BUNDLED_SCHEMA_MODEL, plan)).toBe(true);
    expect(canDuplicate(BUNDLED_SCHEMA_MODEL, resolvePath(document, [0])!)).toBe(false);
    const outcome = duplicateElement(document, plan);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const copy = TEXT.slice(plan.start, plan.end);
    expect(outcome.text).toBe(TEXT.slice(0, plan.end) + '\n    ' + copy + TEXT.slice(plan.end));
    expect(applyTextEdits(TEXT, outcome.edits)).toBe(outcome.text);
    expect(outcome.text.slice(outcome.focus!.offset, outcome.focus!.offset + outcome.focus!.length)).toBe(copy);
    const again = parse(outcome.text);
    expect(resolvePath(again, [1, 1])?.localName).toBe('Plan');
    expect(duplicateElement(document, document.root).ok).toBe(false);
  });

  it('counts the diagnostics of an element’s own start tag and value, not its descendants’', () => {
    const at = (needle: string, code = 'X') =>
      createDiagnostic('schema', code, 'error', 'error.unexpected', { detail: '' }, rangeOf(document, { start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + 1 }));
    const warning = createDiagnostic('lint', 'W', 'warning', 'error.unexpected', { detail: '' }, rangeOf(document, { start: TEXT.indexOf('<Global>'), end: TEXT.indexOf('<Global>') + 1 }));
    const badges = badgesOf(document, [at('<Global>'), warning, at('310260'), at('{0000'), at('</Global>')]);
    const global = resolvePath(document, [0])!;
    expect(badges.get(global)).toEqual({ errors: 1, warnings: 1, infos: 0, worst: 'error' });
    expect(badges.get(resolvePath(document, [0, 1])!)).toEqual({ errors: 1, warnings: 0, infos: 0, worst: 'error' });
    expect(badges.get(resolvePath(document, [0, 0])!)?.errors).toBe(1);
    expect(badges.size).toBe(3); // the end tag of Global counts for nobody
  });

  it('previews leaf values and names', () => {
    expect(previewOf(resolvePath(document, [0, 1])!)).toBe('310260000000000');
    expect(previewOf(resolvePath(document, [1, 0])!)).toBe('Gold');
    expect(previewOf(document.root)).toBe('');
  });

  it('works by namespace, not by prefix: prefixed and default declarations, a WLAN profile inside', () => {
    const text = `<cp:CarrierProvisioning xmlns:cp="${CC}" xmlns:pl="${PLANS}">
  <cp:Global>
    <cp:CarrierId>{00000000-0000-0000-0000-000000000000}</cp:CarrierId>
    <cp:SubscriberId>1</cp:SubscriberId>
  </cp:Global>
  <cp:Plans>
    <pl:Plan Name="Silver"><pl:Description>Silver</pl:Description></pl:Plan>
  </cp:Plans>
  <cp:WLANProfiles>
    <WLANProfile xmlns="${WLAN}"><name>Cafe</name><SSIDConfig><SSID><name>Cafe</name></SSID></SSIDConfig></WLANProfile>
  </cp:WLANProfiles>
</cp:CarrierProvisioning>`;
    const prefixed = parse(text);
    const root = addableChildren(BUNDLED_SCHEMA_MODEL, prefixed.root).map((child) => `${child.namespace} ${child.localName}`);
    expect(root).not.toContain(`${CC} Global`);
    expect(root).not.toContain(`${CC} Plans`);
    expect(root).not.toContain(`${CC} WLANProfiles`);
    const plan = resolvePath(prefixed, [1, 0])!;
    expect(plan.namespaceUri).toBe(PLANS);
    expect(canDuplicate(BUNDLED_SCHEMA_MODEL, plan)).toBe(true);
    expect(previewOf(plan)).toBe('Silver');
    const profile = resolvePath(prefixed, [2, 0])!;
    expect(profile.namespaceUri).toBe(WLAN);
    expect(previewOf(profile)).toBe('Cafe');
    expect(canDuplicate(BUNDLED_SCHEMA_MODEL, profile)).toBe(true);
    const outcome = duplicateElement(prefixed, plan);
    if (!outcome.ok) throw new Error('no duplicate');
    const again = parse(outcome.text);
    expect(resolvePath(again, [1, 1])?.name).toBe('pl:Plan');
    expect(resolvePath(again, [1, 1])?.namespaceUri).toBe(PLANS);
  });
});
