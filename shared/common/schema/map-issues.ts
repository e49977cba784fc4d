// Turns libxml2's schema messages into our diagnostics: a code and message key per kind of
// problem, readable parameters, and a range in OUR positioned parse. libxml2 gives a line and
// column 0, plus the node's path ("/*\/*[2]/*"); we follow the path through our tree, and fall
// back to "the element that starts on that line and whose name is in the message".
import { createDiagnostic, type Diagnostic } from '../xml/diagnostic';
import {
  attributeSpan,
  attributeValueSpan,
  childElements,
  findAttribute,
  rangeOf,
  startTagSpan,
  textSpan,
  walkElements,
  type Span,
  type XmlDocumentNode,
  type XmlElementNode,
} from '../xml/model';
import { PositionMapper, type Range } from '../xml/positions';
import type { MessageKey, MessageParams } from '../i18n/index';
import type { LibxmlIssue } from './libxml';
import { patternDescriptionKey } from '../schema-model/pattern-descriptions';

export const SCHEMA_CODES = {
  rootNotAllowed: 'XSD_ROOT_NOT_ALLOWED',
  unexpectedElement: 'XSD_UNEXPECTED_ELEMENT',
  missingChild: 'XSD_MISSING_CHILD',
  enumeration: 'XSD_ENUMERATION',
  pattern: 'XSD_PATTERN',
  range: 'XSD_RANGE',
  length: 'XSD_LENGTH',
  type: 'XSD_TYPE',
  missingAttribute: 'XSD_MISSING_ATTRIBUTE',
  attributeNotAllowed: 'XSD_ATTRIBUTE_NOT_ALLOWED',
  textNotAllowed: 'XSD_TEXT_NOT_ALLOWED',
  childrenNotAllowed: 'XSD_CHILDREN_NOT_ALLOWED',
  unknownElement: 'XSD_UNKNOWN_ELEMENT',
  abstractElement: 'XSD_ABSTRACT_ELEMENT',
  other: 'XSD_OTHER',
  compileFailed: 'XSD_COMPILE_FAILED',
  libxmlParse: 'XML_LIBXML_PARSE',
  parserLimit: 'XML_PARSER_LIMIT',
} as const;

/** Where in the element the problem is. */
type Target = 'startTag' | 'text' | 'attribute' | 'attributeValue';

interface Classified {
  code: string;
  messageKey: MessageKey;
  params: MessageParams;
  target: Target;
}

/** `{http://…/WLAN/v1}SSIDConfig` -> `SSIDConfig`; `##other{…}*` -> `*`. */
function localPart(qualified: string): string {
  return qualified.replace(/^##\w+/, '').replace(/^\{[^}]*\}/, '');
}

function namespaceOf(qualified: string): string {
  return /^\{([^}]*)\}/.exec(qualified)?.[1] || '—';
}

/** "( {ns}a, {ns}b )" -> "a, b" */
function readableList(list: string): string {
  return list
    .split(',')
    .map((item) => localPart(item.trim()))
    .filter((item) => item.length > 0)
    .join(', ');
}

