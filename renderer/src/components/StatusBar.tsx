import type { LineEnding, TextEncodingName, ThemeSetting } from '../../../shared/common/ipc';
import type { LanguageSetting } from '../../../shared/common/i18n/index';
import { WINDOWS_TARGETS, type WindowsTarget } from '../../../shared/common/windows/targets';
import { useI18n } from '../i18n';

export interface StatusBarProps {
  message: string;
  host: 'electron' | 'browser' | null;
  cursor: { line: number; column: number } | null;
  encoding: TextEncodingName | null;
  lineEnding: LineEnding | null;
  savedLineEnding: 'lf' | 'crlf';
  theme: ThemeSetting;
  language: LanguageSetting;
  onTheme(theme: ThemeSetting): void;
  onLanguage(language: LanguageSetting): void;
  /** The active document's target Windows version (null: no document). */
  target: WindowsTarget | null;
  onTarget(target: WindowsTarget): void;
}

const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 BOM',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'utf-16le-nobom': 'UTF-16 LE (no BOM)',
  'utf-16be-nobom': 'UTF-16 BE (no BOM)',
  latin1: 'ISO-8859-1',
};

export function StatusBar(props: StatusBarProps) {
  const { t } = useI18n();
  return (
    <footer className="statusbar" role="contentinfo">
      <span className="status-message" role="status" aria-live="polite" data-testid="status-message">
        {props.message}
      </span>
      <span className="status-spacer" />
      {props.cursor && <span>{t('status.position', { line: props.cursor.line, column: props.cursor.column })}</span>}
      {props.encoding && (
        <span title={t('status.encoding')} data-testid="status-encoding">
          {ENCODING_LABELS[props.encoding]}
        </span>
      )}
      {props.lineEnding && (
        <span title={t('status.lineEnding')} data-testid="status-line-ending">
          {props.lineEnding === 'mixed'
            ? t('status.lineEnding.mixed', { style: props.savedLineEnding.toUpperCase() })
            : t(`status.lineEnding.${props.lineEnding}`)}
        </span>
      )}
      {props.target && (
        <label className="status-select">
          <span className="visually-hidden">{t('status.target')}</span>
          <select value={props.target} title={t('status.target')} onChange={(event) => props.onTarget(event.target.value as WindowsTarget)} data-testid="target-select">
            {WINDOWS_TARGETS.map((target) => (
              <option key={target} value={target}>
                {t(`status.target.${target}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {props.host && <span>{t(props.host === 'electron' ? 'status.host.electron' : 'status.host.browser')}</span>}
      <label className="status-select">
        <span className="status-label">{t('status.theme')}</span>
        <select value={props.theme} onChange={(event) => props.onTheme(event.target.value as ThemeSetting)} data-testid="theme-select">
          <option value="system">{t('theme.system')}</option>
          <option value="light">{t('theme.light')}</option>
          <option value="dark">{t('theme.dark')}</option>
        </select>
      </label>
      <label className="status-select">
        <span className="status-label">{t('status.language')}</span>
        <select value={props.language} onChange={(event) => props.onLanguage(event.target.value as LanguageSetting)} data-testid="language-select">
          <option value="system">{t('menu.view.language.system')}</option>
          <option value="en">{t('language.en')}</option>
          <option value="fr">{t('language.fr')}</option>
          <option value="pt">{t('language.pt')}</option>
        </select>
      </label>
    </footer>
  );
}
