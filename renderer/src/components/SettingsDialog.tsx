// Edit › Settings: what the host keeps for the user between runs (settings.json), here the time
// key stores stay unlocked without use. Theme and language are in the View menu and the status bar.
import { useId, useState } from 'react';
import { MAX_KEEP_UNLOCKED_MINUTES, type Settings } from '../../../shared/common/ipc';
import { useI18n } from '../i18n';
import { Modal } from './Modal';

export interface SettingsDialogProps {
  settings: Settings;
  onSave(update: Partial<Settings>): void;
  onCancel(): void;
}

function parseMinutes(text: string): number | null {
  if (!/^\s*\d{1,4}\s*$/.test(text)) return null;
  const minutes = Number(text);
  return minutes <= MAX_KEEP_UNLOCKED_MINUTES ? minutes : null;
}

export function SettingsDialog({ settings, onSave, onCancel }: SettingsDialogProps) {
  const { t } = useI18n();
  const id = useId();
  const [minutes, setMinutes] = useState(String(settings.keepUnlockedMinutes));
  const parsed = parseMinutes(minutes);
  const save = () => parsed !== null && onSave({ keepUnlockedMinutes: parsed });
  return (
    <Modal
      title={t('settings.title')}
      onCancel={onCancel}
      testId="settings-dialog"
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t('confirm.cancel')}
          </button>
          <button type="button" className="primary" disabled={parsed === null} onClick={save} data-testid="settings-save">
            {t('settings.save')}
          </button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="settings-field">
        <label htmlFor={`${id}-keep-unlocked`}>{t('settings.keepUnlocked')}</label>
        <input
          id={`${id}-keep-unlocked`}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_KEEP_UNLOCKED_MINUTES}
          step={1}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          aria-describedby={`${id}-keep-unlocked-help`}
          aria-invalid={parsed === null}
          data-testid="settings-keep-unlocked"
          data-autofocus
        />
        <p id={`${id}-keep-unlocked-help`} className="form-help">
          {parsed === null ? t('settings.keepUnlockedInvalid', { max: MAX_KEEP_UNLOCKED_MINUTES }) : t('settings.keepUnlockedHelp')}
        </p>
        </div>
      </form>
    </Modal>
  );
}
