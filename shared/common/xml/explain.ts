// Turns the scanner's first well-formedness error into what a person would call the mistake.
//
// The scanner stops where the text stopped making sense, which is often after the mistake: a
// missing closing quote is noticed at the next `<`, a missing `>` at the next tag, a missing
// `-->` at the end of the file. This module looks at the text up to that point (a small lexer:
// tags, attribute values, comments, CDATA, processing instructions and the open elements) and
// names the cause, pointing at it or at the place where the unfinished construct began:
// "the value of attribute Name is not closed: the quote at 3:17 has no closing quote".
//
// It runs only on the error path and never throws: when it cannot say better, the scanner's
// diagnostic is returned as it is.
import type { MessageKey, MessageParams } from '../i18n/index';
import { createDiagnostic, type Diagnostic } from './diagnostic';
import { XML_CODES } from './codes';
import { PositionMapper } from './positions';

interface Attribute {
  name: string;
  nameStart: number;
  /** Offset of the opening quote, or -1 when there is no quoted value (yet). */
  quoteAt: number;
  quote: string;
  /** Offset of the closing quote, or -1. */
  valueEnd: number;
}

interface Tag {
  name: string;
  start: number;
  attributes: Attribute[];
}

type Context =
  | { kind: 'text' }
  | { kind: 'comment' | 'cdata' | 'pi' | 'bang'; start: number }
  | { kind: 'startTag'; tag: Tag }
  | { kind: 'attributeValue'; tag: Tag; attribute: Attribute }
  | { kind: 'endTag'; start: number; name: string };

interface Scan {
  context: Context;
  /** Elements open at the stopping point, outermost first. */
  open: Tag[];
  /** The root element once it has ended, and the offset just past its end. */
  endedRoot: { name: string; end: number } | null;
  /** Offset just past the last complete markup (tag, comment, …) before the stopping point. */
  lastMarkupEnd: number;
}

