// The problems panel: every diagnostic of the active document, in two groups, each in document
// order: "Windows' schema check" (XML and schema findings: the verdict of the target Windows
// version's schemas) and "Problems Windows will hit later" (lint: what we know beyond the schemas).
// A click (or Enter) moves the editor to a finding's range; findings with a mechanical repair get a
// "Fix" button.
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import { useI18n } from '../i18n';
import { Icon } from './Icon';

export interface ProblemsPanelProps {
  diagnostics: readonly Diagnostic[];
  /** True while a validation of the latest text is running. */
  pending: boolean;
  /** The Windows version the verdict is for ("Windows 11"). */
  targetName: string;
  onReveal(diagnostic: Diagnostic): void;
  onFix(diagnostic: Diagnostic): void;
}


function ProblemList({ diagnostics, onReveal, onFix }: Pick<ProblemsPanelProps, 'onReveal' | 'onFix'> & { diagnostics: readonly Diagnostic[] }) {
  const { t } = useI18n();
  return (
    <ul className="problems-list">
      {diagnostics.map((diagnostic, index) => (
        <li key={`${diagnostic.code}-${diagnostic.range.start.offset}-${index}`} className="problem-row">
          <button type="button" className={`problem problem-${diagnostic.severity}`} onClick={() => onReveal(diagnostic)} data-testid="problem">
            <Icon name={diagnostic.severity} label={t(`problems.severity.${diagnostic.severity}`)} className={`severity-${diagnostic.severity}`} />
            <span className="problem-message">{t(diagnostic.messageKey, diagnostic.params)}</span>
            <span className="problem-code">{diagnostic.code}</span>
            <span className="problem-location">{t('status.position', { line: diagnostic.range.start.line, column: diagnostic.range.start.column })}</span>
          </button>
          {diagnostic.fix && (
            <button type="button" className="problem-fix" onClick={() => onFix(diagnostic)} data-testid="problem-fix" title={t(diagnostic.fix.titleKey, diagnostic.fix.titleParams)}>
              {t('problems.fix')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ProblemsPanel({ diagnostics, pending, targetName, onReveal, onFix }: ProblemsPanelProps) {
  const { t } = useI18n();
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  const schema = diagnostics.filter((diagnostic) => diagnostic.source !== 'lint');
  const later = diagnostics.filter((diagnostic) => diagnostic.source === 'lint');
  const schemaAccepts = !schema.some((diagnostic) => diagnostic.severity === 'error');
  return (
    <section className="problems" aria-labelledby="problems-title" data-testid="problems">
      <header className="problems-header">
        <h2 id="problems-title">{t('problems.title')}</h2>
        <span className="problems-counts" data-testid="problems-counts" aria-live="polite">
          {t('problems.counts', { errors, warnings, infos })}
          {pending ? ` · ${t('problems.checking')}` : ''}
        </span>
      </header>
      {diagnostics.length === 0 && pending ? (
        <p className="muted problems-empty">{t('problems.checking')}</p>
      ) : (
        <>
          {diagnostics.length === 0 && <p className="muted problems-empty">{t('problems.none')}</p>}
          <section className="problems-group" data-testid="problems-schema" aria-label={t('problems.group.schema', { target: targetName })}>
            <h3 className="problems-group-title">
              {t('problems.group.schema', { target: targetName })}
              <span className={schemaAccepts ? 'problems-verdict ok' : 'problems-verdict refused'} data-testid="problems-schema-verdict">
                {schemaAccepts ? t('problems.verdict.accepts') : t('problems.verdict.refuses')}
              </span>
            </h3>
            {schema.length > 0 && <ProblemList diagnostics={schema} onReveal={onReveal} onFix={onFix} />}
          </section>
          {diagnostics.length > 0 && (
            <section className="problems-group" data-testid="problems-later" aria-label={t('problems.group.later')}>
              <h3 className="problems-group-title">{t('problems.group.later')}</h3>
              {later.length > 0 ? <ProblemList diagnostics={later} onReveal={onReveal} onFix={onFix} /> : <p className="muted problems-empty">{t('problems.group.laterNone')}</p>}
            </section>
          )}
        </>
      )}
    </section>
  );
}
