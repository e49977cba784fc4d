// Validation as you type: the active document's text goes to the validation worker (debounced,
// latest wins); its diagnostics become Monaco markers and the problems panel's list.
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

export interface ValidationState {
  diagnostics: readonly Diagnostic[];
  pending: boolean;
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
        setState({ diagnostics: response.diagnostics, pending: false });
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
    setState((previous) => ({ diagnostics: previous.diagnostics, pending: true }));
    client.current?.setTarget(target);
    client.current?.requestNow(model.getValue());
    const subscription = model.onDidChangeContent(() => {
      setState((previous) => (previous.pending ? previous : { diagnostics: previous.diagnostics, pending: true }));
      client.current?.request(() => model.getValue(), model.getValueLength());
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
