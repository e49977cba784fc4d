// Finding our way around a provisioning document's bytes without re-serialising it: which
// encoding it uses, where the root element ends, where existing ds:Signature elements sit, and
// which line ending it prefers. Signing splices text into the original bytes using these offsets,
// so everything outside the Signature element stays byte-for-byte what the author saved.
import { DSIG_NAMESPACE } from './profile';

export type DocumentEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

export class XmlLocationError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
  }
}

export interface DecodedDocument {
  text: string;
  encoding: DocumentEncoding;
  hasByteOrderMark: boolean;
}

function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const match = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match ? (match[1] ?? '').toLowerCase() : null;
}

export function detectEncoding(bytes: Uint8Array): { encoding: DocumentEncoding; hasByteOrderMark: boolean } {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', hasByteOrderMark: true };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', hasByteOrderMark: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', hasByteOrderMark: true };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { encoding: 'utf-16le', hasByteOrderMark: false };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { encoding: 'utf-16be', hasByteOrderMark: false };
  const declared = declaredEncoding(bytes);
  if (declared === null || declared === 'utf-8' || declared === 'utf8') return { encoding: 'utf-8', hasByteOrderMark: false };
  if (['iso-8859-1', 'latin1', 'us-ascii', 'ascii', 'windows-1252'].includes(declared)) return { encoding: 'latin1', hasByteOrderMark: false };
  throw new XmlLocationError(`unsupported encoding "${declared}" (use UTF-8 or UTF-16)`, 1, 1);
}

/** Decodes strictly; a byte-order mark stays in the text as U+FEFF so offsets map back to bytes. */
export function decodeDocument(bytes: Uint8Array): DecodedDocument {
  const { encoding, hasByteOrderMark } = detectEncoding(bytes);
  if (encoding === 'latin1') return { text: Buffer.from(bytes).toString('latin1'), encoding, hasByteOrderMark };
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding, hasByteOrderMark };
  } catch {
    throw new XmlLocationError(`the bytes are not valid ${encoding}`, 1, 1);
  }
}

export function encodeText(text: string, encoding: DocumentEncoding): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'latin1') return Buffer.from(text, 'latin1');
  const little = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? little : little.swap16();
}

