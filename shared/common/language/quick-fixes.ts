// Quick fixes: a finding's fix (Diagnostic.fix, e.g. PS-L032's almost-right namespace) applies
// only while the text it replaces is still what was validated.
import type { Diagnostic, TextReplacement } from '../xml/diagnostic';

/**
 * The finding's fix edits, or null when it has none or they no longer apply: the finding was
 * computed on an earlier text, so each edit must lie inside the current text (`textLength`) and,
 * when the finding names the namespace it replaces, that namespace must still be there
 * (`textBetween` reads the current text).
 */
export function applicableFixEdits(diagnostic: Diagnostic, textLength: number, textBetween: (start: number, end: number) => string): TextReplacement[] | null {
  if (!diagnostic.fix) return null;
  const expected = typeof diagnostic.params.namespace === 'string' ? diagnostic.params.namespace : null;
  for (const edit of diagnostic.fix.edits) {
    if (edit.end > textLength) return null;
    if (expected !== null && textBetween(edit.start, edit.end) !== expected) return null;
  }
  return diagnostic.fix.edits;
}
