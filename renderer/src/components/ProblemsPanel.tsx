// The problems panel: every diagnostic of the active document (XML, schema, lint), in document
// order; a click (or Enter) moves the editor to its range.
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import { useI18n } from '../i18n';

export interface ProblemsPanelProps {
  diagnostics: readonly Diagnostic[];
  /** True while a validation of the latest text is running. */
  pending: boolean;
  onReveal(diagnostic: Diagnostic): void;
}

const SEVERITY_ICON = { error: '⛔', warning: '⚠️', info: 'ℹ️' } as const;

export function ProblemsPanel({ diagnostics, pending, onReveal }: ProblemsPanelProps) {
  const { t } = useI18n();
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  return (
    <section className="problems" aria-labelledby="problems-title" data-testid="problems">
      <header className="problems-header">
        <h2 id="problems-title">{t('problems.title')}</h2>
        <span className="problems-counts" data-testid="problems-counts" aria-live="polite">
          {t('problems.counts', { errors, warnings, infos })}
          {pending ? ` · ${t('problems.checking')}` : ''}
        </span>
      </header>
      {diagnostics.length === 0 ? (
        <p className="muted problems-empty">{pending ? t('problems.checking') : t('problems.none')}</p>
      ) : (
        <ul className="problems-list">
          {diagnostics.map((diagnostic, index) => (
            <li key={`${diagnostic.code}-${diagnostic.range.start.offset}-${index}`}>
              <button type="button" className={`problem problem-${diagnostic.severity}`} onClick={() => onReveal(diagnostic)} data-testid="problem">
                <span aria-label={t(`problems.severity.${diagnostic.severity}`)} role="img">
                  {SEVERITY_ICON[diagnostic.severity]}
                </span>
                <span className="problem-message">{t(diagnostic.messageKey, diagnostic.params)}</span>
                <span className="problem-code">{diagnostic.code}</span>
                <span className="problem-location">{t('status.position', { line: diagnostic.range.start.line, column: diagnostic.range.start.column })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
