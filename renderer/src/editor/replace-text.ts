// Puts a new version of a document's text into its Monaco model as ONE undoable edit that
// touches only the part that differs (common prefix and suffix stay untouched), so markers,
// folding and the cursor outside the change stay where they were.
import { monaco } from './monaco';

export function replaceTextMinimally(model: monaco.editor.ITextModel, newText: string): void {
  const oldText = model.getValue();
  if (oldText === newText) return;
  let prefix = 0;
  const shortest = Math.min(oldText.length, newText.length);
  while (prefix < shortest && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  const start = model.getPositionAt(prefix);
  const end = model.getPositionAt(oldText.length - suffix);
  model.pushStackElement();
  model.pushEditOperations(
    [],
    [{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: newText.slice(prefix, newText.length - suffix) }],
    () => null,
  );
  model.pushStackElement();
}
