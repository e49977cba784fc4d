// The quick answer for an edit confined to one value (an element's text, or an attribute's value
// between its quotes), used by incremental.ts while typing. From the last full validation (the
// base: its tree and findings) and the value's new text:
//   - the schema findings for that value are libxml2's, decided by value-verdict.ts from the
//     schema model's type of the place (its facets);
//   - the lint rules that read that value (LintRule.values) run again on the base tree with the new
//     value put in (rules that check each value on its own, on that element only; rules whose
//     findings the value can change all lie in one subtree, LintRule.scopeOfValue, e.g. the Wi-Fi
//     profile whose name was edited, in that subtree only);
//   - every other finding is the base's, moved by the edit.
// Null whenever that could differ from the full validation: the base had findings that hide or
// change what libxml2 checks (an element out of order, an unknown element…), the value is not
// well-formed text, markup was typed, the place has no declaration (content of a lax slot; PS-L027
// checks it from the text against the authoring schemas), the type or a facet is one
// value-verdict.ts does not decide, a rule reads the value without declaring it, a finding points
// strictly inside the value.
// The full validation runs after every quick answer anyway, and replaces it.
import { LINT_RULES } from '../lint/index';
import { LintContext, type LintRule } from '../lint/rules';
import { BUNDLED_SCHEMA_MODEL } from '../schema-model/bundled';
import { attributesOf, childDeclarationMatch, textTypeOf } from '../schema-model/queries';
import type { ElementDeclaration, SchemaModel } from '../schema-model/types';
import { SCHEMA_CODES } from '../schema/map-issues';
import type { DocumentKind } from '../schema/roots';
import type { WindowsTarget } from '../windows/targets';
import { compareDiagnostics, createDiagnostic, type Diagnostic } from '../xml/diagnostic';
import { XSI_NAMESPACE } from '../xml/namespaces';
import { textContent, type XmlAttributeNode, type XmlDocumentNode, type XmlElementNode, type XmlTextNode } from '../xml/model';
import { parseXml } from '../xml/parse';
import { computeLineStarts, type PositionMapper, type Position, type Range } from '../xml/positions';
import { valueVerdict } from './value-verdict';

/** One value of the base document: an element's text or an attribute's value, and where it is written. */
export interface EditedValue {
  element: XmlElementNode;
  /** Absent for the element's text. */
  attribute?: XmlAttributeNode;
  /** The raw value's offsets in the base text: between the start and end tags, or between the quotes. */
  start: number;
  end: number;
}

/** What the quick answer needs of the last full validation. */
export interface ValueEditBase {
  document: XmlDocumentNode;
  diagnostics: readonly Diagnostic[];
  documentKind: DocumentKind | null;
  positions: PositionMapper;
  target: WindowsTarget;
  lint: boolean;
}

/** Base findings that do not stop a quick answer: libxml2 checked every value despite them. */
const HARMLESS_SCHEMA_CODES = new Set<string>([
  SCHEMA_CODES.enumeration,
  SCHEMA_CODES.pattern,
  SCHEMA_CODES.range,
  SCHEMA_CODES.length,
  SCHEMA_CODES.type,
  SCHEMA_CODES.missingChild,
  SCHEMA_CODES.missingAttribute,
  SCHEMA_CODES.attributeNotAllowed,
]);
const VALUE_CODES = new Set<string>([SCHEMA_CODES.enumeration, SCHEMA_CODES.pattern, SCHEMA_CODES.range, SCHEMA_CODES.length, SCHEMA_CODES.type]);

/** Rules that read the document's text rather than its tree (PS-L027 validates lax content from the text). */
const TEXT_READING_RULES = new Set(['PS-L027']);

