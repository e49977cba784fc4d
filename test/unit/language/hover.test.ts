import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/common/i18n/index';
import { hoverAt, hoverMarkdown } from '../../../shared/common/language/hover';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { BLANK, PLANS, parse } from './support';

describe('hover', () => {
  const document = parse(BLANK);

  it('documents elements with their type facts', () => {
    const hover = hoverAt(BUNDLED_SCHEMA_MODEL, document, BLANK.indexOf('CarrierId>') + 2);
    expect(hover?.title).toBe('CarrierId');
    expect(hover?.documentation).toContain('fixed GUID');
    expect(hover?.facts.some((fact) => fact.key === 'pattern')).toBe(true);
    expect(BLANK.slice(hover!.start, hover!.end)).toBe('CarrierId');
    const endTag = hoverAt(BUNDLED_SCHEMA_MODEL, document, BLANK.indexOf('</SubscriberId>') + 3);
    expect(endTag?.title).toBe('SubscriberId');
    expect(hoverAt(BUNDLED_SCHEMA_MODEL, document, BLANK.indexOf('310260'))).toBeNull();
  });

  it('gives the markdown the editor shows: name and namespace, documentation, facts in the reader’s language', () => {
    const info = hoverAt(BUNDLED_SCHEMA_MODEL, document, BLANK.indexOf('CarrierId>') + 2)!;
    const [title, documentation, facts] = hoverMarkdown(info, translator('en'));
    expect(title).toBe('**CarrierId** — `http://www.microsoft.com/networking/CarrierControl/v1`');
    expect(documentation).toContain('fixed GUID');
    expect(facts).toContain('Form: a GUID in braces');
    expect(facts).not.toContain('[0-9a-fA-F]');
    expect(hoverMarkdown(info, translator('fr'))[2]).not.toBe(facts);
  });

  it('documents an attribute with its values, and says when the schema has no documentation', () => {
    const text = BLANK.replace('  </Global>', `  </Global>\n  <Plans>\n    <Plan xmlns="${PLANS}" Name="Gold">\n      <Description PlanType="Fixed"/>\n    </Plan>\n  </Plans>`);
    const parsed = parse(text);
    const attribute = hoverAt(BUNDLED_SCHEMA_MODEL, parsed, text.indexOf('PlanType') + 2)!;
    expect(attribute.title).toBe('@PlanType');
    expect(text.slice(attribute.start, attribute.end)).toBe('PlanType="Fixed'); // the span ends at the value's end
    expect(attribute.facts).toContainEqual({ key: 'values', params: { values: 'Unrestricted, Fixed, Variable' } });
    const { documentation: _documentation, ...undocumented } = attribute;
    const markdown = hoverMarkdown(undocumented, translator('en'));
    expect(markdown[0]).toBe('**@PlanType**');
    expect(markdown[1]).toBe('*No documentation in the schema\\.*');
    expect(markdown[2]).toContain('- Allowed values: Unrestricted, Fixed, Variable');
  });
});
