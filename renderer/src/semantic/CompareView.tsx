// "Compare with…": Monaco's diff editor (the other version on the left, the live document on the
// right) beside the semantic list of what changes in Windows' terms. Each entry selects its
// element on both sides. The list follows the document as it is edited.
import { useEffect, useMemo, useRef, useState } from 'react';
import { diffModels } from '../../../shared/common/semantic/diff';
import { renderDiff } from '../../../shared/common/semantic/diff-report';
import { readProvisioningModel } from '../../../shared/common/semantic/model';
import { toMonacoRange } from '../../../shared/common/edit/text-edits';
import { startTagRangeOf } from '../../../shared/common/semantic/positions';
import type { Span } from '../../../shared/common/xml/model';
import { monaco } from '../editor/monaco';
import { useI18n } from '../i18n';

export interface CompareViewProps {
  /** The other version: its title and text. */
  original: { title: string; text: string };
  /** The document being edited. */
  model: monaco.editor.ITextModel;
  modifiedTitle: string;
  theme: 'light' | 'dark';
  onClose(): void;
}

function reveal(editor: monaco.editor.ICodeEditor, text: string, span: Span | undefined): void {
  if (!span) return;
  const monacoRange = toMonacoRange(startTagRangeOf(text, span));
  editor.setSelection(monacoRange);
  editor.revealRangeInCenterIfOutsideViewport(monacoRange);
}

export function CompareView({ original, model, modifiedTitle, theme, onClose }: CompareViewProps) {
  const { language, t } = useI18n();
  const container = useRef<HTMLDivElement | null>(null);
  const diffEditor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const [text, setText] = useState(() => model.getValue());

  useEffect(() => {
    if (!container.current) return;
    const originalModel = monaco.editor.createModel(original.text, 'xml');
    const editor = monaco.editor.createDiffEditor(container.current, { automaticLayout: true, renderSideBySide: true, originalEditable: false, theme: theme === 'dark' ? 'vs-dark' : 'vs' });
    editor.setModel({ original: originalModel, modified: model });
    diffEditor.current = editor;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setText(model.getValue()), 300);
    });
    return () => {
      clearTimeout(timer);
      subscription.dispose();
      diffEditor.current = null;
      editor.dispose();
      originalModel.dispose();
    };
  }, [original.text, model, theme]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const rendered = useMemo(() => {
    const before = readProvisioningModel(original.text);
    const after = readProvisioningModel(text);
    if (!before.ok || !after.ok) return { error: (before.ok ? after : before).error?.message ?? '' };
    return { diff: renderDiff(language, diffModels(before, after), original.text, text) };
  }, [original.text, text, language]);

  return (
    <div className="compare-view" role="dialog" aria-modal="true" aria-labelledby="compare-title" data-testid="compare-view">
      <header className="compare-header">
        <h2 id="compare-title">{t('semantic.compare.title', { old: original.title, new: modifiedTitle })}</h2>
        <button type="button" onClick={onClose} data-testid="compare-close">
          {t('semantic.compare.close')}
        </button>
      </header>
      <div className="compare-body">
        <div className="compare-list" data-testid="compare-list">
          {'error' in rendered ? (
            <p className="error-text" role="alert">
              {t('semantic.summary.notProvisioning', { reason: rendered.error ?? '' })}
            </p>
          ) : (
            <>
              <p role="status" data-testid="compare-verdict" data-verdict={rendered.diff!.verdict}>
                {rendered.diff!.verdictText}
              </p>
              {rendered.diff!.removesProfiles && <p className="error-text">{t('semantic.diff.removesProfiles')}</p>}
              <ul className="semantic-lines">
                {rendered.diff!.entries.map((entry, index) => (
                  <li key={index} className={entry.removesFromPcs ? 'severity-warning' : undefined} data-kind={entry.kind}>
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        const editor = diffEditor.current;
                        if (!editor) return;
                        reveal(editor.getOriginalEditor(), original.text, entry.oldSpan);
                        reveal(editor.getModifiedEditor(), text, entry.newSpan);
                      }}
                    >
                      {entry.text}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="compare-editor" ref={container} data-testid="compare-editor" />
      </div>
    </div>
  );
}
