// Adapter: shared/common/schema's ProvisioningValidator as the reader's ResultsValidator. Keeps
// only schema findings (the reader reports well-formedness itself) and skips the linter.
import type { ProvisioningValidator } from '../schema/validator';
import type { ResultsValidator, SchemaIssue } from './types';

export function resultsValidator(validator: Pick<ProvisioningValidator, 'validate'>): ResultsValidator {
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
