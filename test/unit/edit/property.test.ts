// Property test: random well-formed documents (nesting, comments, CDATA, entity and character
// references, CRLF or LF, both quote styles, prefixes) and random edits. For every edit:
// nothing outside the edited range changes, the result parses, and the edit did what it says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTextEdits } from '../../../shared/common/edit/index';
import { childElements, parseXml, textContent, walkElements, type XmlDocumentNode, type XmlElementNode } from '../../../shared/common/xml/index';
import { TREE_EDIT_KINDS, applyTreeEdit, type TreeEdit } from '../../support/tree-edits';

interface GeneratedElement {
  name: string;
  attributes: Array<{ name: string; value: string; quote: string }>;
  content: Array<GeneratedElement | { markup: string }>;
}

const NAMES = ['a', 'b', 'Profile', 'p:item', 'q:Name', 'x-y.z'];
const ATTRIBUTE_NAMES = ['id', 'Priority', 'p:flag', 'name'];
const textPiece = fc.constantFrom('text', 'a &amp; b', '&lt;tag&gt;', '&#65;&#x42;', ' ', '  ', 'é ü', '𝄞', '"quoted"', "it's");
const rawAttributeValue = fc.constantFrom('', 'v', 'a &amp; b', '&quot;q&quot;', '&#9;tab', 'x&lt;y', '1 2');

function elementArbitrary(depth: number): fc.Arbitrary<GeneratedElement> {
  const markup = fc.oneof(
    textPiece.map((text) => ({ markup: text })),
    fc.constantFrom('<!-- note -->', '<!--x-->', '<![CDATA[a < b & c]]>', '<?pi data?>').map((text) => ({ markup: text })),
  );
  const child = depth > 0 ? fc.oneof({ weight: 2, arbitrary: elementArbitrary(depth - 1) }, { weight: 1, arbitrary: markup }) : markup;
  return fc.record({
    name: fc.constantFrom(...NAMES),
    attributes: fc.uniqueArray(fc.record({ name: fc.constantFrom(...ATTRIBUTE_NAMES), value: rawAttributeValue, quote: fc.constantFrom('"', "'") }), {
      maxLength: 3,
      selector: (attribute) => attribute.name,
    }),
    content: fc.array(child, { maxLength: depth > 0 ? 4 : 2 }),
  });
}

function serialize(element: GeneratedElement, indent: string, eol: string, pretty: boolean): string {
  const attributes = element.attributes.map((attribute) => ` ${attribute.name}=${attribute.quote}${attribute.value.replace(attribute.quote === '"' ? /"/g : /'/g, '')}${attribute.quote}`).join('');
  if (element.content.length === 0) return `<${element.name}${attributes}/>`;
  const inner = element.content
    .map((item) => ('markup' in item ? item.markup : (pretty ? eol + indent + '  ' : '') + serialize(item, indent + '  ', eol, pretty)))
    .join('');
  return `<${element.name}${attributes}>${inner}${pretty ? eol + indent : ''}</${element.name}>`;
}

const documentArbitrary = fc
  .record({ root: elementArbitrary(3), crlf: fc.boolean(), pretty: fc.boolean(), comment: fc.boolean() })
  .map(({ root, crlf, pretty, comment }) => {
    const eol = crlf ? '\r\n' : '\n';
    const body = serialize({ ...root, name: 'Root' }, '', eol, pretty).replace(/^<Root/, '<Root xmlns="urn:default" xmlns:p="urn:p" xmlns:q=\'urn:q\'');
    return `<?xml version="1.0" encoding="utf-8"?>${eol}${comment ? `<!-- head -->${eol}` : ''}${body}${eol}`;
  });

const valueArbitrary = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('a & b', '<x>', ']]>', 'line\nbreak', 'cr\r\nlf', "quote ' and \"", '\ttab', '𝄞'),
);

/** A tree edit and the element it applies to (an index into the document's elements). */
type EditRequest = TreeEdit & { target: number };

