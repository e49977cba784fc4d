// Text -> selection: CURSOR_SELECTION_DELAY_MS after the cursor stops moving, the innermost
// element at the cursor becomes the selected element (tree, forms). Uses the shared per-version
// parse, so it costs nothing extra when the tree has already parsed this version; text that does
// not parse leaves the selection alone.
import { useEffect, useRef } from 'react';
import type { monaco } from '../editor/monaco';
import { parseModel } from '../editor/parsed-model';
import { pathAtOffset, type ElementPath } from '../selection';

// As long as the tree waits after typing, so one parse per pause serves both.
export const CURSOR_SELECTION_DELAY_MS = 300;

export function useCursorSelection(
  model: monaco.editor.ITextModel | null,
  cursor: { line: number; column: number } | null,
  enabled: boolean,
  onSelectPath: (path: ElementPath | null) => void,
): void {
  const callback = useRef(onSelectPath);
  callback.current = onSelectPath;
  useEffect(() => {
    if (!model || !cursor || !enabled) return;
    const timer = setTimeout(() => {
      if (model.isDisposed()) return;
      const result = parseModel(model);
      if (!result?.ok) return;
      const offset = model.getOffsetAt({ lineNumber: cursor.line, column: cursor.column });
      const path = pathAtOffset(result.document, offset);
      if (path) callback.current(path);
    }, CURSOR_SELECTION_DELAY_MS);
    return () => clearTimeout(timer);
  }, [model, cursor, enabled]);
}
