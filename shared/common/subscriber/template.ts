// A template: an ordinary provisioning file plus its bindings, compiled once (parsed, every
// binding resolved to its place and the schema type of that place) and then rendered for any
// number of rows. Rendering goes through the edit engine (setText / setAttribute / removeElement),
// so a row's file differs from the template only in the bound values: formatting, comments and
// namespace declarations stay as they are.
import { applyTextEdits, indentationBefore, lineEndingOf, lineStartBefore, parseXPath, removeElement, selectElements, setAttribute, setText, XPathError, type TextEdit } from '../edit/index';
import type { MessageKey } from '../i18n/index';
import { attributesOf, declarationOf, textTypeOf } from '../schema-model/queries';
import type { SchemaModel } from '../schema-model/types';
import { checkValue } from '../schema-model/value-check';
import { parseXml } from '../xml/parse';
import { childElements, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import type { Bindings, FieldBinding, FieldType } from './bindings';

/** Where a value goes: an element's text, or one of its attributes. */
export interface Place {
  element: XmlElementNode;
  attribute?: string;
  /** The simple type of that text or attribute, when the schema model knows the place. */
  typeKey?: string;
}

interface ScalarField {
  kind: 'scalar';
  binding: FieldBinding;
  type: FieldType;
  secret: boolean;
  place: Place;
}

interface ListField {
  kind: 'list';
  binding: FieldBinding;
  type: 'list';
  secret: boolean;
  /** The repeatable element in the template, written once per value. */
  prototype: XmlElementNode;
  /** The place inside the prototype that takes one value. */
  item: Place;
  /** Where the prototype's text starts (its line's start when it sits on lines of its own). */
  blockStart: number;
  /** What goes between two copies: a line break (when on own lines) or nothing. */
  joiner: string;
}

export type CompiledField = ScalarField | ListField;

export interface CompiledTemplate {
  text: string;
  document: XmlDocumentNode;
  fields: CompiledField[];
}

/** A template that does not fit its bindings: names the binding and says why. */
export class TemplateError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string>,
  ) {
    super(`${messageKey} ${JSON.stringify(params)}`);
  }
}

/** Names of places whose values are secrets whether or not the binding says so. */
const SECRET_PLACE = /^(?:password|keymaterial|pin|passphrase|sharedsecret|presharedkey)$/i;

function placeType(model: SchemaModel, element: XmlElementNode, attribute: string | undefined): string | undefined {
  if (attribute !== undefined) return attributesOf(model, element).find((declaration) => declaration.name === attribute)?.type;
  const declaration = declarationOf(model, element);
  if (!declaration) return undefined;
  const type = textTypeOf(model, declaration);
  return typeof type === 'string' ? type : type?.key;
}

function resolvePlace(model: SchemaModel, document: XmlDocumentNode, xpath: string, binding: FieldBinding, namespaces: Record<string, string>): Place[] {
  let parsed;
  try {
    parsed = parseXPath(xpath, namespaces);
  } catch (error) {
    if (error instanceof XPathError) throw new TemplateError('template.error.badXpath', { binding: binding.name, xpath, detail: error.message });
    throw error;
  }
  const elements = selectElements(document, parsed);
  return elements.map((element) => {
    const typeKey = placeType(model, element, parsed.attribute);
    return { element, ...(parsed.attribute !== undefined ? { attribute: parsed.attribute } : {}), ...(typeKey ? { typeKey } : {}) };
  });
}

function checkTextPlace(place: Place, binding: FieldBinding): void {
  if (place.attribute === undefined && childElements(place.element).length > 0) {
    throw new TemplateError('template.error.notText', { binding: binding.name, xpath: binding.xpath, element: place.element.name });
  }
}

function isSecret(binding: FieldBinding, place: Place): boolean {
  return binding.secret ?? SECRET_PLACE.test(place.attribute ?? place.element.localName);
}

function onePlace(places: Place[], binding: FieldBinding, xpath: string): Place {
  if (places.length === 0) throw new TemplateError('template.error.noMatch', { binding: binding.name, xpath });
  if (places.length > 1) throw new TemplateError('template.error.severalMatches', { binding: binding.name, xpath, count: String(places.length) });
  return places[0]!;
}

