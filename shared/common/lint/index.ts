// Lint: semantic checks on a well-formed provisioning document (see rules.ts, windows-rules.ts
// and docs/validation.md).
import type { Diagnostic } from '../xml/diagnostic';
import type { XmlDocumentNode } from '../xml/model';
import type { DocumentKind } from '../schema/roots';
import { DEFAULT_TARGET, type WindowsTarget } from '../schema/targets';
import type { LaxSlotChecker } from '../schema/authoring-check';
import { CORE_LINT_RULES, LintContext, type LintRule } from './rules';
import { WINDOWS_KNOWLEDGE_RULES } from './windows-rules';

export { type LintRule } from './rules';
export { analysePattern, analyseTimestampFormat, countCaptureGroups } from './sms-rules';
export { luhnCheckDigit, passesLuhn, looksLikeIccid, looksLikeImei, looksLikeImsi } from './identifiers';
export { intendedNamespace, nearMissNamespaceDiagnostics, KNOWN_NAMESPACES } from './namespaces';

/** Every rule, in code order. */
export const LINT_RULES: readonly LintRule[] = [...CORE_LINT_RULES, ...WINDOWS_KNOWLEDGE_RULES];

/** Runs every rule; results documents (what Windows returns) have nothing to lint. */
export function lintDocument(document: XmlDocumentNode, kind: DocumentKind = 'provisioning', target: WindowsTarget = DEFAULT_TARGET, laxSlotChecker?: LaxSlotChecker): Diagnostic[] {
  if (kind !== 'provisioning') return [];
  const context = new LintContext(document, target, laxSlotChecker);
  for (const rule of LINT_RULES) {
    try {
      rule.check(context);
    } catch {
      // A rule that trips over an unusual document must not hide the others' findings.
    }
  }
  return context.diagnostics;
}
