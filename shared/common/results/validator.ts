// Adapter: validation/'s ProvisioningValidator (ProvisioningValidator.forResultsInspector) as the
// reader's ResultsValidator. Keeps only schema findings (the reader reports well-formedness itself)
// and skips the linter. Typed by the one method it calls, so results/ stays a peer of validation/.
import type { Diagnostic } from '../xml/diagnostic';
import type { ResultsValidator, SchemaIssue } from './types';

/** What the adapter needs of a validator. */
export interface ValidatesText {
  validate(text: string, options: { lint: boolean }): { diagnostics: Diagnostic[] };
}

export function resultsValidator(validator: ValidatesText): ResultsValidator {
  return (text: string): SchemaIssue[] =>
    validator
      .validate(text, { lint: false })
      .diagnostics.filter((diagnostic) => diagnostic.source === 'schema')
      .map((diagnostic) => ({
        code: diagnostic.code,
        severity: diagnostic.severity,
        messageKey: diagnostic.messageKey,
        params: diagnostic.params,
        message: diagnostic.message,
        range: diagnostic.range,
      }));
}