const HEADER = /^Element '([^']+)'(?:, attribute '([^']+)')?: ([\s\S]*)$/;

function classify(body: string, qualifiedElement: string, attribute: string | undefined): Classified {
  const element = localPart(qualifiedElement);
  const on = attribute ? 'attributeValue' : 'text';
  const subject = attribute ? `${element}/@${attribute}` : element;
  let match: RegExpExecArray | null;

  if ((match = /This element is not expected\.(?: Expected is (?:one of )?\( ([\s\S]*?) \)\.)?/.exec(body))) {
    return match[1]
      ? { code: 'XSD_UNEXPECTED_ELEMENT', messageKey: 'schema.unexpectedElement', params: { element, expected: readableList(match[1]) }, target: 'startTag' }
      : { code: 'XSD_UNEXPECTED_ELEMENT', messageKey: 'schema.unexpectedElementNothingExpected', params: { element }, target: 'startTag' };
  }
  if ((match = /Missing child element\(s\)\. Expected is (?:one of )?\( ([\s\S]*?) \)\./.exec(body))) {
    return { code: 'XSD_MISSING_CHILD', messageKey: 'schema.missingChild', params: { element, expected: readableList(match[1]!) }, target: 'startTag' };
  }
  if ((match = /\[facet 'enumeration'\] The value '([\s\S]*?)' is not an element of the set \{([\s\S]*)\}\./.exec(body))) {
    return { code: 'XSD_ENUMERATION', messageKey: 'schema.enumeration', params: { element: subject, value: match[1]!, allowed: match[2]! }, target: on };
  }
  if ((match = /\[facet 'pattern'\] The value '([\s\S]*?)' is not accepted by the pattern '([\s\S]*)'\./.exec(body))) {
    // Said in words (pattern-descriptions.ts), never as the regular expression.
    return { code: 'XSD_PATTERN', messageKey: 'schema.pattern', params: { element: subject, value: match[1]!, expectedKey: patternDescriptionKey([match[2]!]) }, target: on };
  }
  if ((match = /\[facet '(minInclusive|maxInclusive|minExclusive|maxExclusive)'\] The value '([\s\S]*?)'[\s\S]*'([^']*)'\)?\.$/.exec(body))) {
    const comparison = { minInclusive: '≥', maxInclusive: '≤', minExclusive: '>', maxExclusive: '<' }[match[1] as 'minInclusive'];
    return { code: 'XSD_RANGE', messageKey: 'schema.range', params: { element: subject, value: match[2]!, comparison, limit: match[3]! }, target: on };
  }
  if ((match = /\[facet '(maxLength|minLength|length)'\] The value (?:'[\s\S]*?' )?has a length of '(\d+)'; this \w+(?: from)? the allowed \w* ?length of '(\d+)'\./.exec(body))) {
    const messageKey: MessageKey = match[1] === 'maxLength' ? 'schema.tooLong' : match[1] === 'minLength' ? 'schema.tooShort' : 'schema.wrongLength';
    return { code: 'XSD_LENGTH', messageKey, params: { element: subject, length: match[2]!, limit: match[3]! }, target: on };
  }
  if ((match = /\[facet '(totalDigits|fractionDigits)'\]/.exec(body))) {
    return { code: 'XSD_RANGE', messageKey: 'schema.digits', params: { element: subject }, target: on };
  }
  if ((match = /^'([\s\S]*?)' is not a valid value of the (?:local )?(?:atomic|union|list) type(?: '([^']*)')?\./.exec(body))) {
    const type = match[2] ? localPart(match[2]).replace(/^xs:/, '') : '';
    return type
      ? { code: 'XSD_TYPE', messageKey: 'schema.type', params: { element: subject, value: match[1]!, type }, target: on }
      : { code: 'XSD_TYPE', messageKey: 'schema.typeAnonymous', params: { element: subject, value: match[1]! }, target: on };
  }
  if ((match = /The attribute '([^']+)' is required but missing\./.exec(body))) {
    return { code: 'XSD_MISSING_ATTRIBUTE', messageKey: 'schema.missingAttribute', params: { element, attribute: localPart(match[1]!) }, target: 'startTag' };
  }
  if (/The attribute '[^']+' is not allowed\.|is not allowed\.$/.test(body) && attribute) {
    return { code: 'XSD_ATTRIBUTE_NOT_ALLOWED', messageKey: 'schema.attributeNotAllowed', params: { element, attribute }, target: 'attribute' };
  }
  if (/Character content other than whitespace is not allowed/.test(body)) {
    return { code: 'XSD_TEXT_NOT_ALLOWED', messageKey: 'schema.textNotAllowed', params: { element }, target: 'text' };
  }
  if (/Element content is not allowed|The content must not contain element|content type is a simple type/.test(body)) {
    return { code: 'XSD_CHILDREN_NOT_ALLOWED', messageKey: 'schema.childrenNotAllowed', params: { element }, target: 'startTag' };
  }
  if (/No matching global element declaration available, but demanded by the strict wildcard/.test(body)) {
    return { code: 'XSD_UNKNOWN_ELEMENT', messageKey: 'schema.unknownElement', params: { element, namespace: namespaceOf(qualifiedElement) }, target: 'startTag' };
  }
  if (/The element declaration is abstract/.test(body)) {
    return { code: 'XSD_ABSTRACT_ELEMENT', messageKey: 'schema.abstractElement', params: { element }, target: 'startTag' };
  }
  if (/No matching global declaration available for the validation root/.test(body)) {
    return { code: 'XSD_ROOT_NOT_ALLOWED', messageKey: 'schema.rootNotAllowed', params: { element, namespace: '' }, target: 'startTag' };
  }
  return { code: 'XSD_OTHER', messageKey: 'schema.other', params: { element: subject }, target: attribute ? 'attribute' : 'startTag' };
}

