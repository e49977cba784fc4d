// THE ORACLE. This is the saxes-based positioned parser that shared/common/xml/parse.ts used
// before it got its own scanner, kept unchanged (imports aside) so that
// scanner-equivalence.test.ts can check the new parser against it, tree and errors alike.
//
// Positioned, namespace-aware XML parsing on top of saxes.
//
// saxes checks well-formedness and resolves namespaces; we add exact source ranges. The trick
// that keeps it simple: character data cannot contain a raw '<', so every piece of markup
// starts at the first '<' after the end of the previous piece, and every text node runs from
// the end of the previous markup to that '<'. saxes tells us where each piece of markup ends.
//
// Safety: a document type declaration is refused outright (XML_DTD_FORBIDDEN), so there are no
// external entities, no parameter entities and no entity expansion (XXE, billion laughs).
// Only the five predefined entities and character references are understood.
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { createDiagnostic, type Diagnostic } from '../../../shared/common/xml/diagnostic';
import {
  XMLNS_NAMESPACE,
  type XmlAttributeNode,
  type XmlChildNode,
  type XmlDeclaration,
  type XmlElementNode,
} from '../../../shared/common/xml/model';
import { PositionMapper, type Range } from '../../../shared/common/xml/positions';
import type { MessageKey } from '../../../shared/common/i18n/index';
import { XML_CODES, type XmlParseResult } from '../../../shared/common/xml/parse';
import { classifyMessage } from '../../../shared/common/xml/error-kinds';

// The oracle shares the scanner's codes and its sorting of saxes-worded messages into them.

/** Thrown from inside saxes callbacks to stop at the first error (XML has no error recovery). */
class StopParsing extends Error {}

interface RawAttribute {
  name: string;
  nameStart: number;
  valueStart: number;
  valueEnd: number;
  quote: string;
}

function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Finds each attribute's name and value inside a start tag that saxes has already accepted as
 * well-formed, so a simple scan is enough: name, optional spaces, '=', optional spaces, quoted value.
 */
function scanAttributes(text: string, tagStart: number, tagEnd: number, nameLength: number): RawAttribute[] {
  const found: RawAttribute[] = [];
  let index = tagStart + 1 + nameLength;
  while (index < tagEnd) {
    const code = text.charCodeAt(index);
    if (isXmlSpace(code)) {
      index++;
      continue;
    }
    if (code === 0x2f /* / */ || code === 0x3e /* > */) break;
    const nameStart = index;
    while (index < tagEnd) {
      const c = text.charCodeAt(index);
      if (c === 0x3d /* = */ || isXmlSpace(c)) break;
      index++;
    }
    const name = text.slice(nameStart, index);
    while (index < tagEnd && text.charCodeAt(index) !== 0x3d) index++;
    index++; // '='
    while (index < tagEnd && isXmlSpace(text.charCodeAt(index))) index++;
    const quote = text[index] ?? '"';
    const valueStart = index + 1;
    const valueEnd = text.indexOf(quote, valueStart);
    found.push({ name, nameStart, valueStart, valueEnd, quote });
    index = valueEnd + 1;
  }
  return found;
}

function splitQualifiedName(name: string): { prefix: string; localName: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { prefix: '', localName: name } : { prefix: name.slice(0, colon), localName: name.slice(colon + 1) };
}

/** saxes prefixes its messages with "line:column: "; we report our own positions. */
function stripSaxesLocation(message: string): string {
  return message.replace(/^[^:]*:?\d+:\d+: /, '').replace(/\.$/, '');
}

const DOCTYPE_KEYWORD = '<!DOCTYPE';

/**
 * Parses `text` into a positioned tree, or returns the first well-formedness error with its
 * location. Never throws on bad input.
 */
