import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEdits } from '../../../shared/common/language/formatting';
import { walkElements, type XmlDocumentNode } from '../../../shared/common/xml/model';
import { BLANK, CC, applyOffsetEdits, parse } from './support';

/** Everything but the white space of element-only content: names, attributes (raw), text, comments. */
function content(document: XmlDocumentNode): string[] {
  const parts: string[] = [];
  for (const element of walkElements(document.root)) {
    parts.push(`<${element.name} ${element.attributes.map((attribute) => document.text.slice(attribute.start, attribute.end)).join(' ')}`);
    const elementOnly = element.children.some((child) => child.kind === 'element') && !element.children.some((child) => child.kind === 'text' && child.value.trim() !== '');
    for (const child of element.children) {
      if (child.kind === 'element') continue;
      if (child.kind === 'text' && elementOnly) continue;
      parts.push(`${child.kind}:${document.text.slice(child.start, child.end)}`);
    }
  }
  return parts;
}

describe('formatter', () => {
  const messy = `<?xml version="1.0"?>
<CarrierProvisioning xmlns="${CC}">
<Global>
        <CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId>
   <!-- a comment
          keeps its inside -->
      <SubscriberId>  310260000000000
 </SubscriberId>
 </Global>
    <Plans><Plan Name="a   b"
          Other='x'>  text <b>mixed</b>
     stays </Plan></Plans>
</CarrierProvisioning>`;

  it('re-indents element-only content with the file unit and touches nothing else', () => {
    const document = parse(messy);
    const edits = formatEdits(document, '  ');
    const formatted = applyOffsetEdits(messy, edits);
    expect(formatted).toBe(`<?xml version="1.0"?>
<CarrierProvisioning xmlns="${CC}">
  <Global>
    <CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId>
    <!-- a comment
          keeps its inside -->
    <SubscriberId>  310260000000000
 </SubscriberId>
  </Global>
  <Plans><Plan Name="a   b"
          Other='x'>  text <b>mixed</b>
     stays </Plan></Plans>
</CarrierProvisioning>`);
    expect(content(parse(formatted))).toEqual(content(document));
    // Formatting twice changes nothing more.
    expect(formatEdits(parse(formatted), '  ')).toEqual([]);
  });

  it('uses the indent unit of the file (tabs too) and never changes content on random documents', () => {
    const tabbed = BLANK.replace(/^ {4}/gm, '\t\t').replace(/^ {2}/gm, '\t');
    expect(formatEdits(parse(tabbed))).toEqual([]);
    const name = fc.constantFrom('a', 'b', 'c');
    const leaf = fc.tuple(name, fc.stringMatching(/^[ \nA-Za-z]{0,8}$/), fc.constantFrom('', '&amp;', '&#10;')).map(([tag, value, entity]) => [tag, value + entity] as const).map(([tag, value]) => `<${tag}>${value}</${tag}>`);
    const space = fc.constantFrom('', ' ', '\n', '\n   ', '\n\t', '\n\n  ');
    const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.tuple(name, fc.array(fc.tuple(space, tie('node')), { maxLength: 4 }), space, fc.constantFrom('', '<!-- c\n  x -->')).map(
          ([tag, children, last, comment]) => `<${tag} k="1  2">${comment}${children.map(([gap, child]) => gap + child).join('')}${last}</${tag}>`,
        ),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (xml) => {
        const document = parse(xml);
        const formatted = applyOffsetEdits(xml, formatEdits(document, '  '));
        const again = parse(formatted);
        expect(content(again)).toEqual(content(document));
        expect(formatEdits(again, '  ')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps comments, CDATA sections and processing instructions byte for byte, re-indenting only the lines they start on', () => {
    const text = `<r>
      <!-- a comment
   with its own indentation -->
 <![CDATA[ <not> markup
      kept ]]>
        <?pi  data ?>
   <a><![CDATA[x]]></a>
</r>`;
    const formatted = applyOffsetEdits(text, formatEdits(parse(text), '  '));
    expect(formatted).toBe(`<r>
  <!-- a comment
   with its own indentation -->
  <![CDATA[ <not> markup
      kept ]]>
  <?pi  data ?>
  <a><![CDATA[x]]></a>
</r>`);
  });
});
