// The bindings sidecar (`T.bindings.json` beside the template `T.xml`): named fields, each bound to
// one place in the template (an element's text or an attribute, written in the edit engine's XPath
// subset), with a data type, an optional default and, for repeating groups, a list of values
// written into copies of a repeatable element. Its published JSON Schema is
// schemas/bindings.schema.json; this reader checks the same rules and names the field at fault.
import type { MessageKey } from '../i18n/index';
import { childElements, type XmlElementNode } from '../xml/model';

export const BINDINGS_VERSION = 1;

export type FieldType = 'string' | 'integer' | 'boolean' | 'list';

export interface FieldBinding {
  /** The field's name: the CSV column or JSON key the value comes from. */
  name: string;
  /** Where the value goes: an element (its text) or `…/@attribute`. For a list: the repeatable element. */
  xpath: string;
  type?: FieldType;
  /** Used when the row has no value (a missing or empty column). A list default is an array. */
  default?: string | string[];
  /** A password or key: never shown in logs, manifests or error messages (detected for known places too). */
  secret?: boolean;
  /** List fields: the place inside each copy that takes one value (`.`, `name`, `@Name`, `SSIDConfig/SSID/name`). */
  item?: string;
  /** List fields read from CSV: what separates the values in the cell (default `|`). */
  separator?: string;
}

export interface Bindings {
  $schema?: string;
  version: typeof BINDINGS_VERSION;
  /** Prefixes for `p:Name` steps in the paths. */
  namespaces?: Record<string, string>;
  fields: FieldBinding[];
}

export class BindingsError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string>,
  ) {
    super(`${messageKey} ${JSON.stringify(params)}`);
  }
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const FIELD_KEYS = new Set(['name', 'xpath', 'type', 'default', 'secret', 'item', 'separator', 'description']);
const TYPES: readonly FieldType[] = ['string', 'integer', 'boolean', 'list'];

function fail(path: string, detail: string, binding = ''): never {
  throw new BindingsError(binding ? 'bindings.error.field' : 'bindings.error.file', { path, detail, binding });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readField(value: unknown, index: number, seen: Set<string>): FieldBinding {
  const path = `/fields/${index}`;
  if (!isRecord(value)) fail(path, 'each field is an object');
  const name = value.name;
  if (typeof name !== 'string' || !FIELD_NAME.test(name)) fail(`${path}/name`, 'a name of letters, digits, "_", "." or "-" is required');
  if (seen.has(name)) fail(`${path}/name`, 'two fields have this name', name);
  seen.add(name);
  for (const key of Object.keys(value)) if (!FIELD_KEYS.has(key)) fail(`${path}/${key}`, `unknown property "${key}"`, name);
  if (typeof value.xpath !== 'string' || value.xpath.trim() === '') fail(`${path}/xpath`, 'xpath is required', name);
  const type = value.type ?? 'string';
  if (!TYPES.includes(type as FieldType)) fail(`${path}/type`, `type is one of ${TYPES.join(', ')}`, name);
  const field: FieldBinding = { name, xpath: value.xpath, type: type as FieldType };
  if (value.default !== undefined) {
    const valid = type === 'list' ? Array.isArray(value.default) && value.default.every((item) => typeof item === 'string') : typeof value.default === 'string';
    if (!valid) fail(`${path}/default`, type === 'list' ? 'a list default is an array of strings' : 'a default is a string', name);
    field.default = value.default as string | string[];
  }
  if (value.secret !== undefined) {
    if (typeof value.secret !== 'boolean') fail(`${path}/secret`, 'secret is true or false', name);
    field.secret = value.secret;
  }
  if (value.item !== undefined || value.separator !== undefined) {
    if (type !== 'list') fail(`${path}/item`, 'item and separator belong to list fields', name);
  }
  if (value.item !== undefined) {
    if (typeof value.item !== 'string' || value.item.trim() === '' || value.item.startsWith('/')) fail(`${path}/item`, 'item is a relative path such as ".", "name" or "@Name"', name);
    field.item = value.item;
  }
  if (value.separator !== undefined) {
    if (typeof value.separator !== 'string' || value.separator === '') fail(`${path}/separator`, 'separator is a non-empty string', name);
    field.separator = value.separator;
  }
  return field;
}

/** Checks a parsed sidecar; throws BindingsError naming the property (and field) at fault. */
export function readBindings(value: unknown): Bindings {
  if (!isRecord(value)) fail('', 'the bindings file holds one JSON object');
  if (value.version !== BINDINGS_VERSION) fail('/version', `version must be ${BINDINGS_VERSION}`);
  for (const key of Object.keys(value)) if (!['$schema', 'version', 'namespaces', 'fields'].includes(key)) fail(`/${key}`, `unknown property "${key}"`);
  const bindings: Bindings = { version: BINDINGS_VERSION, fields: [] };
  if (typeof value.$schema === 'string') bindings.$schema = value.$schema;
  if (value.namespaces !== undefined) {
    if (!isRecord(value.namespaces) || !Object.values(value.namespaces).every((uri) => typeof uri === 'string')) fail('/namespaces', 'namespaces maps prefixes to namespace URIs');
    bindings.namespaces = value.namespaces as Record<string, string>;
  }
  if (!Array.isArray(value.fields) || value.fields.length === 0) fail('/fields', 'fields is a non-empty array');
  const seen = new Set<string>();
  bindings.fields = value.fields.map((field, index) => readField(field, index, seen));
  return bindings;
}

/** Parses the sidecar's text (JSON) and checks it. */
export function parseBindings(text: string): Bindings {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail('', `not JSON: ${(error as Error).message}`);
  }
  return readBindings(value);
}

/** The sidecar's text as the app and the CLI write it (two-space JSON, a final line break). */
export function serializeBindings(bindings: Bindings): string {
  return JSON.stringify(bindings, null, 2) + '\n';
}

/** The conventional sidecar name for a template: `T.xml` -> `T.bindings.json`. */
export function bindingsPathFor(templatePath: string): string {
  return templatePath.replace(/\.xml$/i, '') + '.bindings.json';
}

/**
 * The path of the edit engine's subset that selects exactly this element (and attribute): local
 * names from the root, with a position where siblings share the name.
 */
export function xpathOf(element: XmlElementNode, attribute?: string): string {
  const steps: string[] = [];
  for (let current: XmlElementNode | null = element; current; current = current.parent) {
    const parent: XmlElementNode | null = current.parent;
    const namesakes = parent ? childElements(parent).filter((child) => child.localName === current!.localName) : [current];
    steps.unshift(namesakes.length > 1 ? `${current.localName}[${namesakes.indexOf(current) + 1}]` : current.localName);
  }
  return `/${steps.join('/')}${attribute ? `/@${attribute}` : ''}`;
}

/** A field name for a place: its local name (or attribute), made unique among `taken`. */
export function fieldNameFor(localName: string, attribute: string | undefined, taken: ReadonlySet<string>): string {
  const base = (attribute ?? localName).replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^([^A-Za-z_])/, '_$1');
  if (!taken.has(base)) return base;
  for (let index = 2; ; index++) if (!taken.has(`${base}${index}`)) return `${base}${index}`;
}
