// "Deleted X — Undo": a destructive action (delete an element, remove a profile) says what it
// removed and offers to take it back, instead of removing silently. Undo is the document's own
// undo (the same stack as Ctrl+Z), offered only while the deletion is still the last change.
import { useEffect, useSyncExternalStore } from 'react';
import type { monaco } from '../editor/monaco';
import { useI18n } from '../i18n';
import { Icon } from './Icon';

interface Deletion {
  name: string;
  model: monaco.editor.ITextModel;
  /** The model's version right after the deletion: Undo applies only while it is unchanged. */
  versionAfter: number;
  serial: number;
}

const SHOWN_MS = 10_000;
let current: Deletion | null = null;
let serial = 0;
const listeners = new Set<() => void>();

function publish(next: Deletion | null) {
  current = next;
  for (const listener of listeners) listener();
}

/** Call right after the deletion's edit reached the model. */
export function announceDeletion(model: monaco.editor.ITextModel, name: string): void {
  serial += 1;
  publish({ name, model, versionAfter: model.getAlternativeVersionId(), serial });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function UndoToast() {
  const { t } = useI18n();
  const deletion = useSyncExternalStore(subscribe, () => current);
  const stillLast = deletion !== null && !deletion.model.isDisposed() && deletion.model.getAlternativeVersionId() === deletion.versionAfter;

  useEffect(() => {
    if (!deletion) return;
    const timer = setTimeout(() => current?.serial === deletion.serial && publish(null), SHOWN_MS);
    // Another change to the document makes Undo mean something else: the offer goes.
    const subscription = deletion.model.onDidChangeContent(() => {
      if (deletion.model.getAlternativeVersionId() !== deletion.versionAfter && current?.serial === deletion.serial) publish(null);
    });
    return () => {
      clearTimeout(timer);
      subscription.dispose();
    };
  }, [deletion]);

  if (!deletion || !stillLast) return null;
  return (
    <div className="undo-toast" role="status" data-testid="undo-toast">
      <span>{t('undo.deleted', { name: deletion.name })}</span>
      <button
        type="button"
        onClick={() => {
          publish(null);
          void deletion.model.undo();
        }}
        data-testid="undo-toast-undo"
      >
        {t('undo.action')}
      </button>
      <button type="button" className="icon-button" aria-label={t('undo.dismiss')} title={t('undo.dismiss')} onClick={() => publish(null)}>
        <Icon name="close" />
      </button>
    </div>
  );
}
