// The element tree in the navigator: a heading and the tree (the navigator's splitters size it).
import { memo } from 'react';
import { useI18n } from '../i18n';
import { TreeView, type TreeViewProps } from './TreeView';

// Memoised: the app re-renders on every keystroke (validation pending, then its answer); the tree
// renders again only when its document, findings or selection change.
export const TreePane = memo(function TreePane(props: TreeViewProps) {
  const { t } = useI18n();
  return (
    <section className="tree-pane" aria-labelledby="tree-pane-title" data-testid="tree-pane">
      <h2 id="tree-pane-title" className="pane-title">
        {t('tree.title')}
      </h2>
      <TreeView {...props} />
    </section>
  );
});
