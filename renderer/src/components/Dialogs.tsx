import type { RecoveryCopy } from '../../../shared/common/ipc';
import { useI18n } from '../i18n';
import { Modal } from './Modal';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export function UnsavedChangesDialog({ title, onChoose }: { title: string; onChoose(choice: UnsavedChoice): void }) {
  const { t } = useI18n();
  return (
    <Modal
      title={t('confirm.unsaved.title')}
      onCancel={() => onChoose('cancel')}
      testId="unsaved-dialog"
      actions={
        <>
          <button type="button" onClick={() => onChoose('cancel')}>
            {t('confirm.cancel')}
          </button>
          <button type="button" onClick={() => onChoose('discard')} data-testid="unsaved-discard">
            {t('confirm.unsaved.discard')}
          </button>
          <button type="button" className="primary" onClick={() => onChoose('save')} data-autofocus data-testid="unsaved-save">
            {t('confirm.unsaved.save')}
          </button>
        </>
      }
    >
      <p>{t('confirm.unsaved.body', { title })}</p>
    </Modal>
  );
}

export function ConfirmReplaceDialog({ name, onChoose }: { name: string; onChoose(replace: boolean): void }) {
  const { t } = useI18n();
  return (
    <Modal
      title={t('picker.save.title')}
      onCancel={() => onChoose(false)}
      testId="replace-dialog"
      actions={
        <>
          <button type="button" onClick={() => onChoose(false)} data-autofocus>
            {t('confirm.cancel')}
          </button>
          <button type="button" className="danger" onClick={() => onChoose(true)} data-testid="replace-confirm">
            {t('picker.replace')}
          </button>
        </>
      }
    >
      <p>{t('picker.overwrite', { name })}</p>
    </Modal>
  );
}

export function MessageDialog({ title, message, onClose, testId }: { title: string; message: string; onClose(): void; testId?: string }) {
  const { t } = useI18n();
  return (
    <Modal
      title={title}
      onCancel={onClose}
      {...(testId ? { testId } : {})}
      actions={
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          {t('error.ok')}
        </button>
      }
    >
      <p role="alert">{message}</p>
    </Modal>
  );
}

export function RecoveryDialog({ copies, onChoose }: { copies: RecoveryCopy[]; onChoose(restore: boolean): void }) {
  const { t, language } = useI18n();
  return (
    <Modal
      title={t('recovery.title')}
      onCancel={() => onChoose(false)}
      testId="recovery-dialog"
      actions={
        <>
          <button type="button" onClick={() => onChoose(false)}>
            {t('recovery.discard')}
          </button>
          <button type="button" className="primary" onClick={() => onChoose(true)} data-autofocus data-testid="recovery-restore">
            {t('recovery.restore')}
          </button>
        </>
      }
    >
      <p>{t('recovery.body')}</p>
      <ul>
        {copies.map((copy) => (
          <li key={copy.documentId}>
            <strong>{copy.path ?? copy.title}</strong> — {t('recovery.savedAt', { time: new Date(copy.savedAt).toLocaleString(language) })}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
