// The tree beside the editor: a heading, the tree, and a splitter (mouse drag or arrow keys) to
// resize it.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { TreeView, type TreeViewProps } from './TreeView';

const MIN_WIDTH = 160;
const MAX_WIDTH = 800;

export function TreePane(props: TreeViewProps) {
  const { t } = useI18n();
  const [width, setWidth] = useState(300);
  const clamp = (value: number) => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, value));

  function startDrag(event: React.PointerEvent<HTMLDivElement>) {
    const startX = event.clientX;
    const startWidth = width;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (moveEvent: PointerEvent) => setWidth(clamp(startWidth + moveEvent.clientX - startX));
    const stop = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', stop);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', stop);
  }

  return (
    <>
      <aside className="tree-pane" style={{ width }} aria-labelledby="tree-pane-title" data-testid="tree-pane">
        <h2 id="tree-pane-title" className="tree-title">
          {t('tree.title')}
        </h2>
        <TreeView {...props} />
      </aside>
      <div
        className="splitter"
        role="separator"
        aria-orientation="vertical"
        aria-label={t('tree.resize')}
        aria-valuenow={width}
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={MAX_WIDTH}
        tabIndex={0}
        onPointerDown={startDrag}
        onKeyDown={(event) => {
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
            event.preventDefault();
            setWidth((value) => clamp(value + (event.key === 'ArrowRight' ? 20 : -20)));
          }
        }}
      />
    </>
  );
}
