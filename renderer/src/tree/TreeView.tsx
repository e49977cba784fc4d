// The document as a tree of elements (WAI-ARIA tree pattern), a view of the Monaco model like
// the text: every edit made here is a minimal text edit from the edit engine, applied to the
// model as one undoable step, so Ctrl+Z in the editor undoes it. While the text does not parse,
// the tree keeps the last good parse, read-only, with the error and a link to it.
//
// Keyboard: Up/Down move, Right expands or enters, Left collapses or goes to the parent,
// Home/End, Enter shows the element in the text, Delete removes it, Alt+Up/Down move it,
// Ctrl+Z/Ctrl+Y undo and redo in the text's stack, Shift+F10 or the context-menu key opens "Add child".
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditOutcome } from '../../../shared/common/edit/operations';
import { insertElement, moveDown, moveUp, removeElement } from '../../../shared/common/edit/operations';
import { toMonacoRange, type MonacoRange } from '../../../shared/common/edit/text-edits';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import type { AllowedChild } from '../../../shared/common/schema-model/queries';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import { childElements, elementNameSpan, rangeOf, type XmlDocumentNode, type XmlElementNode } from '../../../shared/common/xml/model';
import type { monaco } from '../editor/monaco';
import { parseModel } from '../editor/parsed-model';
import { useI18n } from '../i18n';
import { ancestorPaths, pathAtOffset, pathKey, resolvePath, samePath, type ElementPath } from '../selection';
import { applyEditsAsOneStep } from '../editor/model-edits';
import { addableChildren, badgesOf, canDuplicate, duplicateElement, previewOf, type BadgeCounts } from '../../../shared/common/language/tree-model';
import { useDocumentTree } from './useDocumentTree';
import { Icon } from '../components/Icon';
import { announceDeletion } from '../components/UndoToast';

/** Expanded unless the user collapsed it: the root and its children; deeper levels start collapsed. */
function isExpanded(overrides: ReadonlyMap<string, boolean>, path: ElementPath): boolean {
  return overrides.get(pathKey(path)) ?? path.length <= 1;
}

/** Rows rendered at most (the rest is summarised): a 10 000-child list stays responsive. */
const MAX_ROWS = 2000;

export interface TreeViewProps {
  model: monaco.editor.ITextModel;
  diagnostics: readonly Diagnostic[];
  selectedPath: ElementPath | null;
  onSelectPath(path: ElementPath | null): void;
  /** Shows a range in the text; moves the keyboard focus there when `focus`. */
  onReveal(range: MonacoRange, focus: boolean): void;
}

interface Row {
  element: XmlElementNode;
  path: ElementPath;
  key: string;
  level: number;
  setSize: number;
  position: number;
  expandable: boolean;
  expanded: boolean;
}

function visibleRows(document: XmlDocumentNode, expanded: ReadonlyMap<string, boolean>): { rows: Row[]; hidden: number } {
  const rows: Row[] = [];
  let hidden = 0;
  const visit = (element: XmlElementNode, path: ElementPath, setSize: number, position: number): void => {
    const children = childElements(element);
    const key = pathKey(path);
    const open = children.length > 0 && isExpanded(expanded, path);
    if (rows.length >= MAX_ROWS) {
      hidden++;
      return;
    }
    rows.push({ element, path, key, level: path.length + 1, setSize, position, expandable: children.length > 0, expanded: open });
    if (open) children.forEach((child, index) => visit(child, [...path, index], children.length, index + 1));
  };
  visit(document.root, [], 1, 1);
  return { rows, hidden };
}

function Badge({ counts }: { counts: BadgeCounts }) {
  const { t } = useI18n();
  const total = counts.errors + counts.warnings + counts.infos;
  return (
    <span className={`tree-badge tree-badge-${counts.worst}`} data-testid="tree-badge" title={t('tree.badge', { ...counts })}>
      <span aria-hidden="true">{total}</span>
      <span className="visually-hidden">{t('tree.badge', { ...counts })}</span>
    </span>
  );
}

