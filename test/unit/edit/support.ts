// Helpers shared by the edit-engine tests.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readSchemaLibrary } from '../../../shared/node/schema-library';
import { ProvisioningValidator } from '../../../shared/common/validation/index';
import { parseXml, type XmlDocumentNode, type XmlElementNode } from '../../../shared/common/xml/index';
import { wasmXsdEngine } from '../../../shared/common/schema/libxml';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export function listFiles(directory: string, suffix = '.xml'): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) found.push(...listFiles(full, suffix));
    else if (entry.endsWith(suffix)) found.push(full);
  }
  return found;
}

/** The schema library (every .xsd under schemas/, by relative path). */
export function schemaFiles(): Record<string, string> {
  return { ...readSchemaLibrary(path.join(ROOT, 'schemas')) };
}

let validator: ProvisioningValidator | undefined;
export function sharedValidator(): ProvisioningValidator {
  validator ??= ProvisioningValidator.create(wasmXsdEngine, schemaFiles());
  return validator;
}

export function parse(text: string): XmlDocumentNode {
  const result = parseXml(text);
  if (!result.ok) throw new Error(`not well-formed: ${result.error.message}`);
  return result.document;
}

/** Follows local names from the root: at(doc, 'Global', 'CarrierId'); `Name[2]` picks the second. */
export function at(document: XmlDocumentNode, ...steps: string[]): XmlElementNode {
  let current = document.root;
  for (const step of steps) {
    const [, name, position] = /^([^[]+)(?:\[(\d+)\])?$/.exec(step)!;
    const matches = current.children.filter((child): child is XmlElementNode => child.kind === 'element' && child.localName === name);
    const next = matches[Number(position ?? 1) - 1];
    if (!next) throw new Error(`no ${step} under ${current.name}`);
    current = next;
  }
  return current;
}
