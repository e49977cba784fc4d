// Applies the edit engine's text edits to a Monaco model as ONE undoable step, so the text
// view's undo stack (Ctrl+Z in the editor) also undoes tree edits.
import type { TextEdit } from '../../../shared/common/edit/text-edits';
import { monaco } from '../editor/monaco';

export function applyEngineEdits(model: monaco.editor.ITextModel, edits: readonly TextEdit[]): void {
  if (edits.length === 0 || model.isDisposed()) return;
  model.pushStackElement();
  model.pushEditOperations(
    null,
    edits.map((edit) => ({ range: new monaco.Range(edit.range.startLineNumber, edit.range.startColumn, edit.range.endLineNumber, edit.range.endColumn), text: edit.text, forceMoveMarkers: false })),
    () => null,
  );
  model.pushStackElement();
}
