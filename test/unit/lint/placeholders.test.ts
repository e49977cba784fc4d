// Things still to fill in: every value "Add child" (and `provstudio insert`) writes for a text-like
// field is a placeholder lint finds (audit over every element of the schema model); the named
// placeholders Windows refuses or misapplies are errors with the reason, the others warnings.
import { describe, expect, it } from 'vitest';
import { applyTextEdits, insertElement } from '../../../shared/common/edit/index';
import { CATALOGUES, LANGUAGES } from '../../../shared/common/i18n/index';
import { findPlaceholders, PLACEHOLDER_CODES } from '../../../shared/common/lint/index';
import { BUNDLED_SCHEMA_MODEL as model } from '../../../shared/common/schema-model/bundled';
import { isPlaceholderType, placeholderKind, ZERO_GUID } from '../../../shared/common/schema-model/placeholders';
import { attributesOf, mandatoryChildren, textTypeOf, type SkeletonElement } from '../../../shared/common/schema-model/queries';
import { NAMESPACES } from '../../../shared/common/xml/namespaces';
import { parseXml } from '../../../shared/common/xml/parse';
import { childElements } from '../../../shared/common/xml/model';
import { sharedValidator } from '../schema/schema-files';

/** Whether a model type (or built-in) is one whose values can be placeholders. */
function textLike(typeKey: string | { builtin: string; facets: { enumeration?: string[] } }): boolean {
  if (typeof typeKey !== 'string') return isPlaceholderType(typeKey.builtin, (typeKey.facets.enumeration?.length ?? 0) > 0);
  const type = model.types[typeKey];
  if (!type) return isPlaceholderType(typeKey, false);
  if (type.kind !== 'simple') return false;
  return isPlaceholderType(type.builtin, (type.facets.enumeration?.length ?? 0) > 0);
}