function compileList(model: SchemaModel, document: XmlDocumentNode, binding: FieldBinding, namespaces: Record<string, string>): ListField {
  const places = resolvePlace(model, document, binding.xpath, binding, namespaces);
  const prototypePlace = onePlace(places, binding, binding.xpath);
  if (prototypePlace.attribute !== undefined || !prototypePlace.element.parent) throw new TemplateError('template.error.listNeedsElement', { binding: binding.name, xpath: binding.xpath });
  const prototype = prototypePlace.element;
  const item = binding.item ?? '.';
  const relative = item === '.' ? '/*' : `/*/${item}`;
  // Evaluate the item path with the prototype as the root.
  const scoped: XmlDocumentNode = { ...document, root: prototype };
  const itemPlace = onePlace(resolvePlace(model, scoped, relative, binding, namespaces), binding, `${binding.xpath} + ${item}`);
  // The type comes from the place in the real document (declarationOf follows parents).
  checkTextPlace(itemPlace, binding);
  const onOwnLine = indentationBefore(document.text, prototype.start) !== null;
  return {
    kind: 'list',
    binding,
    type: 'list',
    secret: isSecret(binding, itemPlace),
    prototype,
    item: itemPlace,
    blockStart: onOwnLine ? lineStartBefore(document.text, prototype.start) : prototype.start,
    joiner: onOwnLine ? lineEndingOf(document.text) : '',
  };
}

function samePlace(a: Place, b: Place): boolean {
  return a.element === b.element && a.attribute === b.attribute;
}

function contains(outer: XmlElementNode, inner: XmlElementNode): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * Parses the template and resolves every binding. Throws TemplateError naming the binding when a
 * path is malformed, matches nothing or several places, or points at an element with children.
 */
export function compileTemplate(model: SchemaModel, text: string, bindings: Bindings): CompiledTemplate {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new TemplateError('template.error.notWellFormed', { line: String(parsed.error.range.start.line), column: String(parsed.error.range.start.column) });
  const document = parsed.document;
  const namespaces = bindings.namespaces ?? {};
  const fields: CompiledField[] = bindings.fields.map((binding) => {
    if ((binding.type ?? 'string') === 'list') return compileList(model, document, binding, namespaces);
    const place = onePlace(resolvePlace(model, document, binding.xpath, binding, namespaces), binding, binding.xpath);
    checkTextPlace(place, binding);
    return { kind: 'scalar', binding, type: binding.type ?? 'string', secret: isSecret(binding, place), place };
  });
  const lists = fields.filter((field): field is ListField => field.kind === 'list');
  for (const [index, field] of fields.entries()) {
    const place = field.kind === 'scalar' ? field.place : field.item;
    for (const other of fields.slice(index + 1)) {
      if (samePlace(place, other.kind === 'scalar' ? other.place : other.item)) throw new TemplateError('template.error.samePlace', { binding: other.binding.name, other: field.binding.name });
    }
    if (field.kind === 'list') {
      for (const other of lists) {
        if (other !== field && (contains(other.prototype, field.prototype) || contains(field.prototype, other.prototype))) {
          throw new TemplateError('template.error.nestedList', { binding: field.binding.name, other: other.binding.name });
        }
      }
    }
  }
  return { text, document, fields };
}

// ---------------------------------------------------------------------------------------------
// Rows

/** A value from a row: CSV cells are strings; JSON-Lines values may be numbers, booleans, arrays or null. */
export type RowValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type Row = Readonly<Record<string, RowValue>>;

/** Why a row cannot be rendered: the column (field) and a message. Never the value. */
export interface RowProblem {
  column: string;
  messageKey: MessageKey;
  params: Record<string, string>;
}

export type RenderOutcome = { ok: true; text: string } | { ok: false; problems: RowProblem[] };

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off']);

function isEmpty(value: RowValue): boolean {
  return value === undefined || value === null || value === '';
}

/** The row's value for a scalar field, as the text to write, or a problem. */
function scalarValue(field: ScalarField, row: Row): string | RowProblem {
  const column = field.binding.name;
  let value = row[column];
  if (isEmpty(value)) {
    if (typeof field.binding.default === 'string') return field.binding.default;
    return { column, messageKey: 'row.missing', params: { column } };
  }
  if (Array.isArray(value)) return { column, messageKey: 'row.notScalar', params: { column } };
  value = String(value as string | number | boolean);
  if (field.type === 'integer' && !/^[+-]?\d+$/.test(value.trim())) return { column, messageKey: 'row.notInteger', params: { column } };
  if (field.type === 'integer') return value.trim();
  if (field.type === 'boolean') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return 'true';
    if (FALSE_WORDS.has(word)) return 'false';
    return { column, messageKey: 'row.notBoolean', params: { column } };
  }
  return value;
}

