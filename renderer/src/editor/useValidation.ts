// Validation as you type: the active document's text goes to the validation worker once, then its
// edits (see validation-client.ts); the answers become Monaco markers and the problems panel's list.
import { useEffect, useRef, useState } from 'react';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { WindowsTarget } from '../../../shared/common/windows/targets';
import type { Translate } from '../i18n';
import { ValidationClient } from '../validation/validation-client';
import { monaco } from './monaco';
import { rememberDiagnostics } from './quick-fixes';

const MARKER_OWNER = 'provstudio';
const MARKER_SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function toMarker(diagnostic: Diagnostic, t: Translate): monaco.editor.IMarkerData {
  const { start, end } = diagnostic.range;
  const collapsed = start.offset === end.offset;
  return {
    severity: MARKER_SEVERITY[diagnostic.severity],
    message: t(diagnostic.messageKey, diagnostic.params),
    code: diagnostic.code,
    source: diagnostic.source,
    startLineNumber: start.line,
    startColumn: start.column,
    endLineNumber: end.line,
    endColumn: collapsed ? end.column + 1 : end.column,
  };
}

/** Whether two lists say the same at the same places (a quick answer often repeats the last one). */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((diagnostic, index) => {
    const other = b[index]!;
    return (
      diagnostic.code === other.code &&
      diagnostic.message === other.message &&
      diagnostic.severity === other.severity &&
      diagnostic.range.start.offset === other.range.start.offset &&
      diagnostic.range.end.offset === other.range.end.offset &&
      diagnostic.range.start.line === other.range.start.line &&
      diagnostic.range.start.column === other.range.start.column &&
      diagnostic.range.end.line === other.range.end.line &&
      diagnostic.range.end.column === other.range.end.column &&
      JSON.stringify(diagnostic.fix) === JSON.stringify(other.fix)
    );
  });
}

export interface ValidationState {
  diagnostics: readonly Diagnostic[];
  pending: boolean;
  /** How the findings shown were found: 'quick' (an edit inside a comment or one value, answered at once) until the full validation confirms them. */
  kind?: 'quick' | 'full';
}

export function useValidation(model: monaco.editor.ITextModel | null, t: Translate, target: WindowsTarget): ValidationState {
  const [state, setState] = useState<ValidationState>({ diagnostics: [], pending: false });
  const client = useRef<ValidationClient | null>(null);
  const requestedModel = useRef<monaco.editor.ITextModel | null>(null);
  const translateRef = useRef(t);
  translateRef.current = t;

  useEffect(() => {
    client.current = new ValidationClient({
      onResult: (response) => {
        const target = requestedModel.current;
        if (target && !target.isDisposed()) {
          monaco.editor.setModelMarkers(target, MARKER_OWNER, response.diagnostics.map((diagnostic) => toMarker(diagnostic, translateRef.current)));
          rememberDiagnostics(target, response.diagnostics);
        }
        // Unchanged findings keep their identity, so what depends on them (tree, forms, problems) is not recomputed.
        setState((previous) => ({ diagnostics: sameDiagnostics(previous.diagnostics, response.diagnostics) ? previous.diagnostics : response.diagnostics, pending: false, kind: response.kind ?? 'full' }));
      },
    });
    return () => client.current?.dispose();
  }, []);

  useEffect(() => {
    if (!model) {
      setState({ diagnostics: [], pending: false });
      return;
    }
    requestedModel.current = model;
    setState((previous) => ({ ...previous, pending: true }));
    client.current?.setTarget(target);
    client.current?.open(model.getValue(), () => model.getValue());
    const subscription = model.onDidChangeContent((event) => {
      setState((previous) => (previous.pending ? previous : { ...previous, pending: true }));
      // The worker holds the text: send only what changed (the whole text when the model was replaced or its line ends changed).
      if (event.isFlush || event.isEolChange) client.current?.open(model.getValue());
      else client.current?.edit(event.changes.map((change) => ({ offset: change.rangeOffset, length: change.rangeLength, text: change.text })), model.getValueLength());
    });
    return () => subscription.dispose();
  }, [model, target]);

  // Marker messages follow the UI language.
  useEffect(() => {
    const target = requestedModel.current;
    if (target && !target.isDisposed()) {
      monaco.editor.setModelMarkers(target, MARKER_OWNER, state.diagnostics.map((diagnostic) => toMarker(diagnostic, t)));
    }
  }, [t, state.diagnostics]);

  return state;
}
