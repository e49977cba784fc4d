// The window's layout around a document, as the best editors have it: one navigator on the left
// (the form's sections and the element tree, two views of the same outline), the form and the
// XML side by side or stacked, and one dock of tools on the right (tabs) — never more columns.
// Every splitter is a react-resizable-panels separator: drag or arrow keys to resize, drag past
// the edge to collapse; sizes are remembered per window (sessionStorage).
import { useEffect, useRef, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, type PanelImperativeHandle } from 'react-resizable-panels';
import { useI18n } from '../i18n';

export interface WorkbenchProps {
  /** The navigator's content; null when the navigator is closed. */
  navigator: ReactNode | null;
  /** The form; null when the document has no form or the form is hidden. */
  form: ReactNode | null;
  /** The XML view: always mounted (Monaco keeps its state), collapsed when hidden. */
  text: ReactNode;
  showText: boolean;
  /** Form above the XML instead of beside it. */
  stacked: boolean;
  /** The dock of tools; null when the dock is collapsed. */
  dock: ReactNode | null;
  /** A panel was collapsed by dragging its splitter to the edge. */
  onCollapsed(panel: 'navigator' | 'dock'): void;
}

/** Layouts last for the window's life (sessionStorage is per window), reloads included. */
const windowStorage = typeof sessionStorage === 'undefined' ? undefined : sessionStorage;

function usePanelLayout(id: string, panelIds: string[]) {
  return useDefaultLayout({ id, panelIds, onlySaveAfterUserInteractions: true, ...(windowStorage ? { storage: windowStorage } : {}) });
}

export function Workbench({ navigator, form, text, showText, stacked, dock, onCollapsed }: WorkbenchProps) {
  const { t } = useI18n();
  const outerIds = [...(navigator ? ['navigator'] : []), 'editors', ...(dock ? ['dock'] : [])];
  const outer = usePanelLayout('provstudio-workbench', outerIds);
  const innerIds = [...(form ? ['form'] : []), 'text'];
  const inner = usePanelLayout(`provstudio-editors-${stacked ? 'stacked' : 'side'}`, innerIds);
  const textPanel = useRef<PanelImperativeHandle | null>(null);

  useEffect(() => {
    const panel = textPanel.current;
    if (!panel) return;
    if (!showText && !panel.isCollapsed()) panel.collapse();
    if (showText && panel.isCollapsed()) panel.expand();
  }, [showText, form !== null]);

  const collapsedBy = (panel: 'navigator' | 'dock') => (size: { asPercentage: number }, _id: unknown, previous: { asPercentage: number } | undefined) => {
    if (size.asPercentage === 0 && previous && previous.asPercentage > 0) onCollapsed(panel);
  };

  return (
    <Group className="workbench" orientation="horizontal" id="workbench" defaultLayout={outer.defaultLayout} onLayoutChanged={outer.onLayoutChanged}>
      {navigator && (
        <>
          <Panel id="navigator" data-testid="panel-navigator" className="workbench-panel" defaultSize="18" minSize={180} collapsible onResize={collapsedBy('navigator')}>
            {navigator}
          </Panel>
          <Separator className="workbench-separator" aria-label={t('layout.resizeNavigator')} />
        </>
      )}
      <Panel id="editors" data-testid="panel-editors" className="workbench-panel" minSize={320}>
        <Group
          key={stacked ? 'stacked' : 'side'}
          className="workbench-editors"
          orientation={stacked ? 'vertical' : 'horizontal'}
          id={`editors-${stacked ? 'stacked' : 'side'}`}
          defaultLayout={inner.defaultLayout}
          onLayoutChanged={inner.onLayoutChanged}
        >
          {form && (
            <>
              <Panel id="form" data-testid="panel-form" className="workbench-panel" minSize={stacked ? 120 : 300}>
                {form}
              </Panel>
              <Separator className={`workbench-separator${showText ? '' : ' hidden'}`} aria-label={t('layout.resizeEditors')} />
            </>
          )}
          <Panel id="text" data-testid="panel-text" className="workbench-panel" panelRef={textPanel} minSize={stacked ? 100 : 280} collapsible>
            {text}
          </Panel>
        </Group>
      </Panel>
      {dock && (
        <>
          <Separator className="workbench-separator" aria-label={t('layout.resizeDock')} />
          <Panel id="dock" data-testid="panel-dock" className="workbench-panel" defaultSize="25" minSize={260} collapsible onResize={collapsedBy('dock')}>
            {dock}
          </Panel>
        </>
      )}
    </Group>
  );
}
