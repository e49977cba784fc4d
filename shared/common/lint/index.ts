// Lint: semantic checks on a well-formed provisioning document (see rules.ts and docs/validation.md).
import type { Diagnostic } from '../xml/diagnostic';
import type { XmlDocumentNode } from '../xml/model';
import type { DocumentKind } from '../schema/roots';
import { LINT_RULES, LintContext } from './rules';

export { LINT_RULES, type LintRule } from './rules';
export { analysePattern, analyseTimestampFormat, countCaptureGroups } from './sms-rules';
export { luhnCheckDigit, passesLuhn, looksLikeIccid, looksLikeImei, looksLikeImsi } from './identifiers';

/** Runs every rule; results documents (what Windows returns) have nothing to lint. */
export function lintDocument(document: XmlDocumentNode, kind: DocumentKind = 'provisioning'): Diagnostic[] {
  if (kind !== 'provisioning') return [];
  const context = new LintContext(document);
  for (const rule of LINT_RULES) {
    try {
      rule.check(context);
    } catch {
      // A rule that trips over an unusual document must not hide the others' findings.
    }
  }
  return context.diagnostics;
}
