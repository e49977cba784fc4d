import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { walkElements, type XmlDocumentNode, type XmlElementNode } from '../../../shared/common/xml/model';
import { parseXml } from '../../../shared/common/xml/parse';
import { completionContextAt } from '../../../shared/common/language/completion-context';
import { attributeSuggestions, elementContextInContent, elementSuggestions, valueSuggestions } from '../../../shared/common/language/completion';
import { foldingRanges } from '../../../shared/common/language/folding';
import { formatEdits } from '../../../shared/common/language/formatting';
import { hoverAt } from '../../../shared/common/language/hover';

const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const WLAN = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';
const BLANK = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${CC}">
  <Global>
    <CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
</CarrierProvisioning>
`;

function parse(text: string): XmlDocumentNode {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

function applyOffsetEdits(text: string, edits: { offset: number; length: number; text: string }[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
  return result;
}

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
});

describe('completion context', () => {
  const insideGlobal = (typed: string) => {
    const at = BLANK.indexOf('  </Global>');
    const text = BLANK.slice(0, at) + `    ${typed}\n` + BLANK.slice(at);
    return { text, offset: at + 4 + typed.length - (typed.endsWith('>') ? 1 : 0) };
  };

  it('offers only the children the schema allows at the cursor after `<`', () => {
    const { text, offset } = insideGlobal('<>');
    const context = completionContextAt(text, offset);
    expect(context?.kind).toBe('element');
    if (context?.kind !== 'element') return;
    expect(context.parent.localName).toBe('Global');
    expect(context.index).toBe(2);
    expect(text.slice(context.replaceStart, context.replaceEnd)).toBe('>'); // the auto-closed bracket goes
    const names = elementSuggestions(BUNDLED_SCHEMA_MODEL, context).map((suggestion) => suggestion.label);
    expect(names).toContain('DeviceId');
    expect(names).not.toContain('CarrierId');
    expect(names).not.toContain('Plan');
    expect(elementSuggestions(BUNDLED_SCHEMA_MODEL, context).find((suggestion) => suggestion.label === 'DeviceId')?.snippet).toBe('DeviceId>$0</DeviceId>');
  });

  it('writes a new namespace as a default declaration, and reuses the parent’s prefix', () => {
    const text = `<CarrierProvisioning xmlns="${CC}"><Global><CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId><SubscriberId>1</SubscriberId></Global><WLANProfiles><</WLANProfiles></CarrierProvisioning>`;
    const context = completionContextAt(text, text.indexOf('<</WLAN') + 1);
    if (context?.kind !== 'element') throw new Error('no element context');
    const wlan = elementSuggestions(BUNDLED_SCHEMA_MODEL, context).find((suggestion) => suggestion.label === 'WLANProfile');
    expect(wlan?.snippet).toBe(`WLANProfile xmlns="${WLAN}">$0</WLANProfile>`);
    const prefixed = `<cc:CarrierProvisioning xmlns:cc="${CC}"><cc:</cc:CarrierProvisioning>`;
    const inner = completionContextAt(prefixed, prefixed.indexOf('<cc:</') + 4);
    if (inner?.kind !== 'element') throw new Error('no element context');
    expect(elementSuggestions(BUNDLED_SCHEMA_MODEL, inner).map((suggestion) => suggestion.label)).toContain('cc:Global');
  });

  it('still knows the parent when the text does not parse', () => {
    const broken = BLANK.replace('</Global>', '<Unclosed>\n  <').replace('</CarrierProvisioning>', '');
    const context = completionContextAt(broken, broken.lastIndexOf('<') + 1);
    expect(context?.kind).toBe('element');
    if (context?.kind === 'element') expect(context.parent.localName).toBe('Unclosed');
    const global = BLANK.replace('<SubscriberId>', '<').replace('310260000000000</SubscriberId>', '');
    const inGlobal = completionContextAt(global, global.indexOf('    <\n') + 5);
    if (inGlobal?.kind !== 'element') throw new Error('no element context');
    expect(inGlobal.parent.localName).toBe('Global');
    expect(inGlobal.parent.namespaceUri).toBe(CC);
    expect(elementSuggestions(BUNDLED_SCHEMA_MODEL, inGlobal).map((suggestion) => suggestion.label)).toContain('SubscriberId');
  });

  it('offers attributes not yet written, and enumeration values in attributes and text', () => {
    const text = BLANK.replace('  </Global>', `  </Global>\n  <Plans>\n    <Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" >\n    </Plan>\n  </Plans>`);
    const offset = text.indexOf('" >') + 2;
    const context = completionContextAt(text, offset);
    expect(context?.kind).toBe('attribute');
    if (context?.kind === 'attribute') expect(attributeSuggestions(BUNDLED_SCHEMA_MODEL, context).map((attribute) => attribute.name)).toContain('Name');

    const wlan = `<WLANProfile xmlns="${WLAN}"><name>a</name><SSIDConfig><SSID><name>x</name></SSID></SSIDConfig><MSM><security><authEncryption><authentication>WPA</authentication></authEncryption></security></MSM></WLANProfile>`;
    const document = `<CarrierProvisioning xmlns="${CC}"><Global><CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId><SubscriberId>1</SubscriberId></Global><WLANProfiles>${wlan}</WLANProfiles></CarrierProvisioning>`;
    const inText = completionContextAt(document, document.indexOf('WPA<') + 2);
    expect(inText?.kind).toBe('text');
    if (inText?.kind === 'text') {
      expect(valueSuggestions(BUNDLED_SCHEMA_MODEL, inText)).toContain('WPA2PSK');
      expect(document.slice(inText.replaceStart, inText.replaceEnd)).toBe('WPA');
    }
    // In element content without `<`: elements, with the bracket.
    const between = completionContextAt(BLANK, BLANK.indexOf('  </Global>'));
    if (between?.kind !== 'text') throw new Error('expected text');
    const elements = elementContextInContent(BUNDLED_SCHEMA_MODEL, BLANK, between, BLANK.indexOf('  </Global>'));
    expect(elements?.withBracket).toBe(true);
    expect(elementSuggestions(BUNDLED_SCHEMA_MODEL, elements!).map((suggestion) => suggestion.snippet)).toContain('<DeviceId>$0</DeviceId>');
  });

  it('offers nothing inside comments and end tags', () => {
    const text = BLANK.replace('<Global>', '<Global><!-- <');
    expect(completionContextAt(text, text.indexOf('<!-- <') + 6)).toBeNull();
    expect(completionContextAt(BLANK, BLANK.indexOf('</Global>') + 3)).toBeNull();
  });
});

describe('hover and folding', () => {
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

  it('folds every multi-line element, keeping its end tag visible', () => {
    expect(foldingRanges(document)).toEqual([
      { start: 2, end: 6, comment: false },
      { start: 3, end: 5, comment: false },
    ]);
  });

  it('folds large documents within a limit', () => {
    const big = parse(`<r>\n${Array.from({ length: 100 }, () => '<a>\n<b/>\n</a>').join('\n')}\n</r>`);
    expect(foldingRanges(big, 10)).toHaveLength(10);
    const elements: XmlElementNode[] = [...walkElements(big.root)];
    expect(elements.length).toBe(201);
  });
});
