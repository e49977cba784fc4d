// The one way the renderer writes into a document's Monaco model: the edit engine's text edits
// (tree, forms, signing, quick actions) land as ONE undo step on the model's own undo stack, so
// Ctrl+Z in the XML view, the form or the tree undoes them like typed text.
//
// A burst (typing in a form field, live) is one undo step too: its first edit opens the step,
// later edits of the same burst join it, and the step closes when the burst ends.
import { changedSpan, type TextEdit } from '../../../shared/common/edit/text-edits';
import { monaco } from './monaco';
import { rangeBetween } from './offset-ranges';

/** The models with an open burst: their later edits join its undo step. */
const openBursts = new WeakMap<monaco.editor.ITextModel, string>();

function toOperations(edits: readonly TextEdit[]): monaco.editor.IIdentifiedSingleEditOperation[] {
  return edits.map((edit) => ({
    range: new monaco.Range(edit.range.startLineNumber, edit.range.startColumn, edit.range.endLineNumber, edit.range.endColumn),
    text: edit.text,
    forceMoveMarkers: false,
  }));
}

/** Applies the edits as one undo step of their own (closing any open burst first). */
export function applyEditsAsOneStep(model: monaco.editor.ITextModel, edits: readonly TextEdit[]): void {
  applyOperationsAsOneStep(model, toOperations(edits));
}

/** The same for edits already in Monaco's terms (quick fixes). */
export function applyOperationsAsOneStep(model: monaco.editor.ITextModel, operations: monaco.editor.IIdentifiedSingleEditOperation[]): void {
  if (operations.length === 0 || model.isDisposed()) return;
  openBursts.delete(model);
  model.pushStackElement();
  model.pushEditOperations(null, operations, () => null);
  model.pushStackElement();
}

/**
 * Applies the edits as part of the burst `burst` (e.g. one field's typing): the first edit of a
 * burst opens a new undo step, the following ones join it until `endBurst` or another edit.
 */
export function applyEditsInBurst(model: monaco.editor.ITextModel, edits: readonly TextEdit[], burst: string): void {
  if (edits.length === 0 || model.isDisposed()) return;
  if (openBursts.get(model) !== burst) {
    model.pushStackElement();
    openBursts.set(model, burst);
  }
  model.pushEditOperations(null, toOperations(edits), () => null);
}

/** Closes the model's open burst: the next edit starts a new undo step. */
export function endBurst(model: monaco.editor.ITextModel): void {
  if (!openBursts.has(model) || model.isDisposed()) return;
  openBursts.delete(model);
  model.pushStackElement();
}

/** Replaces text[start, end) as one undo step. */
export function replaceOffsets(model: monaco.editor.ITextModel, start: number, end: number, text: string): void {
  applyEditsAsOneStep(model, [{ offset: start, length: end - start, range: rangeBetween(model, start, end), text }]);
}

/**
 * Puts a new version of the whole text into the model as one undo step that touches only the
 * part that differs (common prefix and suffix stay), so markers, folding and the cursor outside
 * the change stay where they were.
 */
export function replaceTextMinimally(model: monaco.editor.ITextModel, newText: string): void {
  const oldText = model.getValue();
  const span = changedSpan(oldText, 0, oldText.length, newText);
  if (span) replaceOffsets(model, span.start, span.end, span.text);
}
