// Lint: semantic checks on a well-formed provisioning document (see rules.ts, windows-rules.ts
// and docs/validation.md).
import type { Diagnostic } from '../xml/diagnostic';
import type { XmlDocumentNode } from '../xml/model';
import { DEFAULT_TARGET, type WindowsTarget } from '../windows/targets';
import type { LaxSlotChecker } from '../windows/lax-slots';
import { CORE_LINT_RULES, LintContext, type LintRule } from './rules';
import { WINDOWS_KNOWLEDGE_RULES } from './windows-rules';
import { PLACEHOLDER_RULES } from './placeholder-rules';

export { type LintRule } from './rules';
export { analysePattern, analyseTimestampFormat, countCaptureGroups } from './sms-rules';
export { luhnCheckDigit, passesLuhn, looksLikeIccid, looksLikeImei, looksLikeImsi } from './identifiers';
export { PLACEHOLDER_CODES, findPlaceholders, type FoundPlaceholder } from './placeholder-rules';
export { intendedNamespace, nearMissNamespaceDiagnostics } from './namespaces';

/** Every rule, in code order. */
export const LINT_RULES: readonly LintRule[] = [...CORE_LINT_RULES, ...WINDOWS_KNOWLEDGE_RULES, ...PLACEHOLDER_RULES];

export interface LintOptions {
  /** The Windows version the document is checked for (default: the newest). */
  target?: WindowsTarget;
  /** Answers PS-L027 (content in lax slots); the rule is silent without one. */
  laxSlotChecker?: LaxSlotChecker;
}

/** Runs every rule on a provisioning document (validation/ decides which documents get linted). */
export function lintDocument(document: XmlDocumentNode, options: LintOptions = {}): Diagnostic[] {
  const steps = lintSteps(document, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The same, one rule per step: a caller that yields between steps (the validation worker) lets an edit go first. */
export function* lintSteps(document: XmlDocumentNode, options: LintOptions = {}): Generator<void, Diagnostic[], void> {
  const context = new LintContext(document, options.target ?? DEFAULT_TARGET, options.laxSlotChecker);
  for (const rule of LINT_RULES) {
    try {
      rule.check(context);
    } catch {
      // A rule that trips over an unusual document must not hide the others' findings.
    }
    yield;
  }
  return context.diagnostics;
}
