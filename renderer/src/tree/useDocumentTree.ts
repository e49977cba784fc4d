// The tree's view of a document: the last well-formed parse of the Monaco model, re-parsed
// TREE_PARSE_DELAY_MS after the last change (never per keystroke) and only while someone
// shows it. When the text stops parsing, the last good tree stays (read-only) with the error.
// Large files are not parsed at all: the tree pauses with a message.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { XmlDocumentNode } from '../../../shared/common/xml/model';
import type { monaco } from '../editor/monaco';
import { isLargeModel, parseModel, sizeInMegabytes } from '../editor/parsed-model';

/** Quiet time after typing before the tree and the forms re-read the text (validation goes first). */
export const TREE_PARSE_DELAY_MS = 300;

export interface DocumentTreeState {
  /** The last well-formed parse (of the current text when `error` is null). */
  document: XmlDocumentNode | null;
  /** The parse error of the current text, when it does not parse. */
  error: Diagnostic | null;
  /** The model's version the state describes (-1 before the first parse). */
  versionId: number;
  /** Set when the file is too large for the tree: its size in MB. */
  pausedSizeMb: string | null;
}

const EMPTY: DocumentTreeState = { document: null, error: null, versionId: -1, pausedSizeMb: null };

export function useDocumentTree(model: monaco.editor.ITextModel | null, enabled: boolean): DocumentTreeState & { refreshNow(): void } {
  const [state, setState] = useState<DocumentTreeState>(EMPTY);
  const lastGood = useRef(new WeakMap<monaco.editor.ITextModel, XmlDocumentNode>());

  const refresh = useCallback(
    (target: monaco.editor.ITextModel) => {
      if (target.isDisposed()) return;
      if (isLargeModel(target)) {
        setState({ document: null, error: null, versionId: target.getVersionId(), pausedSizeMb: sizeInMegabytes(target) });
        return;
      }
      const result = parseModel(target);
      if (!result) return;
      if (result.ok) lastGood.current.set(target, result.document);
      setState({
        document: result.ok ? result.document : (lastGood.current.get(target) ?? null),
        error: result.ok ? null : result.error,
        versionId: target.getVersionId(),
        pausedSizeMb: null,
      });
    },
    [],
  );

  useEffect(() => {
    if (!model || !enabled) {
      setState(EMPTY);
      return;
    }
    refresh(model);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = model.onDidChangeContent(() => {
      // Only a timer per keystroke; for large files the refresh itself is a size check.
      clearTimeout(timer);
      timer = setTimeout(() => refresh(model), TREE_PARSE_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      subscription.dispose();
    };
  }, [model, enabled, refresh]);

  const refreshNow = useCallback(() => {
    if (model && enabled) refresh(model);
  }, [model, enabled, refresh]);

  return { ...state, refreshNow };
}
