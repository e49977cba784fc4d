import type { RecentFile } from '../../../shared/common/ipc';
import { useI18n } from '../i18n';

export interface WelcomeProps {
  recent: RecentFile[];
  onNew(): void;
  onOpen(): void;
  onOpenRecent(path: string): void;
}

export function Welcome({ recent, onNew, onOpen, onOpenRecent }: WelcomeProps) {
  const { t } = useI18n();
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p>{t('welcome.subtitle')}</p>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={onNew} data-testid="welcome-new">
          {t('welcome.new')}
        </button>
        <button type="button" onClick={onOpen} data-testid="welcome-open">
          {t('welcome.open')}
        </button>
      </div>
      <h2>{t('welcome.recent')}</h2>
      {recent.length === 0 ? (
        <p className="muted">{t('welcome.noRecent')}</p>
      ) : (
        <ul className="recent-list">
          {recent.map((entry) => (
            <li key={entry.path}>
              <button type="button" className="link" onClick={() => onOpenRecent(entry.path)} title={entry.path}>
                {entry.path}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
