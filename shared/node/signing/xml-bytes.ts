// Finding our way around a provisioning document's bytes without re-serialising it: which
// encoding it uses, where the root element ends, where existing ds:Signature elements sit, and
// which line ending it prefers. Signing splices text into the original bytes using these offsets,
// so everything outside the Signature element stays byte-for-byte what the author saved.
//
// Nothing here reads XML or encodings on its own: the bytes are decoded by files/encoding.ts (the
// codec every command and the app use) and the elements are found by the shared positioned
// scanner (common/xml/parse.ts, without building a tree). The one thing kept apart is the
// byte-order mark: it stays in the text as U+FEFF, so that every character offset maps back to
// the byte offset where the signature is spliced in.
import { XML_CODES, scanElements, type XmlElementLayout } from '../../common/xml/parse';
import { PositionMapper } from '../../common/xml/positions';
import { preferredLineEnding as lineEndingOf } from '../../common/text/line-endings';
import type { TextEncodingName } from '../../common/ipc';
import { DecodeError, decodeText, encodeText, unreadDeclaredEncoding, withoutByteOrderMark } from '../files/encoding';
import { DSIG_NAMESPACE } from './profile';

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
  /** The document's text; a byte-order mark stays in it as U+FEFF so offsets map back to bytes. */
  text: string;
  encoding: TextEncodingName;
}

/** Decodes strictly (files/encoding.ts), refusing a declared encoding the bytes are not read in. */
export function decodeDocument(bytes: Uint8Array): DecodedDocument {
  const unread = unreadDeclaredEncoding(bytes);
  if (unread !== null) throw new XmlLocationError(`unsupported encoding "${unread}" (use UTF-8 or UTF-16)`, 1, 1);
  try {
    const { text, encoding } = decodeText(bytes);
    return { text: withoutByteOrderMark(encoding) === encoding ? text : `\uFEFF${text}`, encoding };
  } catch (error) {
    if (error instanceof DecodeError) throw new XmlLocationError(`the bytes are not valid ${error.encoding} (byte ${error.byteOffset})`, 1, 1);
    throw error;
  }
}

/** Text to splice into the document: in its encoding, never with a byte-order mark of its own. */
export function encodeInDocument(text: string, encoding: TextEncodingName): Uint8Array {
  return encodeText(text, withoutByteOrderMark(encoding));
}

export function byteOffsetOf(document: DecodedDocument, charOffset: number): number {
  switch (withoutByteOrderMark(document.encoding)) {
    case 'latin1':
      return charOffset;
    case 'utf-16le-nobom':
    case 'utf-16be-nobom':
      return charOffset * 2;
    default:
      return Buffer.byteLength(document.text.slice(0, charOffset), 'utf8');
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const { line, column } = PositionMapper.forText(text).positionAt(offset);
  return { line, column };
}

/** The line ending a Signature written into this document uses: the document's own. */
export function preferredLineEnding(text: string): '\r\n' | '\n' {
  return lineEndingOf(text) === 'crlf' ? '\r\n' : '\n';
}

export interface ElementRange {
  /** Offset of '<' of the start tag. */
  start: number;
  /** Offset just after the '>' that closes the element. */
  end: number;
  depth: number;
}

export interface DocumentLayout {
  hasDoctype: false;
  rootName: string;
  /** Offset just after the root's start tag; for an empty-element root <Root/>, the offset of its "/>". */
  rootStartTagEnd: number;
  /** Offset of the "</" of the root's end tag, or of the "/>" when the root is an empty-element tag. */
  rootClosingOffset: number;
  rootIsEmptyElement: boolean;
  /** ds:Signature elements anywhere, in the order they end. Depth 1 means a child of the root. */
  signatures: ElementRange[];
}

/** A document with a DOCTYPE: never signed, never verified (the positioned scanner refuses DTDs). */
export interface DoctypeDocument {
  hasDoctype: true;
}

/** The bytes around a root-level Signature: the document up to the end of the root's start tag, and the root's end tag. */
export interface RootFrame {
  opening: Uint8Array;
  closing: Uint8Array;
}

/** The document's own bytes for its prolog and root start tag (an empty-element root opened), and the root's end tag in its encoding. */
export function rootFrameOf(bytes: Uint8Array, document: DecodedDocument, layout: DocumentLayout): RootFrame {
  const openingEnd = byteOffsetOf(document, layout.rootStartTagEnd);
  const opening = layout.rootIsEmptyElement ? Buffer.concat([bytes.subarray(0, openingEnd), encodeInDocument('>', document.encoding)]) : bytes.subarray(0, openingEnd);
  return { opening, closing: encodeInDocument(`</${layout.rootName}>`, document.encoding) };
}

/**
 * The root and every ds:Signature of a well-formed document, by the shared positioned scanner
 * (the same well-formedness check the editor and `validate` run; its first error is thrown with
 * its location).
 */
export function scanLayout(text: string): DocumentLayout | DoctypeDocument {
  const signatures: ElementRange[] = [];
  let root = null as XmlElementLayout | null;
  const checked = scanElements(text, (element) => {
    if (element.depth === 0) root = element;
    if (element.localName === 'Signature' && element.namespaceUri === DSIG_NAMESPACE) signatures.push({ start: element.start, end: element.end, depth: element.depth });
  });
  if (!checked.ok) {
    if (checked.error.code === XML_CODES.dtdForbidden) return { hasDoctype: true };
    throw new XmlLocationError(checked.error.message, checked.error.range.start.line, checked.error.range.start.column);
  }
  const { name, startTagEnd, endTagStart, end } = root!;
  const rootIsEmptyElement = endTagStart === -1;
  // An empty-element tag ends with "/>" (XML allows no space between them).
  const emptyTagClose = end - 2;
  return {
    hasDoctype: false,
    rootName: name,
    rootStartTagEnd: rootIsEmptyElement ? emptyTagClose : startTagEnd,
    rootClosingOffset: rootIsEmptyElement ? emptyTagClose : endTagStart,
    rootIsEmptyElement,
    signatures,
  };
}