export function TreeView({ model, diagnostics, selectedPath, onSelectPath, onReveal }: TreeViewProps) {
  const { t } = useI18n();
  const tree = useDocumentTree(model, true);
  const [expanded, setExpanded] = useState<Map<string, boolean>>(() => new Map());
  const [menuOpen, setMenuOpen] = useState(false);
  const [notice, setNotice] = useState('');
  const container = useRef<HTMLDivElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const focusSelected = useRef(false);
  const document = tree.document;
  const readOnly = tree.error !== null || document === null;

  // A new document starts with the root and its children visible.
  useEffect(() => {
    setExpanded(new Map());
    setMenuOpen(false);
    setNotice('');
  }, [model]);

  const { rows, hidden } = useMemo(() => (document ? visibleRows(document, expanded) : { rows: [], hidden: 0 }), [document, expanded]);
  const badges = useMemo(() => (document && !tree.error ? badgesOf(document, diagnostics) : new Map<XmlElementNode, BadgeCounts>()), [document, diagnostics, tree.error]);
  const selectedElement = document && selectedPath ? resolvePath(document, selectedPath) : null;
  const selectedKey = selectedElement && selectedPath ? pathKey(selectedPath) : null;

  // The selection can come from the text (cursor) or a form: show it (expand its ancestors).
  useEffect(() => {
    if (!selectedPath || !document) return;
    const missing = ancestorPaths(selectedPath).filter((path) => !isExpanded(expanded, path));
    if (missing.length > 0) setExpanded((previous) => new Map([...previous, ...missing.map((path) => [pathKey(path), true] as const)]));
  }, [selectedPath, document]);

  useEffect(() => {
    if (!selectedKey) return;
    const row = container.current?.querySelector<HTMLElement>(`[data-path="${selectedKey}"]`);
    if (!row) return;
    row.scrollIntoView?.({ block: 'nearest' });
    if (focusSelected.current) {
      focusSelected.current = false;
      row.focus();
    }
  }, [selectedKey, rows]);

  const select = useCallback(
    (path: ElementPath, options: { focusEditor?: boolean; keepFocus?: boolean } = {}) => {
      if (options.keepFocus) focusSelected.current = true;
      if (!samePath(path, selectedPath)) onSelectPath(path);
      const element = document ? resolvePath(document, path) : null;
      if (document && element) onReveal(toMonacoRange(rangeOf(document, elementNameSpan(element))), options.focusEditor === true);
    },
    [document, selectedPath, onSelectPath, onReveal],
  );

  /** Runs an engine operation on a fresh parse of the current text, applies it, selects the result. */
  const runEdit = useCallback(
    (operation: (document: XmlDocumentNode, element: XmlElementNode) => EditOutcome, afterPath?: (path: ElementPath) => ElementPath) => {
      if (!selectedPath) return;
      const current = parseModel(model);
      if (!current?.ok) return;
      const element = resolvePath(current.document, selectedPath);
      if (!element) return;
      const outcome = operation(current.document, element);
      if (!outcome.ok) {
        setNotice(t('tree.editRefused', { reason: t(outcome.messageKey, outcome.params) }));
        return;
      }
      setNotice('');
      applyEditsAsOneStep(model, outcome.edits);
      if (operation === removeElement && outcome.edits.length > 0) announceDeletion(model, element.name);
      tree.refreshNow();
      const after = parseModel(model);
      let path: ElementPath | null = afterPath ? afterPath(selectedPath) : null;
      if (!afterPath && after?.ok && outcome.focus) path = pathAtOffset(after.document, outcome.focus.offset);
      if (path && after?.ok) {
        const target = path;
        // The edited element and its ancestors are shown open.
        setExpanded((previous) => new Map([...previous, ...[...ancestorPaths(target), target].map((path) => [pathKey(path), true] as const)]));
        focusSelected.current = true;
        onSelectPath(target);
        const moved = resolvePath(after.document, target);
        if (moved) onReveal(toMonacoRange(rangeOf(after.document, elementNameSpan(moved))), false);
      }
    },
    [model, selectedPath, tree, t, onSelectPath, onReveal],
  );

  const addChild = (child: AllowedChild) => {
    setMenuOpen(false);
    runEdit((doc, element) => insertElement(doc, element, { namespace: child.namespace, localName: child.localName }, { model: BUNDLED_SCHEMA_MODEL }));
  };
  const remove = () =>
    runEdit(removeElement, (path) => {
      const last = path[path.length - 1]!;
      return last > 0 ? [...path.slice(0, -1), last - 1] : path.slice(0, -1);
    });
  const duplicate = () => runEdit(duplicateElement);
  const up = () => runEdit(moveUp);
  const down = () => runEdit(moveDown);

  const siblings = selectedElement?.parent ? childElements(selectedElement.parent) : [];
  const siblingIndex = selectedElement ? siblings.indexOf(selectedElement) : -1;
  const isRoot = !selectedElement?.parent;
  const can = {
    add: !readOnly && selectedElement !== null,
    remove: !readOnly && selectedElement !== null && !isRoot,
    duplicate: !readOnly && selectedElement !== null && !isRoot && canDuplicate(BUNDLED_SCHEMA_MODEL, selectedElement),
    up: !readOnly && !isRoot && siblingIndex > 0,
    down: !readOnly && !isRoot && siblingIndex >= 0 && siblingIndex < siblings.length - 1,
  };
  const addable = useMemo(
    () => (menuOpen && selectedElement && !readOnly ? addableChildren(BUNDLED_SCHEMA_MODEL, selectedElement) : []),
    [menuOpen, selectedElement, readOnly],
  );

  function toggle(row: Row) {
    setExpanded((previous) => new Map(previous).set(row.key, !row.expanded));
  }

  // One stable handler for every row (rows are memoised: a new parse re-renders only rows whose
  // name, preview, badge or state changed), reading the current rows and callbacks.
  const current = useRef({ rows, select, toggle, readOnly });
  current.current = { rows, select, toggle, readOnly };
  const rowAction = useCallback((key: string, action: RowAction) => {
    const { rows, select, toggle, readOnly } = current.current;
    const row = rows.find((candidate) => candidate.key === key);
    if (!row) return;
    if (action === 'click') select(row.path, { keepFocus: true });
    else if (action === 'open') select(row.path, { focusEditor: true });
    else if (action === 'menu') {
      select(row.path, { keepFocus: true });
      if (!readOnly) setMenuOpen(true);
    } else if (row.expandable) toggle(row);
  }, []);

  function onKeyDown(event: React.KeyboardEvent) {
    if (rows.length === 0) return;
    const index = Math.max(0, rows.findIndex((row) => row.key === selectedKey));
    const row = rows[index]!;
    const go = (target: Row | undefined) => {
      if (target) select(target.path, { keepFocus: true });
    };
    let handled = true;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.altKey && (event.key.toLowerCase() === 'z' || event.key.toLowerCase() === 'y')) {
      // One undo stack: the text's, whichever view has the focus.
      if (event.key.toLowerCase() === 'y' || event.shiftKey) void model.redo();
      else void model.undo();
    } else if (event.altKey && event.key === 'ArrowUp') {
      if (can.up) up();
    } else if (event.altKey && event.key === 'ArrowDown') {
      if (can.down) down();
    } else if (event.key === 'ArrowDown') go(rows[index + 1]);
    else if (event.key === 'ArrowUp') go(rows[index - 1]);
    else if (event.key === 'Home') go(rows[0]);
    else if (event.key === 'End') go(rows[rows.length - 1]);
    else if (event.key === 'ArrowRight') {
      if (row.expandable && !row.expanded) toggle(row);
      else if (row.expanded) go(rows[index + 1]);
    } else if (event.key === 'ArrowLeft') {
      if (row.expanded) toggle(row);
      else if (row.path.length > 0) go(rows.find((candidate) => samePath(candidate.path, row.path.slice(0, -1))));
    } else if (event.key === 'Enter') select(row.path, { focusEditor: true });
    else if (event.key === 'Delete') {
      if (can.remove) remove();
    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      if (can.add) setMenuOpen(true);
    } else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  if (tree.pausedSizeMb !== null) {
    return (
      <div className="tree-view" data-testid="tree">
        <p className="tree-message" role="status" data-testid="tree-paused">
          {t('tree.paused', { size: tree.pausedSizeMb })}
        </p>
      </div>
    );
  }

  const tabStop = selectedKey && rows.some((row) => row.key === selectedKey) ? selectedKey : rows[0]?.key;
  return (
    <div className="tree-view" data-testid="tree" data-readonly={readOnly ? 'true' : 'false'}>
      <div className="tree-toolbar" role="toolbar" aria-label={t('tree.actions')}>
        <div className="tree-menu-anchor">
          <button
            type="button"
            ref={menuButton}
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            disabled={!can.add}
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="tree-add-child"
          >
            {t('tree.addChild')} <Icon name="chevron-down" />
          </button>
          {menuOpen && (
            <AddChildMenu
              choices={addable}
              onChoose={addChild}
              onClose={() => {
                setMenuOpen(false);
                menuButton.current?.focus();
              }}
            />
          )}
        </div>
        <button type="button" disabled={!can.duplicate} onClick={duplicate} data-testid="tree-duplicate">
          {t('tree.duplicate')}
        </button>
        <button type="button" disabled={!can.up} onClick={up} aria-label={t('tree.moveUp')} title={t('tree.moveUp')} data-testid="tree-move-up">
          <Icon name="arrow-up" />
        </button>
        <button type="button" disabled={!can.down} onClick={down} aria-label={t('tree.moveDown')} title={t('tree.moveDown')} data-testid="tree-move-down">
          <Icon name="arrow-down" />
        </button>
        <button type="button" disabled={!can.remove} onClick={remove} data-testid="tree-delete">
          {t('tree.delete')}
        </button>
      </div>
      {tree.error && (
        <div className="tree-error" id="tree-error" role="alert" data-testid="tree-error">
          <p>{t('tree.readOnly')}</p>
          <p className="tree-error-message">{t(tree.error.messageKey, tree.error.params)}</p>
          <button
            type="button"
            className="link"
            onClick={() => tree.error && onReveal(toMonacoRange(tree.error.range), true)}
            data-testid="tree-goto-error"
          >
            {t('tree.goToError', { line: tree.error.range.start.line, column: tree.error.range.start.column })}
          </button>
        </div>
      )}
      {notice && (
        <p className="tree-notice" role="status">
          {notice}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="tree-message muted">{t('tree.none')}</p>
      ) : (
        <div className="tree-rows" role="tree" aria-label={t('tree.title')} aria-describedby={tree.error ? 'tree-error' : undefined} ref={container} onKeyDown={onKeyDown}>
          {rows.map((row) => (
            <TreeRow
              key={row.key}
              rowKey={row.key}
              name={row.element.name}
              preview={previewOf(row.element)}
              level={row.level}
              setSize={row.setSize}
              position={row.position}
              expandable={row.expandable}
              expanded={row.expanded}
              selected={row.key === selectedKey}
              tabStop={row.key === tabStop}
              badge={badges.get(row.element)}
              onAction={rowAction}
            />
          ))}
          {hidden > 0 && <p className="tree-message muted">{t('tree.more', { count: hidden })}</p>}
        </div>
      )}
    </div>
  );
}

