import { useI18n } from '../i18n';
import { Icon } from './Icon';

export interface TabInfo {
  id: string;
  title: string;
  tooltip: string;
  dirty: boolean;
}

export interface TabStripProps {
  tabs: TabInfo[];
  activeId: string | null;
  onSelect(id: string): void;
  onClose(id: string): void;
}

export function TabStrip({ tabs, activeId, onSelect, onClose }: TabStripProps) {
  const { t } = useI18n();

  function onKeyDown(event: React.KeyboardEvent, index: number) {
    if (event.key === 'Delete') {
      event.preventDefault();
      onClose(tabs[index]!.id);
      return;
    }
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) {
      onSelect(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  }

  return (
    <div className="tabstrip" role="tablist" aria-label={t('tabs.list')}>
      {tabs.map((tab, index) => (
        <div className={tab.id === activeId ? 'tab tab-active' : 'tab'} key={tab.id} data-testid="tab" role="presentation">
          <button
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === activeId}
            aria-keyshortcuts="Delete"
            tabIndex={tab.id === activeId ? 0 : -1}
            title={tab.tooltip}
            className="tab-title"
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
            onAuxClick={(event) => event.button === 1 && onClose(tab.id)}
          >
            {tab.title}
            {tab.dirty && (
              <span className="dirty-marker" data-testid="dirty-marker" title={t('tabs.unsaved')} aria-label={t('tabs.unsaved')}>
                <Icon name="dot" />
              </span>
            )}
          </button>
          {/* For the mouse; keyboard users close the focused tab with Delete (a tab list may hold only tabs). */}
          <span className="tab-close" aria-hidden="true" title={t('tabs.close', { title: tab.title })} onClick={() => onClose(tab.id)} data-testid="tab-close">
            ×
          </span>
        </div>
      ))}
    </div>
  );
}
