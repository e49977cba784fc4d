// "Waiting for the password of signer.pfx in the prompt window", with a button to open that window
// again (the browser may have blocked it) and one to cancel the host's question.
import { useI18n } from '../i18n';
import './secrets.css';
import type { SecretQuestionState } from './useSecretQuestion';

export function SecretWaitingNotice({ secret, onCancel }: { secret: SecretQuestionState; onCancel(): void }) {
  const { t } = useI18n();
  if (!secret.question) return null;
  return (
    <div className="secret-waiting" role="status" data-testid="sign-secret-waiting">
      <p>{t(secret.question.kind === 'pin' ? 'sign.waitingForPin' : 'sign.waitingForPassword', { target: secret.question.target })}</p>
      {secret.blocked && <p className="small">{t('sign.promptBlocked')}</p>}
      {secret.question.url && (
        <button type="button" onClick={secret.openWindow} data-testid="sign-secret-open">
          {t('sign.openPromptWindow')}
        </button>
      )}
      <button type="button" onClick={onCancel} data-testid="sign-secret-cancel">
        {t('confirm.cancel')}
      </button>
    </div>
  );
}