/** Follows libxml2's node path ("/*", "/*\/*[2]", "/b:Provider/b:ProviderID[3]") through our tree. */
export function resolveNodePath(document: XmlDocumentNode, path: string): XmlElementNode | undefined {
  const steps = path.split('/').slice(1);
  let current: XmlElementNode | undefined;
  for (const step of steps) {
    const match = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(step);
    if (!match) return undefined;
    const [, name, index] = match as unknown as [string, string, string | undefined];
    const candidates: XmlElementNode[] = current ? childElements(current) : [document.root];
    const matching =
      name === '*'
        ? candidates
        : candidates.filter((element) => {
            const colon = name.indexOf(':');
            return colon < 0
              ? element.localName === name && element.namespaceUri === ''
              : element.prefix === name.slice(0, colon) && element.localName === name.slice(colon + 1);
          });
    current = index === undefined ? (matching.length === 1 ? matching[0] : undefined) : matching[Number(index) - 1];
    if (!current) return undefined;
  }
  return current;
}

/** Fallback: the element whose start tag begins on `line` and whose local name is `localName`. */
function elementOnLine(document: XmlDocumentNode, line: number, localName: string): XmlElementNode | undefined {
  let sameLine: XmlElementNode | undefined;
  for (const element of walkElements(document.root)) {
    const tag = rangeOf(document, startTagSpan(element));
    if (tag.start.line > line) break;
    if (tag.end.line >= line) {
      if (element.localName === localName) return element;
      sameLine ??= element;
    }
  }
  return sameLine;
}

function lineRange(document: XmlDocumentNode, line: number): Range {
  const mapper = new PositionMapper(document.lineStarts);
  const start = mapper.lineStartOffset(Math.max(line, 1));
  return mapper.rangeOf(start, start);
}

function spanFor(element: XmlElementNode, target: Target, attributeName: string | undefined): Span {
  if (target === 'text') return textSpan(element);
  if (target === 'attribute' || target === 'attributeValue') {
    const local = attributeName ? localPart(attributeName) : undefined;
    const attribute = local ? (findAttribute(element, local) ?? element.attributes.find((candidate) => candidate.localName === local)) : undefined;
    if (attribute) return target === 'attribute' ? attributeSpan(attribute) : attributeValueSpan(attribute);
  }
  return startTagSpan(element);
}

/** One libxml2 schema finding -> one diagnostic placed in our tree. */
export function issueToDiagnostic(document: XmlDocumentNode, issue: LibxmlIssue): Diagnostic {
  const severity = issue.level === 1 ? 'warning' : 'error';
  const header = HEADER.exec(issue.message);
  if (!header) {
    const element = issue.path ? resolveNodePath(document, issue.path) : undefined;
    return createDiagnostic('schema', SCHEMA_CODES.other, severity, 'schema.other', { element: element?.name ?? '', detail: issue.message }, element ? rangeOf(document, startTagSpan(element)) : lineRange(document, issue.line));
  }
  const [, qualifiedElement, qualifiedAttribute, body] = header as unknown as [string, string, string | undefined, string];
  const elementName = localPart(qualifiedElement);
  const attributeName = qualifiedAttribute ? localPart(qualifiedAttribute) : undefined;
  const kind = classify(body, qualifiedElement, attributeName);
  const element = (issue.path ? resolveNodePath(document, issue.path) : undefined) ?? elementOnLine(document, issue.line, elementName);
  const range = element ? rangeOf(document, spanFor(element, kind.target, qualifiedAttribute)) : lineRange(document, issue.line);
  // libxml2's own words quote the pattern: kept for every kind but that one.
  const params = kind.code === SCHEMA_CODES.pattern ? kind.params : { ...kind.params, detail: body.trim() };
  return createDiagnostic('schema', kind.code, severity, kind.messageKey, params, range);
}

/**
 * All findings of one validation. libxml2 often follows a facet failure with "… is not a valid
 * value of the local atomic type" for the same value; that second line adds nothing, so it is
 * dropped when it lands on the same range as the facet message just before it.
 */
export function issuesToDiagnostics(document: XmlDocumentNode, issues: readonly LibxmlIssue[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const issue of issues) {
    const diagnostic = issueToDiagnostic(document, issue);
    const previous = diagnostics[diagnostics.length - 1];
    if (
      previous &&
      diagnostic.code === SCHEMA_CODES.type &&
      previous.code !== SCHEMA_CODES.type &&
      previous.range.start.offset === diagnostic.range.start.offset &&
      previous.range.end.offset === diagnostic.range.end.offset
    ) {
      continue;
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