const NAME_END = /[\s/>=<"'&]/;

function isSpace(character: string | undefined): boolean {
  return character === ' ' || character === '\t' || character === '\n' || character === '\r';
}

function readName(text: string, from: number, limit: number): number {
  let index = from;
  while (index < limit && !NAME_END.test(text[index]!)) index++;
  return index;
}

function skipSpaces(text: string, from: number, limit: number): number {
  let index = from;
  while (index < limit && isSpace(text[index])) index++;
  return index;
}

/** Where the text stands at `limit`: inside which construct, with which elements open. */
function scanTo(text: string, limit: number): Scan {
  const open: Tag[] = [];
  let endedRoot: Scan['endedRoot'] = null;
  const closeElement = (end: number) => {
    const closed = open.pop();
    if (closed && open.length === 0) endedRoot = { name: closed.name, end };
  };
  let lastMarkupEnd = 0;
  const result = (context: Context): Scan => ({ context, open, endedRoot, lastMarkupEnd });
  let index = 0;
  while (index < limit) {
    const next = text.indexOf('<', index);
    if (next < 0 || next >= limit) return result({ kind: 'text' });
    index = next;
    const markupEnd = (opening: string, closing: string, kind: 'comment' | 'cdata' | 'pi'): number | Scan => {
      const end = text.indexOf(closing, index + opening.length);
      if (end < 0 || end + closing.length > limit) return result({ kind, start: index });
      return end + closing.length;
    };
    let after: number | Scan;
    if (text.startsWith('<!--', index)) after = markupEnd('<!--', '-->', 'comment');
    else if (text.startsWith('<![CDATA[', index)) after = markupEnd('<![CDATA[', ']]>', 'cdata');
    else if (text.startsWith('<?', index)) after = markupEnd('<?', '?>', 'pi');
    else if (text.startsWith('<!', index)) return result({ kind: 'bang', start: index });
    else if (text.startsWith('</', index)) {
      const nameEnd = readName(text, index + 2, limit);
      const close = skipSpaces(text, nameEnd, limit);
      if (close >= limit || text[close] !== '>') return result({ kind: 'endTag', start: index, name: text.slice(index + 2, nameEnd) });
      closeElement(close + 1);
      after = close + 1;
    } else {
      const tag: Tag = { name: '', start: index, attributes: [] };
      let position = readName(text, index + 1, limit);
      tag.name = text.slice(index + 1, position);
      for (;;) {
        position = skipSpaces(text, position, limit);
        if (position >= limit) return result({ kind: 'startTag', tag });
        const character = text[position]!;
        if (character === '>') {
          open.push(tag);
          position++;
          break;
        }
        if (character === '/' && text[position + 1] === '>' && position + 1 < limit) {
          open.push(tag);
          closeElement(position + 2);
          position += 2;
          break;
        }
        if (NAME_END.test(character)) return result({ kind: 'startTag', tag });
        const attribute: Attribute = { name: '', nameStart: position, quoteAt: -1, quote: '', valueEnd: -1 };
        position = readName(text, position, limit);
        attribute.name = text.slice(attribute.nameStart, position);
        tag.attributes.push(attribute);
        position = skipSpaces(text, position, limit);
        if (position >= limit || text[position] !== '=') return result({ kind: 'startTag', tag });
        position = skipSpaces(text, position + 1, limit);
        const quote = text[position];
        if (position >= limit || (quote !== '"' && quote !== "'")) return result({ kind: 'startTag', tag });
        attribute.quoteAt = position;
        attribute.quote = quote;
        const close = text.indexOf(quote, position + 1);
        if (close < 0 || close >= limit) return result({ kind: 'attributeValue', tag, attribute });
        attribute.valueEnd = close;
        position = close + 1;
      }
      after = position;
    }
    if (typeof after !== 'number') return after;
    index = after;
    lastMarkupEnd = after;
  }
  return result({ kind: 'text' });
}

// ---- what the scanner said ----------------------------------------------------------------------

/** The scanner's own wording (saxes'), without the final period. */
function rawDetail(raw: Diagnostic): string {
  return String(raw.params.detail ?? '');
}

const DECLARATION_MESSAGES = [
  'XML declaration is incomplete',
  'did not expect any more name/value pairs',
  'expected the name',
  'expected one of',
  'value required',
  'value must be quoted',
  'version number must match',
  'encoding value must match',
  'standalone value must match',
  'whitespace required',
  'The character ? is disallowed anywhere in XML declarations',
  'XML declaration must contain a version',
];

const RESERVED_MESSAGES = ['xml prefix must be bound', 'xmlns prefix must be bound', 'the default namespace may not be set', 'may not assign', 'tags may not have "xmlns"'];

function describeCharacter(character: string | undefined): string {
  if (character === undefined) return '';
  const code = character.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff ? hex : `“${character}” (${hex})`;
}

/** Offset of the first place a start tag or an attribute names `prefix:`. */
function prefixUse(text: string, tag: Tag, prefix: string): number {
  if (tag.name.startsWith(`${prefix}:`)) return tag.start + 1;
  const attribute = tag.attributes.find((candidate) => candidate.name.startsWith(`${prefix}:`));
  return attribute ? attribute.nameStart : tag.start + 1;
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** An attribute in scope that looks like a damaged `xmlns:prefix` declaration. */
function nearMissDeclaration(tags: Tag[], prefix: string): Attribute | undefined {
  const wanted = `xmlns:${prefix}`;
  for (const tag of [...tags].reverse()) {
    const found = tag.attributes.find((attribute) => attribute.name !== wanted && editDistanceAtMostOne(attribute.name, wanted));
    if (found) return found;
  }
  return undefined;
}

/** A value that swallowed the next attribute: `a="1 b=` after a missing closing quote. */
function swallowedAttribute(text: string, attribute: Attribute | undefined): boolean {
  if (!attribute || attribute.quoteAt < 0 || attribute.valueEnd < 0) return false;
  return /(^|\s)[^\s=<>"']+\s*=\s*$/.test(text.slice(attribute.quoteAt + 1, attribute.valueEnd));
}

/** The text with comments, CDATA sections and processing instructions blanked (same length). */
export function markupOnly(text: string): string {
  return text.replace(/<!--[\s\S]*?(-->|$)|<!\[CDATA\[[\s\S]*?(\]\]>|$)|<\?[\s\S]*?(\?>|$)/g, (part) => part.replace(/[^\r\n]/g, ' '));
}

/** First '&' that does not start a character or entity reference. */
export function findBareAmpersand(text: string): number | undefined {
  const markup = markupOnly(text);
  for (let index = markup.indexOf('&'); index >= 0; index = markup.indexOf('&', index + 1)) {
    if (!/^&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_:][A-Za-z0-9_.:-]*);/.test(markup.slice(index, index + 64))) return index;
  }
  return undefined;
}

const MARKUP_OPENERS: Record<string, string> = { '![CDATA[': ']]>', '!--': '-->', '?xml': '?>' };

/** The first `![CDATA[`, `!--` or `?xml` in text (not after '<') before `limit`, if any. */
function orphanedMarkup(text: string, limit: number): { offset: number; markup: string } | undefined {
  const markup = markupOnly(text.slice(0, limit));
  let best: { offset: number; markup: string } | undefined;
  for (const [opener, closer] of Object.entries(MARKUP_OPENERS)) {
    for (let index = markup.indexOf(opener); index >= 0; index = markup.indexOf(opener, index + 1)) {
      // Only with its own end further on: "!--" alone in a sentence is just text.
      if (text[index - 1] === '<' || text.indexOf(closer, index + opener.length) < 0) continue;
      // Inside a tag (an attribute value) it is not text.
      if (markup.lastIndexOf('<', index) > markup.lastIndexOf('>', index)) continue;
      if (!best || index < best.offset) best = { offset: index, markup: opener };
      break;
    }
  }
  return best;
}

// ---- the explanation ----------------------------------------------------------------------------

export function explainXmlError(text: string, raw: Diagnostic): Diagnostic {
  try {
    return explain(text, raw) ?? raw;
  } catch {
    return raw;
  }
}

function explain(text: string, raw: Diagnostic): Diagnostic | null {
  if (raw.code === XML_CODES.dtdForbidden) return null;
  const n = text.length;
  const detail = rawDetail(raw);
  let mapper: PositionMapper | null = null;
  const where = (offset: number) => {
    mapper ??= PositionMapper.forText(text);
    return mapper.positionAt(Math.min(Math.max(offset, 0), n));
  };
  const at = (offset: number) => {
    const position = where(offset);
    return { line: position.line, column: position.column };
  };
  const make = (code: string, key: string, params: MessageParams, start: number, end: number): Diagnostic => {
    mapper ??= PositionMapper.forText(text);
    const from = Math.min(Math.max(start, 0), n);
    return createDiagnostic('xml', code, 'error', `xml.explain.${key}` as MessageKey, params, mapper.rangeOf(from, Math.min(Math.max(end, from), n)));
  };

  const atEnd = raw.code === XML_CODES.unclosedElement || raw.code === XML_CODES.noRoot || detail.startsWith('unexpected end');
  const stop = atEnd ? n : raw.range.start.offset;
  const { context, open, endedRoot, lastMarkupEnd } = scanTo(text, stop);
  const stopCharacter = text[stop];
  const runsOut = stop >= n || stopCharacter === '<';

  // A comment, CDATA section or declaration that lost its '<' is read as text until something breaks.
  const orphan = orphanedMarkup(text, stop);
  if (orphan) return make(XML_CODES.syntax, 'missingLessThan', { markup: orphan.markup }, orphan.offset, orphan.offset + orphan.markup.length);

  // Entities first: their errors can occur in text and in attribute values alike.
  if (raw.code === XML_CODES.undefinedEntity) {
    // The scanner reads a reference up to the next ';': an earlier bare & is the real mistake.
    const bare = findBareAmpersand(text);
    if (bare !== undefined && bare < raw.range.start.offset) return make(XML_CODES.bareAmpersand, 'bareAmpersand', {}, bare, bare + 1);
    const ampersand = raw.range.start.offset;
    const reference = /^&(#?[^\s;&<]*)(;?)/.exec(text.slice(ampersand, ampersand + 64));
    const name = reference?.[1] ?? '';
    if (detail.startsWith('malformed character entity')) return make(raw.code, 'badCharacterReference', {}, ampersand, ampersand + (reference?.[0].length ?? 1));
    if (detail.startsWith('undefined entity') && reference?.[2] === ';') return make(raw.code, 'undefinedEntity', { name }, ampersand, ampersand + reference[0].length);
    return make(XML_CODES.bareAmpersand, 'bareAmpersand', {}, ampersand, ampersand + 1);
  }

  switch (context.kind) {
    case 'attributeValue':
      if (runsOut) {
        const { attribute } = context;
        return make(XML_CODES.unclosedAttributeValue, 'unclosedAttributeValue', { attribute: attribute.name, quote: attribute.quote, ...at(attribute.quoteAt) }, attribute.quoteAt, attribute.quoteAt + 1);
      }
      break;
    case 'startTag': {
      const { tag } = context;
      const last = tag.attributes[tag.attributes.length - 1];
      if (swallowedAttribute(text, last) && raw.code !== XML_CODES.unboundPrefix && raw.code !== XML_CODES.duplicateAttribute) {
        return make(XML_CODES.unclosedAttributeValue, 'attributeValueRunsOn', { attribute: last!.name, quote: last!.quote, ...at(last!.quoteAt) }, last!.quoteAt, last!.quoteAt + 1);
      }
      if (runsOut && raw.code !== XML_CODES.unboundPrefix && raw.code !== XML_CODES.duplicateAttribute) {
        return make(XML_CODES.unclosedTag, 'unclosedStartTag', { name: tag.name, ...at(tag.start) }, tag.start, tag.start + 1 + tag.name.length);
      }
      break;
    }
    case 'endTag':
      if (runsOut) return make(XML_CODES.unclosedTag, 'unclosedEndTag', { name: context.name, ...at(context.start) }, context.start, context.start + 2 + context.name.length);
      if (detail.startsWith('weird empty close tag')) return make(XML_CODES.mismatchedEndTag, 'emptyEndTag', {}, context.start, context.start + 3);
      if (detail.startsWith('disallowed character in closing tag')) {
        return make(XML_CODES.syntax, 'unexpectedInEndTag', { name: context.name, character: describeCharacter(stopCharacter), ...at(context.start) }, context.start, stop + 1);
      }
      break;
    case 'comment':
      if (stop >= n) return make(XML_CODES.unclosedMarkup, 'unclosedComment', at(context.start), context.start, context.start + 4);
      if (detail.startsWith('malformed comment')) {
        const hyphens = text.lastIndexOf('--', stop);
        return make(raw.code, 'doubleHyphenInComment', at(context.start), hyphens >= context.start ? hyphens : stop, (hyphens >= context.start ? hyphens : stop) + 2);
      }
      break;
    case 'cdata':
      if (stop >= n) return make(XML_CODES.unclosedMarkup, 'unclosedCdata', at(context.start), context.start, context.start + 9);
      break;
    case 'pi':
      if (stop >= n) return make(XML_CODES.unclosedMarkup, 'unclosedProcessingInstruction', at(context.start), context.start, context.start + 2);
      break;
    case 'bang':
      if (detail.startsWith('incorrect syntax') || stop >= n) return make(XML_CODES.syntax, 'markupDeclaration', {}, context.start, context.start + 2);
      break;
    case 'text':
      break;
  }

  if (raw.code === XML_CODES.unclosedElement) {
    const named = /^unclosed tag: (.*)$/.exec(detail)?.[1];
    const element = open[open.length - 1];
    // The scanner read past a bare & (up to the next ';') and lost track of the end tags.
    const ampersand = findBareAmpersand(text);
    if ((!element || element.name !== named) && ampersand !== undefined) return make(XML_CODES.bareAmpersand, 'bareAmpersand', {}, ampersand, ampersand + 1);
    if (!element) return null;
    return make(raw.code, 'unclosedElement', { name: element.name, ...at(element.start) }, element.start + 1, element.start + 1 + element.name.length);
  }
  if (raw.code === XML_CODES.mismatchedEndTag) {
    const found = /^<\/([^\s>]*)/.exec(text.slice(stop))?.[1] ?? '';
    const end = stop + 2 + found.length;
    const expected = open[open.length - 1];
    if (!expected) return make(raw.code, 'endTagWithoutStart', { found }, stop, end);
    return make(raw.code, 'mismatchedEndTag', { found, expected: expected.name, ...at(expected.start) }, stop, end);
  }
  if (raw.code === XML_CODES.unboundPrefix) {
    const prefix = /"(.*)"/.exec(detail)?.[1] ?? '';
    const tag = context.kind === 'startTag' || context.kind === 'attributeValue' ? context.tag : open[open.length - 1];
    const scope = tag ? [...open.filter((candidate) => candidate !== tag), tag] : open;
    const use = tag ? prefixUse(text, tag, prefix) : raw.range.start.offset;
    const nearMiss = nearMissDeclaration(scope, prefix);
    if (nearMiss) return make(raw.code, 'unboundPrefixNearMiss', { prefix, attribute: nearMiss.name, ...at(nearMiss.nameStart) }, use, use + prefix.length);
    return make(raw.code, 'unboundPrefix', { prefix }, use, use + prefix.length);
  }
  if (raw.code === XML_CODES.duplicateAttribute && context.kind === 'startTag') {
    const name = /duplicate attribute: (.*)$/.exec(detail)?.[1] ?? '';
    const { tag } = context;
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    const matches = tag.attributes.filter((attribute) => attribute.name === name || attribute.name.endsWith(`:${local}`) || attribute.name === local);
    const first = matches[0];
    const second = matches[1] ?? first;
    if (first && second) {
      return make(raw.code, 'duplicateAttribute', { attribute: second.name, name: tag.name, ...at(first.nameStart) }, second.nameStart, second.nameStart + second.name.length);
    }
  }
  if (raw.code === XML_CODES.contentOutsideRoot && !endedRoot && !detail.startsWith('documents may contain only one root')) {
    // From the start of the stray text: after the last markup before it, past white space.
    let from = Math.min(lastMarkupEnd, raw.range.start.offset);
    while (from < raw.range.start.offset && isSpace(text[from])) from++;
    return make(raw.code, 'textBeforeRoot', {}, from, raw.range.end.offset);
  }
  if (raw.code === XML_CODES.contentOutsideRoot) {
    if (detail.startsWith('documents may contain only one root') && endedRoot) {
      return make(raw.code, 'secondRoot', { root: endedRoot.name, ...at(endedRoot.end) }, raw.range.start.offset, raw.range.end.offset);
    }
    if (endedRoot) return make(raw.code, 'textAfterRoot', { root: endedRoot.name, ...at(endedRoot.end) }, raw.range.start.offset, raw.range.end.offset);
    return make(raw.code, 'textBeforeRoot', {}, raw.range.start.offset, raw.range.end.offset);
  }

  // The scanner's other messages, one cause each, pointing from the start of the construct they are in.
  const constructStart = context.kind === 'startTag' || context.kind === 'attributeValue' ? context.tag.start : 'start' in context ? context.start : raw.range.start.offset;
  const { start, end } = { start: Math.min(constructStart, raw.range.start.offset), end: raw.range.end.offset };
  const inTag = context.kind === 'startTag' ? context.tag : null;
  const lastAttribute = inTag?.attributes[inTag.attributes.length - 1];
  if (inTag && inTag.name === '' && (detail.startsWith('disallowed character in tag name') || detail.startsWith('disallowed character in attribute name'))) {
    return make(XML_CODES.bareLessThan, 'bareLessThan', {}, inTag.start, inTag.start + 1);
  }
  const withoutValue = lastAttribute && lastAttribute.quoteAt < 0 && (stopCharacter === '/' || stopCharacter === '>');
  if ((detail.startsWith('attribute without value') || withoutValue) && lastAttribute) {
    return make(XML_CODES.attributeSyntax, 'attributeWithoutValue', { attribute: lastAttribute.name }, lastAttribute.nameStart, lastAttribute.nameStart + lastAttribute.name.length);
  }
  if (detail.startsWith('unquoted attribute value') && lastAttribute) {
    return make(XML_CODES.attributeSyntax, 'unquotedAttributeValue', { attribute: lastAttribute.name }, start, end);
  }
  if (detail.startsWith('no whitespace between attributes') && lastAttribute) {
    return make(XML_CODES.attributeSyntax, 'missingSpaceBetweenAttributes', { attribute: lastAttribute.name }, start, end);
  }
  if (detail.startsWith('forward-slash in opening tag') && inTag) return make(XML_CODES.syntax, 'slashInStartTag', { name: inTag.name }, start, end);
  if ((detail.startsWith('disallowed character in attribute name') || detail.startsWith('disallowed character in tag name')) && inTag) {
    return make(XML_CODES.syntax, 'unexpectedInStartTag', { name: inTag.name, character: describeCharacter(stopCharacter), ...at(inTag.start) }, start, end);
  }
  if (detail.startsWith('disallowed character in tag name') && context.kind === 'text') {
    const lessThan = text.lastIndexOf('<', stop);
    return make(XML_CODES.bareLessThan, 'bareLessThan', {}, lessThan >= 0 ? lessThan : start, (lessThan >= 0 ? lessThan : start) + 1);
  }
  if (detail.startsWith('the string "]]>" is disallowed')) return make(raw.code, 'cdataEndInText', {}, Math.max(start - 2, 0), end);
  if (detail.startsWith('malformed name')) return make(raw.code, 'malformedName', { name: detail.slice('malformed name: '.length) }, start, end);
  if (detail.startsWith('invalid attempt to undefine prefix')) return make(raw.code, 'undeclarePrefix', {}, start, end);
  if (RESERVED_MESSAGES.some((message) => detail.startsWith(message))) return make(raw.code, 'reservedNamespace', {}, start, end);
  if (detail.startsWith('an XML declaration must be at the start') || detail.startsWith('the XML declaration must appear at the start')) {
    return make(XML_CODES.declaration, 'declarationNotAtStart', {}, start, end);
  }
  if (DECLARATION_MESSAGES.some((message) => detail.startsWith(message))) {
    const declaration = text.lastIndexOf('<?xml', start);
    return make(XML_CODES.declaration, 'declarationMalformed', {}, declaration >= 0 ? declaration : 0, end);
  }
  if (detail.startsWith('processing instruction without a target') || detail.startsWith('disallowed character in processing instruction name')) {
    return make(raw.code, 'processingInstructionName', {}, start, end);
  }
  if (detail.startsWith('inappropriately located doctype')) return null;
  if (raw.code === XML_CODES.invalidCharacter) return make(raw.code, 'notAllowedCharacter', { character: describeCharacter(String.fromCodePoint(text.codePointAt(start) ?? 0xfffd)) }, start, end);
  return null;
}