describe('placeholders', () => {
  it('recognises the values the templates and inserts write, not real ones', () => {
    expect(placeholderKind(ZERO_GUID)).toBe('zeroGuid');
    expect(placeholderKind('00000000-0000-0000-0000-000000000000')).toBe('zeroGuid');
    expect(placeholderKind('0000000000000000')).toBe('zeros');
    expect(placeholderKind('00:00:00:00:00:00')).toBe('zeros');
    expect(placeholderKind('')).toBe('empty');
    expect(placeholderKind('  ')).toBe('empty');
    expect(placeholderKind('aaaa')).toBe('sampleLetters');
    expect(placeholderKind('https://example.com/')).toBe('exampleDomain');
    expect(placeholderKind('radius.example.edu')).toBe('exampleDomain');
    expect(placeholderKind('anonymous@example.org')).toBe('exampleDomain');
    expect(placeholderKind('AA==')).toBe('zeroBase64');
    for (const real of ['{3F2504E0-4F89-41D3-9A0C-0305E82C3301}', '490154203237518', 'Contoso', 'https://prov.contoso.com/refresh', 'examples.com', 'myexample.com', 'a b', 'internet']) {
      expect(placeholderKind(real), real).toBeUndefined();
    }
  });

  it('audit: every value "Add child" writes for a text-like field of any element is a placeholder', () => {
    const notFound: string[] = [];
    let checked = 0;
    const walk = (skeleton: SkeletonElement, path: string) => {
      const declared = attributesOf(model, skeleton.element);
      for (const attribute of skeleton.attributes) {
        const declaration = declared.find((candidate) => candidate.name === attribute.name);
        if (!declaration || declaration.fixed !== undefined || declaration.default !== undefined || !textLike(declaration.type)) continue;
        checked++;
        if (!placeholderKind(attribute.value)) notFound.push(`${path}/@${attribute.name} = "${attribute.value}"`);
      }
      const declaration = model.elements[skeleton.element];
      const textType = declaration ? textTypeOf(model, declaration) : undefined;
      if (skeleton.text !== undefined && declaration && declaration.fixed === undefined && declaration.default === undefined && textType !== undefined && textLike(textType)) {
        checked++;
        if (!placeholderKind(skeleton.text)) notFound.push(`${path} = "${skeleton.text}"`);
      }
      for (const child of skeleton.children) walk(child, `${path}/${child.localName}`);
    };
    for (const key of Object.keys(model.elements)) {
      const skeleton = mandatoryChildren(model, key);
      if (skeleton) walk(skeleton, skeleton.localName);
    }
    expect(checked).toBeGreaterThan(100);
    expect(notFound).toEqual([]);
  });

  const START = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${NAMESPACES.carrierControlV1}">
  <Global>
    <CarrierId>{3F2504E0-4F89-41D3-9A0C-0305E82C3301}</CarrierId>
    <SubscriberId>310260123456789</SubscriberId>
  </Global>
  <MBNProfiles/>
  <Plans/>
</CarrierProvisioning>
`;

  /** Inserts `localName` (with its mandatory children) as "Add child" does, under the element found by `parentName`. */
  function addChild(text: string, parentName: string, namespace: string, localName: string): string {
    const parsed = parseXml(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const find = (element: typeof parsed.document.root): typeof element | undefined =>
      element.localName === parentName ? element : childElements(element).map(find).find(Boolean);
    const outcome = insertElement(parsed.document, find(parsed.document.root)!, { namespace, localName }, { model });
    if (!outcome.ok) throw new Error(outcome.messageKey);
    return applyTextEdits(text, outcome.edits);
  }

  it('what "Add child" writes for DeviceId, a Plan and an SMS rule is reported as an error saying why', () => {
    let text = addChild(START, 'Global', NAMESPACES.carrierControlV1, 'DeviceId');
    text = addChild(text, 'Plans', NAMESPACES.plans, 'Plan');
    text = addChild(text, 'MBNProfiles', NAMESPACES.wwan, 'Messages');
    const findings = sharedValidator('windows11').validate(text).diagnostics.filter((diagnostic) => diagnostic.code === PLACEHOLDER_CODES.refused);
    expect(findings.map((diagnostic) => diagnostic.messageKey).sort()).toEqual(['lint.placeholder.deviceId', 'lint.placeholder.planName', 'lint.placeholder.smsPattern']);
    for (const finding of findings) expect(finding.severity).toBe('error');
    expect(findings.find((finding) => finding.messageKey === 'lint.placeholder.smsPattern')!.message).toContain('matches every message');
  });

  it('the nil CarrierId of a template is an error; a sample value elsewhere a warning naming its kind, in every language', () => {
    const text = START.replace('{3F2504E0-4F89-41D3-9A0C-0305E82C3301}', ZERO_GUID).replace('<MBNProfiles/>', `<MBNProfiles>
    <DefaultProfile xmlns="${NAMESPACES.wwan}">
      <Name>Contoso</Name>
      <Context><AccessString>apn.example.net</AccessString></Context>
    </DefaultProfile>
  </MBNProfiles>`).replace('  <Plans/>\n', '');
    const result = sharedValidator('windows11').validate(text);
    expect(result.valid).toBe(true);
    const placeholders = result.diagnostics.filter((diagnostic) => Object.values(PLACEHOLDER_CODES).includes(diagnostic.code as 'PS-L035'));
    expect(placeholders.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.params.element])).toEqual([
      ['PS-L035', 'error', 'CarrierId'],
      ['PS-L036', 'warning', 'AccessString'],
    ]);
    expect(placeholders[1]!.message).toBe(
      'AccessString still holds a placeholder: an example domain (example.com and the like are reserved for examples). Windows accepts it as written, but it is not a real value. Fill it in (or remove the element) before you ship the file.',
    );
    for (const language of LANGUAGES) {
      for (const key of ['lint.placeholder.carrierId', 'lint.placeholder.deviceId', 'lint.placeholder.smsPattern', 'lint.placeholder.planName', 'lint.placeholder.refreshUrl', 'lint.placeholder.value'] as const) {
        expect(CATALOGUES[language][key].length, `${language} ${key}`).toBeGreaterThan(40);
      }
    }
  });

  it('finds placeholders in content the model does not declare (EAP settings in a lax slot) only when unmistakable', () => {
    const parsed = parseXml(`<Config xmlns="urn:unknown"><ServerNames>radius.example.com</ServerNames><Empty></Empty><Zero>0000</Zero></Config>`);
    if (!parsed.ok) throw new Error('not well-formed');
    expect(findPlaceholders(parsed.document.root).map((found) => [found.element.localName, found.kind])).toEqual([['ServerNames', 'exampleDomain']]);
  });
});
