// The navigator on the left: the form's sections (for a provisioning file) above the element
// tree — two views of one outline, kept in step through the selection — with a splitter between.
import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { useI18n } from '../i18n';

export function Navigator({ sections, tree }: { sections: ReactNode | null; tree: ReactNode }) {
  const { t } = useI18n();
  const layout = useDefaultLayout({
    id: 'provstudio-navigator',
    panelIds: sections ? ['sections', 'tree'] : ['tree'],
    onlySaveAfterUserInteractions: true,
    ...(typeof sessionStorage === 'undefined' ? {} : { storage: sessionStorage }),
  });
  return (
    <div className="navigator" data-testid="navigator">
      <Group orientation="vertical" id="navigator" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
        {sections && (
          <>
            <Panel id="sections" data-testid="panel-sections" className="workbench-panel" defaultSize="38" minSize={60} collapsible>
              <section className="navigator-sections" aria-labelledby="navigator-sections-title">
                <h2 id="navigator-sections-title" className="pane-title">
                  {t('forms.sections')}
                </h2>
                {sections}
              </section>
            </Panel>
            <Separator className="workbench-separator" aria-label={t('layout.resizeSections')} />
          </>
        )}
        <Panel id="tree" data-testid="panel-tree" className="workbench-panel" minSize={80}>
          {tree}
        </Panel>
      </Group>
    </div>
  );
}
