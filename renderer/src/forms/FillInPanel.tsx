// "To fill in": the placeholders still in the document (lint PS-L035/PS-L036, found by
// shared/common/lint/placeholder-rules.ts: the nil GUID, a DeviceId of zeros, an empty Pattern, a
// Plan without a Name, example domains…), in document order. A new file opens with this list; each
// entry goes to its field (the form's, else the XML), and the list follows the validation as the
// values are filled in, until nothing is left.
import { PLACEHOLDER_CODES } from '../../../shared/common/lint/index';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n';

const CODES: ReadonlySet<string> = new Set(Object.values(PLACEHOLDER_CODES));

/** The findings that are placeholders to fill in, in document order. */
export function placeholdersToFill(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => CODES.has(diagnostic.code)).sort((a, b) => a.range.start.offset - b.range.start.offset);
}

export interface FillInPanelProps {
  diagnostics: readonly Diagnostic[];
  /** True while the latest text is being validated. */
  pending: boolean;
  onJump(diagnostic: Diagnostic): void;
}

export function FillInPanel({ diagnostics, pending, onJump }: FillInPanelProps) {
  const { t } = useI18n();
  const entries = placeholdersToFill(diagnostics);
  return (
    <section className="fill-in" aria-labelledby="fill-in-title" data-testid="fill-in">
      <header className="problems-header">
        <h2 id="fill-in-title">{t('fillIn.title')}</h2>
        {entries.length > 0 && (
          <span className="problems-counts" data-testid="fill-in-count" aria-live="polite">
            {t('fillIn.count', { count: entries.length })}
          </span>
        )}
      </header>
      {entries.length === 0 ? (
        <p className="muted problems-empty" role="status" data-testid="fill-in-done">
          {pending ? t('problems.checking') : t('fillIn.done')}
        </p>
      ) : (
        <>
          <p className="muted small fill-in-intro">{t('fillIn.intro')}</p>
          <ul className="problems-list">
            {entries.map((diagnostic) => (
              <li key={`${diagnostic.code}-${diagnostic.range.start.offset}`} className="problem-row">
                <button type="button" className={`problem problem-${diagnostic.severity}`} onClick={() => onJump(diagnostic)} data-testid="fill-in-entry" data-element={String(diagnostic.params.element ?? '')}>
                  <Icon name={diagnostic.severity} label={t(`problems.severity.${diagnostic.severity}`)} className={`severity-${diagnostic.severity}`} />
                  <span className="problem-message">
                    <strong>{String(diagnostic.params.element ?? '')}</strong> {t(diagnostic.messageKey, diagnostic.params)}
                  </span>
                  <span className="problem-location">{t('status.position', { line: diagnostic.range.start.line, column: diagnostic.range.start.column })}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
