// Applies the one-click repairs findings carry (Diagnostic.fix): minimal text edits, nothing else
// of the text changes. Used by `provstudio fix` and by the app's quick fix.
import type { Diagnostic, TextReplacement } from '../xml/diagnostic';

/** Every edit of every fixable finding, without overlaps (the first in document order wins), last first. */
export function fixEdits(diagnostics: readonly Diagnostic[]): TextReplacement[] {
  const edits = diagnostics.flatMap((diagnostic) => diagnostic.fix?.edits ?? []).sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextReplacement[] = [];
  for (const edit of edits) {
    const previous = kept[kept.length - 1];
    if (previous && edit.start < previous.end) continue;
    if (previous && edit.start === previous.start && edit.end === previous.end && edit.newText === previous.newText) continue;
    kept.push(edit);
  }
  return kept.reverse();
}

/** The text with every fix applied. */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): string {
  let result = text;
  for (const edit of fixEdits(diagnostics)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