const editArbitrary: fc.Arbitrary<EditRequest> = fc.oneof(
  fc.record({ kind: fc.constant('setText' as const), target: fc.nat(), value: valueArbitrary }),
  fc.record({ kind: fc.constant('setAttribute' as const), target: fc.nat(), name: fc.constantFrom(...ATTRIBUTE_NAMES, 'new'), value: valueArbitrary }),
  fc.record({ kind: fc.constant('removeAttribute' as const), target: fc.nat(), name: fc.constantFrom(...ATTRIBUTE_NAMES) }),
  fc.record({ kind: fc.constant('insert' as const), target: fc.nat(), namespace: fc.constant('urn:default'), localName: fc.constantFrom('New', 'b'), options: fc.record({ index: fc.nat({ max: 6 }) }) }),
  fc.record({ kind: fc.constantFrom('remove' as const, 'moveUp' as const, 'moveDown' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), target: fc.nat(), name: fc.constantFrom('Renamed', 'p:Other', 'q:a') }),
);

/** Child-index path from the root, to find the same element in the re-parsed result. */
function pathOf(element: XmlElementNode): number[] {
  const path: number[] = [];
  for (let current = element; current.parent; current = current.parent) path.unshift(childElements(current.parent).indexOf(current));
  return path;
}

function follow(document: XmlDocumentNode, path: readonly number[]): XmlElementNode | undefined {
  let current: XmlElementNode | undefined = document.root;
  for (const index of path) current = current ? childElements(current)[index] : undefined;
  return current;
}

describe('random documents, random edits', () => {
  it('generates well-formed documents', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => {
        expect(parseXml(text).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('changes nothing outside the edit, keeps the text well-formed and does what it says', () => {
    let applied = 0;
    const succeeded = new Map<string, number>();
    fc.assert(
      fc.property(documentArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 4 }), (initial, requests) => {
        let text = initial;
        for (const request of requests) {
          applied++;
          const parsed = parseXml(text);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const document = parsed.document;
          const elements = [...walkElements(document.root)];
          const element = elements[request.target % elements.length]!;
          const outcome = applyTreeEdit(document, element, request);
          if (!outcome.ok) continue;
          succeeded.set(request.kind, (succeeded.get(request.kind) ?? 0) + 1);
          expect(applyTextEdits(text, outcome.edits)).toBe(outcome.text);
          if (outcome.edits.length > 0) {
            const first = Math.min(...outcome.edits.map((edit) => edit.offset));
            const last = Math.max(...outcome.edits.map((edit) => edit.offset + edit.length));
            expect(outcome.text.slice(0, first)).toBe(text.slice(0, first));
            expect(outcome.text.slice(outcome.text.length - (text.length - last))).toBe(text.slice(last));
          }
          const reparsed = parseXml(outcome.text);
          expect(reparsed.ok).toBe(true);
          if (!reparsed.ok) return;
          const same = follow(reparsed.document, pathOf(element));
          if (request.kind === 'setText') {
            const expected = request.value.replace(/\r\n/g, '\n');
            const hasMarkup = element.children.some((child) => child.kind === 'comment' || child.kind === 'processingInstruction');
            if (hasMarkup) expect(textContent(same!)).toContain(expected.trim());
            else expect(textContent(same!)).toBe(expected);
          }
          if (request.kind === 'setAttribute') expect(same!.attributes.find((attribute) => attribute.name === request.name)?.value).toBe(request.value);
          if (request.kind === 'removeAttribute') expect(same!.attributes.some((attribute) => attribute.name === request.name)).toBe(false);
          if (request.kind === 'insert') expect(childElements(same!).length).toBe(childElements(element).length + 1);
          if (request.kind === 'remove') expect([...walkElements(reparsed.document.root)].length).toBe(elements.length - [...walkElements(element)].length);
          if (request.kind === 'rename') expect(same!.name).toBe(request.name);
          if (request.kind === 'moveUp' || request.kind === 'moveDown') expect([...walkElements(reparsed.document.root)].length).toBe(elements.length);
          text = outcome.text;
        }
      }),
      { numRuns: 1000 },
    );
    expect(applied).toBeGreaterThan(1000);
    // Every kind of edit really ran (refusals such as "no previous sibling" are allowed).
    for (const kind of TREE_EDIT_KINDS) expect(succeeded.get(kind) ?? 0).toBeGreaterThan(10);
  });
});