function listValues(field: ListField, row: Row): string[] {
  const value = row[field.binding.name];
  if (isEmpty(value)) return Array.isArray(field.binding.default) ? [...field.binding.default] : [];
  if (Array.isArray(value)) return value.map(String);
  return String(value as string | number | boolean).split(field.binding.separator ?? '|');
}

function placeProblem(model: SchemaModel, place: Place, value: string, column: string, item?: number): RowProblem | null {
  if (!place.typeKey) return null;
  const problem = checkValue(model, place.typeKey, value);
  if (!problem) return null;
  return { column, messageKey: problem.messageKey, params: { ...problem.params, column, ...(item !== undefined ? { item: String(item) } : {}) } };
}

function editFor(document: XmlDocumentNode, place: Place, value: string, column: string): TextEdit[] | RowProblem {
  const outcome = place.attribute === undefined ? setText(document, place.element, value) : setAttribute(document, place.element, place.attribute, value);
  if (!outcome.ok) return { column, messageKey: outcome.messageKey, params: { ...outcome.params, column } };
  return outcome.edits;
}

/** Applies edits lying inside [start, end) to that slice of the text. */
function applyWithin(text: string, start: number, end: number, edits: readonly TextEdit[]): string {
  return applyTextEdits(
    text.slice(start, end),
    edits.map((edit) => ({ ...edit, offset: edit.offset - start })),
  );
}

/**
 * The file one row produces, or the problems of that row (every column at fault, in field order).
 * Values are checked against their field type and the schema type of their place first.
 */
export function renderRow(model: SchemaModel, template: CompiledTemplate, row: Row): RenderOutcome {
  const { document } = template;
  const problems: RowProblem[] = [];
  const edits: TextEdit[] = [];
  const lists: Array<{ field: ListField; values: string[] }> = [];
  for (const field of template.fields) {
    const column = field.binding.name;
    if (field.kind === 'list') {
      const values = listValues(field, row);
      values.forEach((value, index) => {
        const problem = placeProblem(model, field.item, value, column, index + 1);
        if (problem) problems.push(problem);
      });
      lists.push({ field, values });
      continue;
    }
    const value = scalarValue(field, row);
    if (typeof value !== 'string') {
      problems.push(value);
      continue;
    }
    const problem = placeProblem(model, field.place, value, column);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const result = editFor(document, field.place, value, column);
    if (Array.isArray(result)) edits.push(...result);
    else problems.push(result);
  }
  if (problems.length > 0) return { ok: false, problems };

  const outside: TextEdit[] = edits.filter((edit) => !lists.some(({ field }) => edit.offset >= field.blockStart && edit.offset + edit.length <= field.prototype.end));
  for (const { field, values } of lists) {
    const inside = edits.filter((edit) => edit.offset >= field.blockStart && edit.offset + edit.length <= field.prototype.end);
    if (values.length === 0) {
      const removal = removeElement(document, field.prototype);
      if (!removal.ok) return { ok: false, problems: [{ column: field.binding.name, messageKey: removal.messageKey, params: { ...removal.params, column: field.binding.name } }] };
      outside.push(...removal.edits);
      continue;
    }
    const copies: string[] = [];
    for (const value of values) {
      const itemEdits = editFor(document, field.item, value, field.binding.name);
      if (!Array.isArray(itemEdits)) return { ok: false, problems: [itemEdits] };
      copies.push(applyWithin(document.text, field.blockStart, field.prototype.end, [...inside, ...itemEdits]));
    }
    outside.push({ offset: field.blockStart, length: field.prototype.end - field.blockStart, text: copies.join(field.joiner), range: { startLineNumber: 0, startColumn: 0, endLineNumber: 0, endColumn: 0 } });
  }
  return { ok: true, text: applyTextEdits(document.text, outside) };
}

/** The names of a compiled template's secret fields (their values are never shown). */
export function secretFieldNames(template: CompiledTemplate): Set<string> {
  return new Set(template.fields.filter((field) => field.secret).map((field) => field.binding.name));
}

/** Text with every secret value of the row replaced by `•••` (for messages that may quote values). */
export function redactSecrets(text: string, template: CompiledTemplate, row: Row): string {
  let redacted = text;
  for (const name of secretFieldNames(template)) {
    const value = row[name];
    const values = Array.isArray(value) ? value.map(String) : isEmpty(value as RowValue) ? [] : [String(value as string | number | boolean)];
    for (const secret of values) if (secret.length > 0) redacted = redacted.split(secret).join('•••');
  }
  return redacted;
}
