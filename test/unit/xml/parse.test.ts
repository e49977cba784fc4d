// The positioned parser: exact ranges, namespaces, refusal of DTDs, and no crash on any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attributeNameSpan,
  attributeSpan,
  attributeValueSpan,
  elementNameSpan,
  elementSpan,
  endTagSpan,
  findAttribute,
  findChild,
  isSelfClosing,
  positionOf,
  startTagSpan,
  textContent,
  textSpan,
  walkElements,
  type Span,
} from '../../../shared/common/xml/model';
import { parseXml, type XmlParseResult } from '../../../shared/common/xml/parse';

function parsed(text: string) {
  const result = parseXml(text);
  if (!result.ok) throw new Error(`unexpected parse error: ${result.error.message}`);
  return result.document;
}

function failure(result: XmlParseResult) {
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

const slice = (text: string, span: Span) => text.slice(span.start, span.end);

describe('positions', () => {
  const text = '<?xml version="1.0"?>\n<!-- c -->\n<r xmlns="urn:a" xmlns:b="urn:b">\n  <b:x  a = \'1&amp;2\' b:y="z">t&lt;u</b:x>\r\n  <e/><![CDATA[<raw>]]><?pi data?>\n</r>\n';
  const document = parsed(text);
  const root = document.root;
  const x = findChild(root, 'x', 'urn:b')!;

  it('ranges every element, tag and name exactly', () => {
    expect(slice(text, startTagSpan(root))).toBe('<r xmlns="urn:a" xmlns:b="urn:b">');
    expect(slice(text, endTagSpan(root)!)).toBe('</r>');
    expect(positionOf(document, root.start)).toEqual({ line: 3, column: 1, offset: text.indexOf('<r ') });
    expect(slice(text, elementSpan(x))).toBe('<b:x  a = \'1&amp;2\' b:y="z">t&lt;u</b:x>');
    expect(slice(text, elementNameSpan(x))).toBe('b:x');
    expect(positionOf(document, x.start)).toMatchObject({ line: 4, column: 3 });
  });

  it('resolves namespaces of elements and attributes', () => {
    expect(root.namespaceUri).toBe('urn:a');
    expect(x).toMatchObject({ prefix: 'b', localName: 'x', namespaceUri: 'urn:b' });
    const a = findAttribute(x, 'a')!;
    expect(a).toMatchObject({ namespaceUri: '', value: '1&2', quote: "'" });
    expect(slice(text, attributeSpan(a))).toBe("a = '1&amp;2'");
    expect(slice(text, attributeNameSpan(a))).toBe('a');
    expect(slice(text, attributeValueSpan(a))).toBe('1&amp;2');
    const y = x.attributes.find((attribute) => attribute.localName === 'y')!;
    expect(y).toMatchObject({ prefix: 'b', namespaceUri: 'urn:b', value: 'z' });
  });

  it('ranges text, CDATA, comments and processing instructions', () => {
    expect(textContent(x)).toBe('t<u');
    expect(slice(text, textSpan(x))).toBe('t&lt;u');
    const cdata = root.children.find((child) => child.kind === 'cdata')!;
    expect(slice(text, cdata)).toBe('<![CDATA[<raw>]]>');
    const pi = root.children.find((child) => child.kind === 'processingInstruction')!;
    expect(slice(text, pi)).toBe('<?pi data?>');
    const comment = document.children.find((child) => child.kind === 'comment')!;
    expect(slice(text, comment)).toBe('<!-- c -->');
    expect(document.declaration?.version).toBe('1.0');
  });

  it('counts a CRLF as one line break and columns in UTF-16 units', () => {
    const e = findChild(root, 'e')!;
    expect(positionOf(document, e.start)).toMatchObject({ line: 5, column: 3 });
    expect(isSelfClosing(e)).toBe(true);
    expect(endTagSpan(e)).toBeNull();
    const astral = parsed('<a>😀<b/></a>');
    expect(positionOf(astral, findChild(astral.root, 'b')!.start).column).toBe(6);
  });

  it('keeps parent links', () => {
    expect(x.parent).toBe(root);
    expect([...walkElements(root)].map((element) => element.localName)).toEqual(['r', 'x', 'e']);
  });
});

describe('well-formedness errors', () => {
  it('locates a mismatched end tag', () => {
    const error = failure(parseXml('<a>\n  <b></c>\n</a>'));
    expect(error.code).toBe('XML_MISMATCHED_END_TAG');
    expect(error.range.start).toMatchObject({ line: 2, column: 6 });
  });
  it('locates an unclosed element at its start tag', () => {
    const error = failure(parseXml('<a>\n  <b>\n</a>'));
    expect(['XML_MISMATCHED_END_TAG', 'XML_UNCLOSED_ELEMENT']).toContain(error.code);
    expect(error.range.start.line).toBeGreaterThan(0);
  });
  it('rejects unknown entities (only the five predefined ones and character references)', () => {
    const error = failure(parseXml('<a>\n x &nbsp; y</a>'));
    expect(error.code).toBe('XML_UNDEFINED_ENTITY');
    expect(error.range.start).toMatchObject({ line: 2, column: 4 });
    expect(parsed('<a>&lt;&gt;&amp;&quot;&apos;&#233;&#x41;</a>').root.children[0]).toMatchObject({ value: '<>&"\'éA' });
  });
  it('rejects an unbound prefix, duplicate attributes, a missing root and text after the root', () => {
    expect(failure(parseXml('<p:a/>')).code).toBe('XML_UNBOUND_PREFIX');
    expect(failure(parseXml('<a x="1" x="2"/>')).code).toBe('XML_DUPLICATE_ATTRIBUTE');
    expect(failure(parseXml('')).code).toBe('XML_NO_ROOT');
    expect(failure(parseXml('<!-- only a comment -->')).code).toBe('XML_NO_ROOT');
    expect(failure(parseXml('<a/>junk')).code).toBe('XML_CONTENT_OUTSIDE_ROOT');
  });
});

describe('DTDs are refused (XXE, billion laughs)', () => {
  const cases: Record<string, string> = {
    'external entity (XXE)': '<?xml version="1.0"?>\n<!DOCTYPE r [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<r>&xxe;</r>',
    'external DTD': '<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "http://attacker.example/evil.dtd">\n<r/>',
    'billion laughs': `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, level) => ` <!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`).join('\n')}\n]>\n<lolz>&lol9;</lolz>`,
    'DOCTYPE only': '<!DOCTYPE CarrierProvisioning>',
    'unterminated DOCTYPE': '<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY a "b"',
    'parameter entity': '<!DOCTYPE r [ <!ENTITY % p SYSTEM "http://x/y"> %p; ]><r/>',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      const error = failure(parseXml(text));
      expect(error.code).toBe('XML_DTD_FORBIDDEN');
      expect(error.source).toBe('xml');
      const doctypeOffset = text.indexOf('<!DOCTYPE');
      expect(error.range.start.offset).toBe(doctypeOffset);
      expect(error.range.start.line).toBe(text.slice(0, doctypeOffset).split('\n').length);
      expect(error.message).toMatch(/DOCTYPE/);
    });
  }
});

