// One Monaco editor; each open document is a Monaco model (its text, undo stack and markers).
// Switching tabs swaps the model and restores the cursor and scroll position.
import { useEffect, useRef } from 'react';
import { monaco } from './monaco';
import { useI18n } from '../i18n';

export interface EditorViewProps {
  model: monaco.editor.ITextModel | null;
  theme: 'light' | 'dark';
  onCursorChange(line: number, column: number): void;
  onReady(editor: monaco.editor.IStandaloneCodeEditor): void;
}

const viewStates = new WeakMap<monaco.editor.ITextModel, monaco.editor.ICodeEditorViewState | null>();

export function EditorView({ model, theme, onCursorChange, onReady }: EditorViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const { t } = useI18n();

  useEffect(() => {
    if (!host.current) return;
    const instance = monaco.editor.create(host.current, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: true },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      renderWhitespace: 'selection',
      scrollBeyondLastLine: false,
      ariaLabel: 'XML',
      folding: true,
      wordWrap: 'off',
      // Completion is the schema's (xml-language.ts). Monaco's word-based suggestions would scan
      // the whole document in its worker after every keystroke that completion answers with
      // nothing (typing a value: ~50 ms of CPU per keystroke on a 1 MB file), and its default
      // colour swatches (CSS colours found in the text) after every edit; neither means anything
      // in a provisioning file.
      wordBasedSuggestions: 'off',
      defaultColorDecorators: 'never',
    });
    editor.current = instance;
    instance.onDidChangeCursorPosition((event) => onCursorChange(event.position.lineNumber, event.position.column));
    onReady(instance);
    return () => {
      instance.dispose();
      editor.current = null;
    };
    // Created once; the callbacks passed in are stable (see App).
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (!instance) return;
    const previous = instance.getModel();
    if (previous === model) return;
    if (previous && !previous.isDisposed()) viewStates.set(previous, instance.saveViewState());
    instance.setModel(model);
    if (model) {
      const state = viewStates.get(model);
      if (state) instance.restoreViewState(state);
      instance.focus();
    }
  }, [model]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel: t('editor.ariaLabel') });
  }, [t]);

  return <div className="editor-host" ref={host} data-testid="editor" />;
}
