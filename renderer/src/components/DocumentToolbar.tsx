// The bar above a document: the navigator, the form/XML view (side by side or stacked), signing,
// the dock's tools (each button shows its tab; pressed again, it hides the dock), and the note
// shown when a large file pauses some features.
import type { MenuCommand } from '../../../shared/common/ipc';
import { useI18n } from '../i18n';

export type ViewMode = 'form' | 'both' | 'text';

export interface DocumentToolbarProps {
  treeOpen: boolean;
  signaturePanelOpen: boolean;
  /** null when the document is not a provisioning file (no "What Windows will do" panel). */
  semanticOpen?: boolean | null;
  /** null when the document has no per-subscriber data (not a provisioning file). */
  dataPanelOpen?: boolean | null;
  onToggleData?(): void;
  /** null when no results document is being inspected. */
  inspectorOpen: boolean | null;
  /** null when the document has no form view (not a provisioning file). */
  viewMode: ViewMode | null;
  /** Form above the XML (true) or beside it; null when only one of them shows. */
  stacked: boolean | null;
  onToggleStacked(): void;
  problemsOpen: boolean;
  onToggleProblems(): void;
  /** Size in MB when the file is large enough to pause features, else null. */
  largeFileMb: string | null;
  onCommand(command: MenuCommand): void;
  onSign(): void;
  onToggleInspector(): void;
  onToggleSemantic?(): void;
  onViewMode(mode: ViewMode): void;
}

export function DocumentToolbar(props: DocumentToolbarProps) {
  const { t } = useI18n();
  return (
    <div className="doc-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <button type="button" aria-pressed={props.treeOpen} onClick={() => props.onCommand('view.tree')} data-testid="toolbar-tree">
        {t('menu.view.tree')}
      </button>
      {props.viewMode && (
        <span className="segmented" role="group" aria-label={t('view.mode')}>
          {(['form', 'both', 'text'] as const).map((mode) => (
            <button key={mode} type="button" aria-pressed={props.viewMode === mode} onClick={() => props.onViewMode(mode)} data-testid={`view-mode-${mode}`}>
              {t(`view.mode.${mode}`)}
            </button>
          ))}
        </span>
      )}
      {props.stacked !== null && (
        <button type="button" aria-pressed={props.stacked} onClick={props.onToggleStacked} data-testid="toolbar-stacked">
          {t('layout.stacked')}
        </button>
      )}
      <span className="toolbar-separator" role="separator" aria-orientation="vertical" />
      <button type="button" onClick={props.onSign} data-testid="toolbar-sign">
        {t('menu.file.sign')}
      </button>
      <button type="button" aria-pressed={props.problemsOpen} onClick={props.onToggleProblems} data-testid="toolbar-problems">
        {t('problems.title')}
      </button>
      <button type="button" aria-pressed={props.signaturePanelOpen} onClick={() => props.onCommand('view.signature')} data-testid="toolbar-signature">
        {t('menu.view.signature')}
      </button>
      {props.semanticOpen !== null && props.semanticOpen !== undefined && (
        <button type="button" aria-pressed={props.semanticOpen} onClick={props.onToggleSemantic} data-testid="toolbar-semantic">
          {t('semantic.panel.title')}
        </button>
      )}
      {props.dataPanelOpen != null && (
        <button type="button" aria-pressed={props.dataPanelOpen} onClick={props.onToggleData} data-testid="toolbar-data">
          {t('subscriber.toolbar')}
        </button>
      )}
      {props.inspectorOpen !== null && (
        <button type="button" aria-pressed={props.inspectorOpen} onClick={props.onToggleInspector} data-testid="toolbar-inspector">
          {t('inspector.title')}
        </button>
      )}
      {props.largeFileMb && (
        <span className="doc-toolbar-note" role="status" data-testid="large-file-note">
          {t('editor.largeFile', { size: props.largeFileMb })}
        </span>
      )}
    </div>
  );
}