describe('robustness', () => {
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = parseXml(text);
        if (!result.ok) expect(result.error.range.start.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutations of a real document', () => {
    const base = '<?xml version="1.0"?><r xmlns="urn:a" a="1"><!--c--><b x=\'y\'>t&amp;</b><![CDATA[z]]></r>';
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(base.length), fc.string({ maxLength: 8 }), (start, length, insert) => {
        const text = base.slice(0, start) + insert + base.slice(Math.min(base.length, start + length));
        const result = parseXml(text);
        if (result.ok) {
          for (const element of walkElements(result.document.root)) {
            expect(text[element.start]).toBe('<');
            expect(text[element.end - 1]).toBe('>');
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parses 0.5 MB and 2.5 MB provisioning-like files in time linear in their size (the bench records the real figure)', () => {
    const profile = (index: number) =>
      `  <WLANProfile xmlns="urn:w"><name>Contoso ${index}</name><SSIDConfig><SSID><name>C-${index}</name></SSID></SSIDConfig>\n    <MSM><security><authEncryption><authentication>WPA2PSK</authentication><encryption>AES</encryption></authEncryption></security></MSM></WLANProfile>\n`;
    const documentOf = (bytes: number) => {
      const parts: string[] = [];
      let length = 0;
      for (let index = 0; length < bytes; index++) length += parts[parts.push(profile(index)) - 1]!.length;
      return `<WLANProfiles>\n${parts.join('')}</WLANProfiles>`;
    };
    const small = documentOf(512 * 1024);
    const large = documentOf(5 * 512 * 1024);
    // The fastest of three runs of each size, interleaved, so that a busy machine slows both alike:
    // a pathology (quadratic work) shows as a ratio far above 5, load does not.
    const fastest = { small: Infinity, large: Infinity };
    for (let round = 0; round < 3; round++) {
      for (const [name, text] of [['small', small], ['large', large]] as const) {
        const started = performance.now();
        const result = parseXml(text);
        fastest[name] = Math.min(fastest[name], performance.now() - started);
        expect(result.ok).toBe(true);
      }
    }
    expect(fastest.large / fastest.small).toBeLessThan(12);
  });
});