/** The element child of `element` whose span strictly holds [start, end] (binary search: children are in order). */
function childHolding(element: XmlElementNode, start: number, end: number): XmlElementNode | undefined {
  const children = element.children;
  let low = 0;
  let high = children.length - 1;
  let last = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (children[middle]!.start < start) {
      last = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  const child = last >= 0 ? children[last]! : undefined;
  return child?.kind === 'element' && end < child.end ? child : undefined;
}

/** The value whose raw text holds the edited span [start, end] of the base text, if the edit stays inside one. */
export function valueAt(document: XmlDocumentNode, start: number, end: number): EditedValue | null {
  let element = document.root;
  if (start <= element.start || end >= element.end) return null;
  for (;;) {
    if (start < element.startTagEnd) {
      if (end >= element.startTagEnd) return null;
      const attribute = element.attributes.find((candidate) => candidate.valueStart <= start && end <= candidate.valueEnd);
      return attribute ? { element, attribute, start: attribute.valueStart, end: attribute.valueEnd } : null;
    }
    if (element.endTagStart < 0 || end > element.endTagStart) return null;
    if (element.children.every((child) => child.kind === 'text')) return { element, start: element.startTagEnd, end: element.endTagStart };
    const child = childHolding(element, start, end);
    if (!child) return null;
    element = child;
  }
}

/** The value's text as the parser reads it (entities replaced, line ends and attribute white space normalised); null when it is not plain character data. */
export function decodeValue(raw: string, value: EditedValue): string | null {
  if (value.attribute) {
    const quote = value.attribute.quote;
    const parsed = parseXml(`<a v=${quote}${raw}${quote}/>`);
    return parsed.ok ? parsed.document.root.attributes[0]!.value : null;
  }
  const parsed = parseXml(`<a>${raw}</a>`);
  if (!parsed.ok || !parsed.document.root.children.every((child) => child.kind === 'text')) return null;
  return textContent(parsed.document.root);
}

/**
 * The declaration of the element, following the tree from the root (through wildcards to the global
 * declaration libxml2 then uses); undefined when none, when a `skip` wildcard lets it in (libxml2
 * does not look inside) or when xsi:type or xsi:nil could change it.
 */
function declarationFor(model: SchemaModel, element: XmlElementNode): ElementDeclaration | undefined {
  const path: XmlElementNode[] = [];
  for (let current: XmlElementNode | null = element; current; current = current.parent) {
    if (current.attributes.some((attribute) => attribute.namespaceUri === XSI_NAMESPACE)) return undefined;
    path.unshift(current);
  }
  let declaration: ElementDeclaration | undefined = model.elements[`{${path[0]!.namespaceUri}}${path[0]!.localName}`];
  for (let index = 1; declaration && index < path.length; index++) {
    const match = childDeclarationMatch(model, declaration.key, { namespace: path[index]!.namespaceUri, localName: path[index]!.localName });
    if (!match || match.wildcard === 'skip') return undefined;
    declaration = match.declaration;
  }
  return declaration;
}

/** The simple type governing the value, or undefined when the value's verdict depends on more than its type. */
function typeOfValue(model: SchemaModel, value: EditedValue): { typeKey: string; subject: string } | undefined {
  const declaration = declarationFor(model, value.element);
  if (!declaration) return undefined;
  const attribute = value.attribute;
  if (attribute) {
    if (attribute.namespaceUri !== '' || attribute.prefix === 'xmlns' || attribute.name === 'xmlns') return undefined;
    const declared = attributesOf(model, declaration.key).find((candidate) => candidate.name === attribute.localName);
    if (!declared || declared.fixed !== undefined || declared.default !== undefined || declared.use === 'prohibited') return undefined;
    return { typeKey: declared.type, subject: `${value.element.localName}/@${attribute.localName}` };
  }
  if (declaration.fixed !== undefined || declaration.default !== undefined) return undefined;
  const textType = textTypeOf(model, declaration);
  if (textType === undefined) return undefined;
  return { typeKey: typeof textType === 'string' ? textType : textType.key, subject: value.element.localName };
}

/** Where a base position is after the value [start, end) became `raw`; undefined strictly inside it. */
function mover(base: PositionMapper, start: number, end: number, raw: string) {
  const startPosition = base.positionAt(start);
  const oldEnd = base.positionAt(end);
  const starts = computeLineStarts(raw);
  const newEnd: Position = {
    offset: start + raw.length,
    line: startPosition.line + starts.length - 1,
    column: starts.length === 1 ? startPosition.column + raw.length : raw.length - starts[starts.length - 1]! + 1,
  };
  const delta = raw.length - (end - start);
  const shifted = (position: Position): Position =>
    position.offset === end
      ? newEnd
      : { offset: position.offset + delta, line: position.line + newEnd.line - oldEnd.line, column: position.line === oldEnd.line ? position.column - oldEnd.column + newEnd.column : position.column };
  /** A range's start or end after the edit: before the value, unchanged; after it, shifted; strictly inside, unknown. */
  const move = (position: Position, isEnd: boolean): Position | undefined => {
    if (position.offset < start) return position;
    if (start === end) {
      // An empty value: what ends there (the start tag) stays, what starts there (the end tag) follows the new text.
      if (position.offset === start && isEnd) return position;
    } else {
      if (position.offset === start) return position;
      if (position.offset < end) return undefined;
    }
    return shifted(position);
  };
  return {
    newRange: (): Range => ({ start: startPosition, end: newEnd }),
    range(range: Range): Range | undefined {
      // A finding on exactly the value covers the new value.
      if (range.start.offset === start && range.end.offset === end) return { start: startPosition, end: newEnd };
      const movedStart = move(range.start, false);
      const movedEnd = move(range.end, true);
      return movedStart && movedEnd ? { start: movedStart, end: movedEnd } : undefined;
    },
    offset(offset: number): number | undefined {
      return offset <= start ? offset : offset >= end ? offset + delta : undefined;
    },
  };
}

/** Runs rules on the base tree with the edited value put in its place (restored afterwards); null if one throws. */
function withValue<T>(value: EditedValue, decoded: string, run: () => T): T {
  const { element, attribute } = value;
  if (attribute) {
    const before = attribute.value;
    attribute.value = decoded;
    try {
      return run();
    } finally {
      attribute.value = before;
    }
  }
  const before = element.children;
  const text: XmlTextNode = { kind: 'text', value: decoded, start: value.start, end: value.end, parent: element };
  element.children = decoded.length > 0 ? [text] : [];
  try {
    return run();
  } finally {
    element.children = before;
  }
}

/** Which rules to run again for this value, which keep their findings; null when one may read it without saying so. */
function rulesFor(value: EditedValue): { document: LintRule[]; own: LintRule[]; scoped: Array<{ rule: LintRule; scope: XmlElementNode }> } | null {
  const document: LintRule[] = [];
  const own: LintRule[] = [];
  const scoped: Array<{ rule: LintRule; scope: XmlElementNode }> = [];
  for (const rule of LINT_RULES) {
    const reads = rule.values;
    if (reads === undefined) return null;
    if (reads === 'own') own.push(rule);
    else if (reads !== 'none' && reads(value.element, value.attribute)) {
      if (TEXT_READING_RULES.has(rule.code)) return null;
      const scope = rule.scopeOfValue?.(value.element, value.attribute);
      if (scope) scoped.push({ rule, scope });
      else document.push(rule);
    }
  }
  return { document, own, scoped };
}

function runRule(rule: LintRule, context: LintContext): boolean {
  try {
    rule.check(context);
    return true;
  } catch {
    return false;
  }
}

/** Whether a finding lies inside an element (its start tag to its end tag). */
function inSubtree(element: XmlElementNode, diagnostic: Diagnostic): boolean {
  return element.start <= diagnostic.range.start.offset && diagnostic.range.end.offset <= element.end;
}

/**
 * The findings of the document whose `value` (of the base) now reads `raw`, or null when the quick
 * answer could differ from the full validation's (see the file comment).
 */
export function valueEditFindings(base: ValueEditBase, value: EditedValue, raw: string, model: SchemaModel = BUNDLED_SCHEMA_MODEL): Diagnostic[] | null {
  if (base.documentKind !== 'provisioning') return null;
  for (const diagnostic of base.diagnostics) {
    if (diagnostic.source === 'xml') return null;
    if (diagnostic.source === 'schema' && !HARMLESS_SCHEMA_CODES.has(diagnostic.code)) return null;
    if (diagnostic.source === 'lint' && diagnostic.code.startsWith('VALIDATION_')) return null;
  }
  const decoded = decodeValue(raw, value);
  if (decoded === null) return null;
  const place = typeOfValue(model, value);
  if (!place) return null;
  const verdict = valueVerdict(model, place.typeKey, decoded, place.subject);
  if (!verdict) return null;

  // Lint: the rules that read this value, on the base tree holding the new value.
  const rules = base.lint ? rulesFor(value) : { document: [], own: [], scoped: [] };
  if (!rules) return null;
  const element = value.element;
  const ownScope = element.children.some((child) => child.kind === 'element') ? { start: element.start, end: element.startTagEnd } : { start: element.start, end: element.end };
  const inOwnScope = (diagnostic: Diagnostic) => ownScope.start <= diagnostic.range.start.offset && diagnostic.range.end.offset <= ownScope.end;
  const linted = withValue(value, decoded, () => {
    const found: Diagnostic[] = [];
    for (const rule of rules.document) {
      const context = new LintContext(base.document, base.target);
      if (!runRule(rule, context)) return null;
      found.push(...context.diagnostics);
    }
    for (const rule of rules.own) {
      const context = new LintContext(base.document, base.target, undefined, element);
      if (!runRule(rule, context)) return null;
      found.push(...context.diagnostics.filter(inOwnScope));
    }
    // Rules whose findings this value can change all lie in one subtree (LintRule.scopeOfValue): run there alone.
    for (const { rule, scope } of rules.scoped) {
      const context = new LintContext(base.document, base.target, undefined, scope);
      if (!runRule(rule, context)) return null;
      found.push(...context.diagnostics.filter((diagnostic) => inSubtree(scope, diagnostic)));
    }
    return found;
  });
  if (!linted) return null;
  const rerun = new Set(rules.document.map((rule) => rule.code));
  const own = new Set(rules.own.map((rule) => rule.code));
  const scopes = new Map(rules.scoped.map(({ rule, scope }) => [rule.code, scope]));

  const move = mover(base.positions, value.start, value.end, raw);
  const kept = base.diagnostics.filter((diagnostic) => {
    if (diagnostic.source === 'schema') return !(VALUE_CODES.has(diagnostic.code) && diagnostic.range.start.offset === value.start && diagnostic.range.end.offset === value.end);
    if (diagnostic.source === 'lint') {
      const scope = scopes.get(diagnostic.code);
      return !rerun.has(diagnostic.code) && !(own.has(diagnostic.code) && inOwnScope(diagnostic)) && !(scope && inSubtree(scope, diagnostic));
    }
    return true;
  });
  const result: Diagnostic[] = [];
  for (const diagnostic of [...kept, ...linted]) {
    const range = move.range(diagnostic.range);
    if (!range) return null;
    const moved: Diagnostic = { ...diagnostic, range };
    if (diagnostic.fix) {
      const edits = diagnostic.fix.edits.map((edit) => ({ ...edit, start: move.offset(edit.start), end: move.offset(edit.end) }));
      if (edits.some((edit) => edit.start === undefined || edit.end === undefined)) return null;
      moved.fix = { ...diagnostic.fix, edits: edits as Array<{ start: number; end: number; newText: string }> };
    }
    result.push(moved);
  }
  const valueRange = move.newRange();
  for (const finding of verdict) result.push(createDiagnostic('schema', finding.code, 'error', finding.messageKey, finding.params, valueRange));
  return result.sort(compareDiagnostics);
}