export function parseXmlWithSaxes(text: string): XmlParseResult {
  const mapper = PositionMapper.forText(text);
  const parser = new SaxesParser({ xmlns: true, position: true });

  const topLevel: XmlChildNode[] = [];
  const stack: XmlElementNode[] = [];
  let root: XmlElementNode | null = null;
  let declaration: XmlDeclaration | null = null;
  /** Offset just past the last piece of markup handled. */
  let cursor = 0;
  let failure: Diagnostic | null = null;
  /** Start of the last end tag seen; saxes closes open elements before reporting a mismatch. */
  let lastEndTagStart = -1;

  const markupStart = (): number => {
    const start = text.indexOf('<', cursor);
    return start < 0 ? cursor : start;
  };
  const range = (start: number, end: number): Range => mapper.rangeOf(start, end);
  /** saxes reports most markup right after its '>', some (comments) just before it. */
  const markupEnd = (): number => {
    const position = parser.position;
    if (position > 0 && text.charCodeAt(position - 1) === 0x3e) return position;
    const close = text.indexOf('>', position);
    return close < 0 ? position : close + 1;
  };
  const currentParent = (): XmlElementNode | null => stack[stack.length - 1] ?? null;
  const append = (node: XmlChildNode): void => {
    const parent = currentParent();
    if (parent) parent.children.push(node);
    else topLevel.push(node);
  };

  const fail = (code: string, messageKey: MessageKey, params: Record<string, string | number>, at: Range): never => {
    failure = createDiagnostic('xml', code, 'error', messageKey, params, at);
    throw new StopParsing();
  };

  const failDoctype = (start: number): never =>
    fail(XML_CODES.dtdForbidden, 'xml.error.dtdForbidden', {}, range(start, Math.min(start + DOCTYPE_KEYWORD.length, text.length)));

  parser.on('xmldecl', (decl) => {
    const start = markupStart();
    cursor = markupEnd();
    declaration = { version: decl.version ?? '1.0', encoding: decl.encoding, standalone: decl.standalone, start, end: cursor };
  });

  parser.on('doctype', () => failDoctype(markupStart()));

  parser.on('processinginstruction', (pi) => {
    const start = markupStart();
    cursor = markupEnd();
    append({ kind: 'processingInstruction', target: pi.target, body: pi.body, start, end: cursor, parent: currentParent() });
  });

  parser.on('comment', (value) => {
    const start = markupStart();
    cursor = markupEnd();
    append({ kind: 'comment', value, start, end: cursor, parent: currentParent() });
  });

  parser.on('text', (value) => {
    const parent = currentParent();
    if (!parent) return; // whitespace between top-level nodes
    const end = markupStart();
    parent.children.push({ kind: 'text', value, start: cursor, end, parent });
    cursor = end;
  });

  parser.on('cdata', (value) => {
    const parent = currentParent()!;
    const start = markupStart();
    cursor = markupEnd();
    parent.children.push({ kind: 'cdata', value, start, end: cursor, parent });
  });

  parser.on('opentag', (tag: SaxesTagNS) => {
    const start = markupStart();
    const end = markupEnd();
    const { prefix, localName } = splitQualifiedName(tag.name);
    const parent = currentParent();
    const element: XmlElementNode = {
      kind: 'element',
      name: tag.name,
      prefix,
      localName,
      namespaceUri: tag.uri,
      attributes: [],
      children: [],
      parent,
      start,
      end,
      startTagEnd: end,
      endTagStart: -1,
    };
    const saxesAttributes = tag.attributes as Record<string, SaxesAttributeNS>;
    for (const raw of scanAttributes(text, start, end, tag.name.length)) {
      const resolved = saxesAttributes[raw.name];
      const split = splitQualifiedName(raw.name);
      const isDeclaration = raw.name === 'xmlns' || split.prefix === 'xmlns';
      const attribute: XmlAttributeNode = {
        kind: 'attribute',
        name: raw.name,
        prefix: split.prefix,
        localName: split.localName,
        namespaceUri: isDeclaration ? XMLNS_NAMESPACE : (resolved?.uri ?? ''),
        value: resolved?.value ?? text.slice(raw.valueStart, raw.valueEnd),
        quote: raw.quote,
        start: raw.nameStart,
        end: raw.valueEnd + 1,
        valueStart: raw.valueStart,
        valueEnd: raw.valueEnd,
      };
      element.attributes.push(attribute);
    }
    if (parent) parent.children.push(element);
    else {
      root = element;
      topLevel.push(element);
    }
    stack.push(element);
    cursor = end;
  });

  parser.on('closetag', (tag: SaxesTagNS) => {
    const element = stack.pop();
    if (!element) return;
    if (!tag.isSelfClosing) {
      element.endTagStart = lastEndTagStart = markupStart();
      cursor = markupEnd();
      element.end = cursor;
    }
  });

  parser.on('error', (error: Error) => {
    const message = stripSaxesLocation(error.message);
    const position = Math.min(parser.position, text.length);
    // A broken DOCTYPE is still a DOCTYPE: say so rather than "unexpected end".
    if (!root) {
      const doctype = text.indexOf(DOCTYPE_KEYWORD, cursor);
      if (doctype >= 0 && doctype < Math.max(position, cursor + 1)) failDoctype(doctype);
    }
    const kind = classifyMessage(message);
    let at: Range;
    if (kind.code === XML_CODES.unclosedElement && stack.length > 0) {
      const open = stack[stack.length - 1]!;
      at = range(open.start + 1, open.start + 1 + open.name.length);
    } else if (kind.code === XML_CODES.undefinedEntity) {
      const ampersand = text.lastIndexOf('&', Math.max(position - 1, 0));
      at = range(ampersand >= 0 ? ampersand : Math.max(position - 1, 0), position);
    } else if (kind.code === XML_CODES.mismatchedEndTag) {
      const start = lastEndTagStart >= 0 && lastEndTagStart < position ? Math.max(lastEndTagStart, text.lastIndexOf('</', position - 1)) : markupStart();
      at = range(start, position);
    } else {
      at = range(Math.max(position - 1, 0), position);
    }
    fail(kind.code, kind.messageKey, { detail: message }, at);
  });

  try {
    parser.write(text);
    parser.close();
  } catch (error) {
    if (!(error instanceof StopParsing)) {
      // saxes should report through 'error'; anything else is still a parse error, not a crash.
      const at = range(Math.min(cursor, text.length), Math.min(cursor, text.length));
      return {
        ok: false,
        error: createDiagnostic('xml', XML_CODES.syntax, 'error', 'xml.error.syntax', { detail: error instanceof Error ? error.message : String(error) }, at),
      };
    }
  }
  if (failure) return { ok: false, error: failure };
  if (!root) {
    const end = mapper.positionAt(text.length);
    return { ok: false, error: createDiagnostic('xml', XML_CODES.noRoot, 'error', 'xml.error.noRoot', { detail: '' }, { start: end, end }) };
  }
  return { ok: true, document: { kind: 'document', text, declaration, children: topLevel, root, lineStarts: mapper.lineStarts } };
}
