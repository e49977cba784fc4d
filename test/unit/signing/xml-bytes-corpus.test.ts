// The signing code reads documents through the shared codec (files/encoding.ts) and the shared
// positioned scanner (xml/parse.ts, in its no-tree mode). Over every XML file of the test corpus
// this checks that what it finds agrees with the positioned tree (same root offsets, same
// ds:Signature elements at the same offsets and depths), with libxml2 (the parser xmlsec1 uses:
// same root, same Signature elements on the same lines), with the codec (same text, same
// encoding) and that the byte ranges the signer cuts and splices hold exactly those elements.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XmlElement } from 'libxml2-wasm';
import { parseXml as parsePositioned } from '../../../shared/common/xml/parse';
import type { XmlElementNode } from '../../../shared/common/xml/model';
import { DecodeError, decodeText } from '../../../shared/node/files/encoding';
import { parseXml as parseWithLibxml2 } from '../../../shared/node/signing/canonical';
import { DSIG_NAMESPACE } from '../../../shared/node/signing/profile';
import { XmlLocationError, byteOffsetOf, decodeDocument, encodeInDocument, lineAndColumn, scanLayout } from '../../../shared/node/signing/xml-bytes';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const corpus = (readdirSync(fixtures, { recursive: true }) as string[]).filter((file) => file.endsWith('.xml')).sort();

function signaturesOf(element: XmlElementNode, depth = 0, found: Array<{ start: number; end: number; depth: number }> = []) {
  for (const child of element.children) if (child.kind === 'element') signaturesOf(child, depth + 1, found);
  if (element.localName === 'Signature' && element.namespaceUri === DSIG_NAMESPACE) found.push({ start: element.start, end: element.end, depth });
  return found;
}

function depthOf(element: XmlElement): number {
  let depth = 0;
  for (let parent = element.parent; parent; parent = parent.parent) depth += 1;
  return depth;
}

describe('the signing code reads every corpus file as the shared codec, scanner and libxml2 do', () => {
  it('has a corpus', () => expect(corpus.length).toBeGreaterThan(100));

  it.each(corpus)('%s', (file) => {
    const bytes = readFileSync(path.join(fixtures, file));
    let decoded;
    try {
      decoded = decodeDocument(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(XmlLocationError);
      expect(() => decodeText(bytes)).toThrow(DecodeError);
      return;
    }
    const codec = decodeText(bytes);
    expect(decoded.encoding).toBe(codec.encoding);
    expect(decoded.text.replace(/^\uFEFF/, '')).toBe(codec.text);

    const tree = parsePositioned(decoded.text);
    if (!tree.ok) {
      const failure = (() => {
        try {
          return scanLayout(decoded.text);
        } catch (error) {
          return error as XmlLocationError;
        }
      })();
      if ('hasDoctype' in failure) expect(failure.hasDoctype).toBe(true);
      else expect([failure.line, failure.column]).toEqual([tree.error.range.start.line, tree.error.range.start.column]);
      return;
    }
    const layout = scanLayout(decoded.text);
    if (layout.hasDoctype) throw new Error('a document the parser accepted has a DOCTYPE');
    const root = tree.document.root;
    expect(layout.rootName).toBe(root.name);
    expect(layout.rootIsEmptyElement).toBe(root.endTagStart === -1);
    expect(layout.rootClosingOffset).toBe(root.endTagStart === -1 ? root.end - 2 : root.endTagStart);
    expect(layout.rootStartTagEnd).toBe(root.endTagStart === -1 ? root.end - 2 : root.startTagEnd);
    expect(layout.signatures).toEqual(signaturesOf(root));

    const document = parseWithLibxml2(bytes);
    try {
      expect(document.root.name).toBe(root.name);
      const found = document.find('//ds:Signature', { ds: DSIG_NAMESPACE }).filter((node) => node instanceof XmlElement);
      const byStart = [...layout.signatures].sort((left, right) => left.start - right.start);
      expect(found.map((element) => [element.line, depthOf(element)])).toEqual(byStart.map((signature) => [lineAndColumn(decoded.text, signature.start).line, signature.depth]));
      for (const signature of layout.signatures) {
        const written = bytes.subarray(byteOffsetOf(decoded, signature.start), byteOffsetOf(decoded, signature.end));
        expect(Buffer.compare(written, encodeInDocument(decoded.text.slice(signature.start, signature.end), decoded.encoding))).toBe(0);
      }
    } finally {
      document.dispose();
    }
  });
});
