// The bindings of each open document (its per-subscriber fields), shared by the forms ("Make this
// a per-subscriber field") and the Data panel. Saved beside the file as T.bindings.json.
import { useSyncExternalStore } from 'react';
import type { FieldSpec } from '../../../shared/common/forms/form-model';
import { resolvePath } from '../../../shared/common/xml/element-path';
import { BINDINGS_VERSION, fieldNameFor, xpathOf, type Bindings, type FieldBinding, type FieldType } from '../../../shared/common/subscriber/bindings';
import { parseXml } from '../../../shared/common/xml/parse';
import { INTEGER_BUILTINS } from '../../../shared/common/schema-model/queries';
import type { XmlDocumentNode } from '../../../shared/common/xml/model';

const bindingsByDocument = new Map<string, Bindings>();
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function bindingsOf(documentId: string): Bindings {
  return bindingsByDocument.get(documentId) ?? EMPTY;
}

const EMPTY: Bindings = { version: BINDINGS_VERSION, fields: [] };

export function setBindings(documentId: string, bindings: Bindings): void {
  bindingsByDocument.set(documentId, bindings);
  emit();
}

export function useBindings(documentId: string | null): Bindings {
  return useSyncExternalStore(subscribe, () => (documentId ? bindingsOf(documentId) : EMPTY));
}

function fieldTypeFor(spec: FieldSpec): FieldType {
  if (INTEGER_BUILTINS.has(spec.builtin)) return 'integer';
  if (spec.builtin === 'xs:boolean') return 'boolean';
  return 'string';
}

export interface FieldPlace {
  xpath: string;
  localName: string;
  attribute?: string;
}

/** The place a form field stands for (its element path and `@Name` / `#text`), as a binding path, in the form's own parse. */
export function placeInDocument(document: XmlDocumentNode, fieldKey: string): FieldPlace | null {
  const [pathPart, field] = fieldKey.split('|');
  const path = pathPart ? pathPart.split('.').map(Number) : [];
  const element = resolvePath(document, path);
  if (!element) return null;
  const attribute = field?.startsWith('@') ? field.slice(1) : undefined;
  return { xpath: xpathOf(element, attribute), localName: element.localName, ...(attribute ? { attribute } : {}) };
}

/** The same from the text (a click on "Make this a per-subscriber field": parsed once, then). */
export function placeOfField(text: string, fieldKey: string): FieldPlace | null {
  const parsed = parseXml(text);
  return parsed.ok ? placeInDocument(parsed.document, fieldKey) : null;
}

/** Binds a form field: a new field named after its place (or the existing one for that place). */
export function bindFormField(documentId: string, text: string, fieldKey: string, spec: FieldSpec): FieldBinding | null {
  const place = placeOfField(text, fieldKey);
  if (!place) return null;
  const bindings = bindingsOf(documentId);
  const existing = bindings.fields.find((field) => field.xpath === place.xpath);
  if (existing) return existing;
  const field: FieldBinding = {
    name: fieldNameFor(place.localName, place.attribute, new Set(bindings.fields.map((candidate) => candidate.name))),
    xpath: place.xpath,
    type: fieldTypeFor(spec),
    ...(spec.widget === 'password' ? { secret: true } : {}),
  };
  setBindings(documentId, { ...bindings, fields: [...bindings.fields, field] });
  return field;
}
