// Test helper: the repository's schemas/ folder as the in-memory map the validator takes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ProvisioningValidator } from '../../../shared/common/schema/index';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const SCHEMA_DIRECTORY = path.join(ROOT, 'schemas');
export const CORPUS_DIRECTORY = path.join(ROOT, 'test', 'fixtures', 'corpus');

export function readSchemaFiles(directory = SCHEMA_DIRECTORY): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory)) if (name.endsWith('.xsd')) files[name] = readFileSync(path.join(directory, name), 'utf8');
  return files;
}

let shared: ProvisioningValidator | undefined;

/** One compiled validator for a whole test file (compiling is the slow part). */
export function sharedValidator(): ProvisioningValidator {
  shared ??= ProvisioningValidator.create(readSchemaFiles());
  return shared;
}

export function listFiles(directory: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found.sort();
}