type RowAction = 'click' | 'open' | 'menu' | 'toggle';

interface TreeRowProps {
  rowKey: string;
  name: string;
  preview: string;
  level: number;
  setSize: number;
  position: number;
  expandable: boolean;
  expanded: boolean;
  selected: boolean;
  tabStop: boolean;
  badge: BadgeCounts | undefined;
  onAction(key: string, action: RowAction): void;
}

function sameBadge(a: BadgeCounts | undefined, b: BadgeCounts | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.errors === b.errors && a.warnings === b.warnings && a.infos === b.infos && a.worst === b.worst);
}

/** One row: re-rendered only when what it shows changes (each parse gives new element objects). */
const TreeRow = memo(
  function TreeRow({ rowKey, name, preview, level, setSize, position, expandable, expanded, selected, tabStop, badge, onAction }: TreeRowProps) {
    return (
      <div
        role="treeitem"
        className={selected ? 'tree-row selected' : 'tree-row'}
        aria-level={level}
        aria-setsize={setSize}
        aria-posinset={position}
        aria-expanded={expandable ? expanded : undefined}
        aria-selected={selected}
        tabIndex={tabStop ? 0 : -1}
        data-path={rowKey}
        data-testid="tree-item"
        style={{ paddingLeft: `${(level - 1) * 14 + 4}px` }}
        onClick={() => onAction(rowKey, 'click')}
        onDoubleClick={() => onAction(rowKey, 'open')}
        onContextMenu={(event) => {
          event.preventDefault();
          onAction(rowKey, 'menu');
        }}
      >
        <span
          className="tree-twisty"
          aria-hidden="true"
          onClick={(event) => {
            event.stopPropagation();
            onAction(rowKey, 'toggle');
          }}
        >
          {expandable ? <Icon name={expanded ? 'chevron-down' : 'chevron-right'} /> : null}
        </span>
        <span className="tree-name">{name}</span>
        {preview && <span className="tree-preview">{preview}</span>}
        {badge && <Badge counts={badge} />}
      </div>
    );
  },
  (before, after) =>
    before.rowKey === after.rowKey &&
    before.name === after.name &&
    before.preview === after.preview &&
    before.level === after.level &&
    before.setSize === after.setSize &&
    before.position === after.position &&
    before.expandable === after.expandable &&
    before.expanded === after.expanded &&
    before.selected === after.selected &&
    before.tabStop === after.tabStop &&
    before.onAction === after.onAction &&
    sameBadge(before.badge, after.badge),
);

function AddChildMenu({ choices, onChoose, onClose }: { choices: AllowedChild[]; onChoose(child: AllowedChild): void; onClose(): void }) {
  const { t } = useI18n();
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, []);
  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (!menu.current?.parentElement?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [onClose]);
  function onKeyDown(event: React.KeyboardEvent) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(globalThis.document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (event.key === 'Home') items[0]?.focus();
    else if (event.key === 'End') items[items.length - 1]?.focus();
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }
  return (
    <div className="menu-popup tree-menu" role="menu" aria-label={t('tree.addChild')} ref={menu} onKeyDown={onKeyDown} data-testid="tree-add-menu">
      {choices.length === 0 && (
        <p className="tree-message muted" role="none">
          {t('tree.addChild.none')}
        </p>
      )}
      {choices.map((child) => (
        <button
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="menu-item"
          key={`${child.namespace} ${child.localName}`}
          title={child.documentation ?? child.namespace}
          onClick={() => onChoose(child)}
        >
          <span className="menu-label">{child.localName}</span>
        </button>
      ))}
    </div>
  );
}
