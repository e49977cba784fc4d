// Test helper: the repository's schemas/ folder as the in-memory map the validator takes.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ProvisioningValidator } from '../../../shared/common/validation/index';
import type { WindowsTarget } from '../../../shared/common/windows/targets';
import { readSchemaLibrary } from '../../../shared/node/schema-library';
import { wasmXsdEngine } from '../../../shared/common/schema/libxml';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const SCHEMA_DIRECTORY = path.join(ROOT, 'schemas');
export const CORPUS_DIRECTORY = path.join(ROOT, 'test', 'fixtures', 'corpus');
/** Files whose verdict differs between targets: Windows 11 additions (Hotspot2). */
export const WINDOWS11_CORPUS_DIRECTORY = path.join(ROOT, 'test', 'fixtures', 'corpus-windows11');

/** The schema library: every .xsd under schemas/, by relative path. */
export function readSchemaFiles(directory = SCHEMA_DIRECTORY): Record<string, string> {
  return { ...readSchemaLibrary(directory) };
}

const shared = new Map<WindowsTarget, ProvisioningValidator>();

/** One compiled validator per target for a whole test file (compiling is the slow part). windows10 = the published schemas. */
export function sharedValidator(target: WindowsTarget = 'windows10'): ProvisioningValidator {
  let validator = shared.get(target);
  if (!validator) shared.set(target, (validator = ProvisioningValidator.create(wasmXsdEngine, readSchemaFiles(), target)));
  return validator;
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
