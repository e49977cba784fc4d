// The dock of side tools (Problems, To fill in, Signature, Results, What Windows will do, Data): one column,
// one tool shown at a time as a tab, collapsible. A tool once shown stays mounted (hidden) while
// another tab shows, so it keeps its state (the dry run's result, the inspector's selection).
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Icon } from '../components/Icon';

export type DockTab = 'problems' | 'fillIn' | 'signature' | 'inspector' | 'semantic' | 'data';

export interface DockEntry {
  id: DockTab;
  label: string;
  /** Rendered while the tab is hidden too (the problems list). */
  keepMounted?: boolean;
  content: ReactNode;
  badge?: number;
}

export function Dock({ entries, active, onSelect, onCollapse }: { entries: DockEntry[]; active: DockTab; onSelect(tab: DockTab): void; onCollapse(): void }) {
  const { t } = useI18n();
  const shown = entries.some((entry) => entry.id === active) ? active : entries[0]?.id;
  const [visited, setVisited] = useState<ReadonlySet<DockTab>>(new Set());
  if (shown && !visited.has(shown)) setVisited(new Set([...visited, shown]));
  return (
    <section className="dock" aria-label={t('dock.label')} data-testid="dock">
      <div className="dock-header">
        <div className="dock-tabs" role="tablist" aria-label={t('dock.label')}>
          {entries.map((entry) => (
            <button
              key={entry.id}
              type="button"
              role="tab"
              id={`dock-tab-${entry.id}`}
              aria-selected={entry.id === shown}
              aria-controls={`dock-panel-${entry.id}`}
              tabIndex={entry.id === shown ? 0 : -1}
              className="dock-tab"
              onClick={() => onSelect(entry.id)}
              onKeyDown={(event) => {
                if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
                event.preventDefault();
                const index = entries.findIndex((candidate) => candidate.id === entry.id);
                const next = entries[(index + (event.key === 'ArrowRight' ? 1 : entries.length - 1)) % entries.length]!;
                onSelect(next.id);
                document.getElementById(`dock-tab-${next.id}`)?.focus();
              }}
              data-testid={`dock-tab-${entry.id}`}
            >
              {entry.label}
              {entry.badge ? <span className="form-badge">{entry.badge}</span> : null}
            </button>
          ))}
        </div>
        <button type="button" className="icon-button" onClick={onCollapse} aria-label={t('dock.collapse')} title={t('dock.collapse')} data-testid="dock-collapse">
          <Icon name="chevron-right" />
        </button>
      </div>
      {entries.map((entry) =>
        entry.id === shown || entry.keepMounted || visited.has(entry.id) ? (
          <div key={entry.id} className="dock-panel" role="tabpanel" id={`dock-panel-${entry.id}`} aria-labelledby={`dock-tab-${entry.id}`} hidden={entry.id !== shown}>
            {entry.content}
          </div>
        ) : null,
      )}
    </section>
  );
}