export function byteOffsetOf(document: DecodedDocument, charOffset: number): number {
  if (document.encoding === 'utf-8') return Buffer.byteLength(document.text.slice(0, charOffset), 'utf8');
  if (document.encoding === 'latin1') return charOffset;
  return charOffset * 2;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function preferredLineEnding(text: string): '\r\n' | '\n' {
  const firstNewline = text.indexOf('\n');
  return firstNewline > 0 && text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
}

export interface ElementRange {
  /** Offset of '<' of the start tag. */
  start: number;
  /** Offset just after the '>' that closes the element. */
  end: number;
  depth: number;
}

export interface DocumentLayout {
  rootName: string;
  /** Offset just after the root's start tag; for an empty-element root <Root/>, the offset of its "/>". */
  rootStartTagEnd: number;
  /** Offset of the "</" of the root's end tag, or of the "/>" when the root is an empty-element tag. */
  rootClosingOffset: number;
  rootIsEmptyElement: boolean;
  /** ds:Signature elements anywhere, in document order. Depth 1 means a child of the root. */
  signatures: ElementRange[];
  hasDoctype: boolean;
}

/** The bytes around a root-level Signature: the document up to the end of the root's start tag, and the root's end tag. */
export interface RootFrame {
  opening: Uint8Array;
  closing: Uint8Array;
}

/** The document's own bytes for its prolog and root start tag (an empty-element root opened), and the root's end tag in its encoding. */
export function rootFrameOf(bytes: Uint8Array, document: DecodedDocument, layout: DocumentLayout): RootFrame {
  const openingEnd = byteOffsetOf(document, layout.rootStartTagEnd);
  const opening = layout.rootIsEmptyElement ? Buffer.concat([bytes.subarray(0, openingEnd), encodeText('>', document.encoding)]) : bytes.subarray(0, openingEnd);
  return { opening, closing: encodeText(`</${layout.rootName}>`, document.encoding) };
}

interface OpenElement {
  qualifiedName: string;
  start: number;
  namespaces: Map<string, string>;
  isSignature: boolean;
}

const NAME_PATTERN = /[^\s/>=]+/y;
const ATTRIBUTE_PATTERN = /\s*([^\s/>=]+)\s*=\s*("[^"]*"|'[^']*')/y;

/** A small, strict scanner for the well-formed documents we sign (libxml2 checks well-formedness first). */
export function scanLayout(text: string): DocumentLayout {
  const fail = (reason: string, offset: number): never => {
    const { line, column } = lineAndColumn(text, offset);
    throw new XmlLocationError(reason, line, column);
  };
  const stack: OpenElement[] = [];
  const signatures: ElementRange[] = [];
  let rootName: string | null = null;
  let rootStartTagEnd = -1;
  let rootClosingOffset = -1;
  let rootIsEmptyElement = false;
  let hasDoctype = false;
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('<', position);
    if (open === -1) break;
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      if (close === -1) fail('unterminated comment', open);
      position = close + 3;
    } else if (text.startsWith('<?', open)) {
      const close = text.indexOf('?>', open + 2);
      if (close === -1) fail('unterminated processing instruction', open);
      position = close + 2;
    } else if (text.startsWith('<![CDATA[', open)) {
      const close = text.indexOf(']]>', open + 9);
      if (close === -1) fail('unterminated CDATA section', open);
      position = close + 3;
    } else if (text.startsWith('<!DOCTYPE', open)) {
      hasDoctype = true;
      const bracket = text.indexOf('[', open);
      const close = text.indexOf('>', open);
      if (bracket !== -1 && bracket < close) {
        const subsetEnd = text.indexOf(']', bracket);
        position = text.indexOf('>', subsetEnd) + 1;
      } else position = close + 1;
      if (position <= 0) fail('unterminated DOCTYPE', open);
    } else if (text[open + 1] === '/') {
      const close = text.indexOf('>', open);
      if (close === -1) fail('unterminated end tag', open);
      const name = text.slice(open + 2, close).trim();
      const element = stack.pop();
      if (!element || element.qualifiedName !== name) fail(`end tag </${name}> does not match the open element`, open);
      if (element!.isSignature) signatures.push({ start: element!.start, end: close + 1, depth: stack.length });
      if (stack.length === 0) rootClosingOffset = open;
      position = close + 1;
    } else {
      NAME_PATTERN.lastIndex = open + 1;
      const nameMatch = NAME_PATTERN.exec(text);
      if (!nameMatch) fail('element without a name', open);
      const qualifiedName = nameMatch![0];
      if (stack.length === 0 && rootName !== null) fail('content after the root element', open);
      let cursor = open + 1 + qualifiedName.length;
      const namespaces = new Map(stack.at(-1)?.namespaces ?? []);
      for (;;) {
        ATTRIBUTE_PATTERN.lastIndex = cursor;
        const attribute = ATTRIBUTE_PATTERN.exec(text);
        if (!attribute) break;
        const [, attributeName = '', quoted = ''] = attribute;
        if (attributeName === 'xmlns') namespaces.set('', quoted.slice(1, -1));
        else if (attributeName.startsWith('xmlns:')) namespaces.set(attributeName.slice(6), quoted.slice(1, -1));
        cursor = ATTRIBUTE_PATTERN.lastIndex;
      }
      while (/\s/.test(text[cursor] ?? '')) cursor += 1;
      const selfClosing = text.startsWith('/>', cursor);
      if (!selfClosing && text[cursor] !== '>') fail(`malformed start tag <${qualifiedName}>`, open);
      const colon = qualifiedName.indexOf(':');
      const prefix = colon === -1 ? '' : qualifiedName.slice(0, colon);
      const localName = colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
      const isSignature = localName === 'Signature' && namespaces.get(prefix) === DSIG_NAMESPACE;
      const tagEnd = cursor + (selfClosing ? 2 : 1);
      if (stack.length === 0) {
        rootName = qualifiedName;
        rootStartTagEnd = selfClosing ? cursor : tagEnd;
      }
      if (selfClosing) {
        if (isSignature) signatures.push({ start: open, end: tagEnd, depth: stack.length });
        if (stack.length === 0) {
          rootClosingOffset = cursor;
          rootIsEmptyElement = true;
        }
      } else stack.push({ qualifiedName, start: open, namespaces, isSignature });
      position = tagEnd;
    }
  }
  if (rootName === null) fail('no root element', 0);
  if (stack.length > 0) fail(`element <${stack.at(-1)!.qualifiedName}> is never closed`, stack.at(-1)!.start);
  return { rootName: rootName!, rootStartTagEnd, rootClosingOffset, rootIsEmptyElement, signatures, hasDoctype };
}
