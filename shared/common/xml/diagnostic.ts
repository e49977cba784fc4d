// The one shape every finding takes, whether it comes from the XML parser, the XSD validator
// or the linter. `message` is the English text (for logs, the CLI without a catalogue, SARIF);
// the UI shows `messageKey` + `params` in the user's language.
import { translateEnglish, type MessageKey, type MessageParams } from '../i18n/core';
import type { Range } from './positions';

export type Severity = 'error' | 'warning' | 'info';
export type DiagnosticSource = 'xml' | 'schema' | 'lint';

/** A replacement of the text between two UTF-16 offsets. */
export interface TextReplacement {
  start: number;
  end: number;
  newText: string;
}

/** A one-click repair: minimal text edits, and the action's title. */
export interface DiagnosticFix {
  titleKey: MessageKey;
  titleParams: MessageParams;
  edits: TextReplacement[];
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  messageKey: MessageKey;
  params: MessageParams;
  message: string;
  range: Range;
  source: DiagnosticSource;
  /** Present when the finding can be repaired mechanically (the app's quick fix, `provstudio fix`). */
  fix?: DiagnosticFix;
}

export function createDiagnostic(
  source: DiagnosticSource,
  code: string,
  severity: Severity,
  messageKey: MessageKey,
  params: MessageParams,
  range: Range,
): Diagnostic {
  return { code, severity, messageKey, params, message: translateEnglish(messageKey, params), range, source };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Document order, then errors before warnings before infos. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.offset - b.range.start.offset || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
