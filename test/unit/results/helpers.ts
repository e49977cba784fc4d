// Shared helpers for the results tests: fixture paths and one compiled validator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resultsValidator } from '../../../shared/common/results/validator';
import type { ResultsValidator } from '../../../shared/common/results/types';
import { ProvisioningValidator } from '../../../shared/common/validation/index';
import { readSchemaFiles } from '../schema/schema-files';
import { wasmXsdEngine } from '../../../shared/common/schema/libxml';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const RESULTS_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'results');
export const CORPUS_RESULTS = path.join(ROOT, 'test', 'fixtures', 'corpus', 'results');
export const MALFORMED = path.join(ROOT, 'test', 'fixtures', 'malformed');

export function fixture(...parts: string[]): string {
  return readFileSync(path.join(...parts), 'utf8');
}

let validator: ResultsValidator | undefined;
export function validatorForTests(): ResultsValidator {
  validator ??= resultsValidator(ProvisioningValidator.forResultsInspector(wasmXsdEngine, readSchemaFiles()));
  return validator;
}
