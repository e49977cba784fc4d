// The application shell: menus, document tabs, the editor, the status bar and the dialogs.
// Its parts live next door: documents (documents/useDocuments), dialogs (components/useDialogs),
// signing (signing/useSignFlow), settings (useAppSettings), start-up and where commands come from
// (useAppLifecycle) and the command table (shared/common/commands) that both the menus and the
// keyboard shortcuts read.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/common/ipc';
import { MenuBar } from './components/MenuBar';
import { browserMenus } from './app-menus';
import type { AppCommand } from '../../shared/common/commands/table';
import { DocumentToolbar, type ViewMode } from './components/DocumentToolbar';
import { StatusBar } from './components/StatusBar';
import { TabStrip } from './components/TabStrip';
import { Welcome } from './components/Welcome';
import { useDialogs } from './components/useDialogs';
import { modelOf } from './documents/documents';
import { useDocuments } from './documents/useDocuments';
import { EditorView } from './editor/EditorView';
import { useValidation } from './editor/useValidation';
import type { Diagnostic } from '../../shared/common/xml/diagnostic';
import { useSignFlow } from './signing/useSignFlow';
import { useInspectedResult } from './results/inspected-result';
import { PerSubscriberContext, usePerSubscriberActions } from './subscriber/per-subscriber';
import { WebsiteDialog } from './website/WebsiteDialog';
import { documentKindOf } from './documents/document-kind';
import type { Range } from '../../shared/common/xml/positions';
import type { monaco } from './editor/monaco';
import type { HostConnection } from './host/client';
import { I18nContext } from './i18n';
import { TreePane } from './tree/TreePane';
import { FormView, type FormViewHandle } from './forms/FormView';
import { NewFromTemplateDialog } from './forms/NewFromTemplateDialog';
import { useCursorSelection } from './tree/useCursorSelection';
import { samePath, type ElementPath } from './selection';
import { registerXmlLanguageFeatures } from './editor/xml-language';
import { registerQuickFixes } from './editor/quick-fixes';
import { useDocumentTarget } from './validation/document-targets';
import { TARGET_NAMES } from '../../shared/common/windows/targets';
import { isLargeModel, sizeInMegabytes } from './editor/parsed-model';
import { toMonacoRange, type MonacoRange } from '../../shared/common/edit/text-edits';
import { useAppSettings } from './useAppSettings';
import { useAppLifecycle } from './useAppLifecycle';
import { endBurst } from './editor/model-edits';
import { UndoToast } from './components/UndoToast';
import { SettingsDialog } from './components/SettingsDialog';
import { Workbench } from './layout/Workbench';
import { Navigator } from './layout/Navigator';
import { ToolDock } from './layout/ToolDock';
import { useDock } from './layout/useDock';
import { useStackedEditors } from './layout/stacked';
import { SectionList } from './forms/SectionList';
import type { SectionId } from '../../shared/common/forms/sections';

registerXmlLanguageFeatures();
registerQuickFixes();

export function App({ connection }: { connection: HostConnection }) {
  const client = connection.client;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [cursor, setCursor] = useState<{ line: number; column: number } | null>(null);
  const [statusMessage, setStatusMessage] = useState('');
  const [websiteOpen, setWebsiteOpen] = useState(false);
  /** The dock of side tools (Problems, Signature, Results, What Windows will do, Data). */
  const dock = useDock();
  const [stacked, setStacked] = useStackedEditors();
  const [section, setSection] = useState<SectionId>('global');
  /** The document tree beside the editor, and the element selected in it (shared with the text and the forms). */
  const [treeOpen, setTreeOpen] = useState(true);
  const [selectedPath, setSelectedPathState] = useState<ElementPath | null>(null);
  /** How a provisioning document is shown: its forms, its XML text, or both side by side. */
  const [viewMode, setViewMode] = useState<ViewMode>('both');
  const [templateDialogOpen, setTemplateDialogOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const formRef = useRef<FormViewHandle | null>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  const { settings, setSettings, updateSettings, language, t, i18n, theme } = useAppSettings(client, (error) => dialogs.showError(error));
  const { dialogs, dialogElement } = useDialogs(client, t);
  const docs = useDocuments({ client, t, info, dialogs, setStatusMessage });
  const { documents, activeId, titleOf } = docs;
  const activeDocument = documents.find((doc) => doc.id === activeId) ?? null;
  const activeModel = activeDocument ? modelOf(activeDocument.id) : null;
  const chooseFileToOpen = () => docs.chooseFile('open');
  const signing = useSignFlow({
    client,
    t,
    dialogs,
    currentId: docs.currentId,
    activeDocument,
    chooseFile: chooseFileToOpen,
    setStatusMessage,
    showSignaturePanel: () => dock.show('signature'),
  });
  const setSelectedPath = useCallback((path: ElementPath | null) => setSelectedPathState((previous) => (samePath(previous, path) ? previous : path)), []);

  /** Opens a dry run's predicted results in a new tab and shows them in the inspector beside the source. */
  function openPredictedResults(resultXml: string) {
    const sourceId = docs.currentId();
    const predicted = docs.newDocument(resultXml);
    inspected.inspect(predicted.id);
    dock.show('inspector');
    if (sourceId) docs.activate(sourceId);
  }

  function revealRange(documentId: string | null, range: Range) {
    if (documentId && documentId !== docs.currentId()) docs.activate(documentId);
    // The editor swaps models in an effect after the tab switch: select once it shows the document.
    setTimeout(() => revealInEditor(toMonacoRange(range), true), 0);
  }

  /** A new file (blank or from a template) opens with its "To fill in" list. */
  function newFile(text?: string, templateName?: string) {
    docs.newDocument(text, templateName);
    dock.show('fillIn');
  }

  /** A "To fill in" entry: its field in the form, else its place in the XML (shown if hidden). */
  function jumpToFill(diagnostic: Diagnostic) {
    const inText = () => {
      if (!showText) setViewMode('both');
      setTimeout(() => revealInEditor(toMonacoRange(diagnostic.range), true), 0);
    };
    if (showForm && formRef.current) formRef.current.focusFieldForRange(diagnostic.range, inText);
    else inText();
  }

  /** Undo/redo on the document's one stack from anywhere (form: pending typing committed first; tree; a button). */
  function undoInDocument(which: 'undo' | 'redo') {
    const id = docs.currentId();
    const model = id ? modelOf(id) : null;
    if (!model) return;
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused !== document.body) {
      focused.blur();
      focused.focus({ preventScroll: true });
    }
    endBurst(model);
    void (which === 'undo' ? model.undo() : model.redo());
  }

  /** What each command of the table (shared/common/commands/table.ts) does. */
  const handlers: Record<AppCommand, () => void> = {
    'file.new': () => newFile(),
    'file.newFromTemplate': () => setTemplateDialogOpen(true),
    'file.open': () => void docs.openWithDialog(),
    'file.save': () => void withActive((id) => docs.save(id)),
    'file.saveAs': () => void withActive((id) => docs.save(id, true)),
    'file.close': () => void withActive((id) => docs.closeDocument(id)),
    'file.sign': () => void signing.openSignDialog(),
    'edit.undo': () => undoInDocument('undo'),
    'edit.redo': () => undoInDocument('redo'),
    'edit.selectAll': () => void (editorRef.current?.focus(), editorRef.current?.trigger('menu', 'editor.action.selectAll', null)),
    'edit.settings': () => setSettingsOpen(true),
    'view.tree': () => setTreeOpen((open) => !open),
    'view.signature': () => dock.toggle('signature'),
    'view.website': () => setWebsiteOpen(true),
    'view.themeSystem': () => void updateSettings({ theme: 'system' }),
    'view.themeLight': () => void updateSettings({ theme: 'light' }),
    'view.themeDark': () => void updateSettings({ theme: 'dark' }),
    'view.languageSystem': () => void updateSettings({ language: 'system' }),
    'view.languageEn': () => void updateSettings({ language: 'en' }),
    'view.languageFr': () => void updateSettings({ language: 'fr' }),
    'view.languagePt': () => void updateSettings({ language: 'pt' }),
    'help.about': () =>
      dialogs.showMessage(
        t('menu.help.about'),
        t('about.body', { version: info?.version ?? '', host: t(info?.host === 'electron' ? 'status.host.electron' : 'status.host.browser') }),
      ),
  };
  const withActive = (action: (id: string) => Promise<unknown>) => docs.currentId() && action(docs.currentId()!);
  const runCommand = (command: AppCommand) => handlers[command]();
  useAppLifecycle({ connection, info, setInfo, setSettings, docs, dialogs, runCommand });

  // Monaco reports the cursor after every edit, moved or not: only a move is a new cursor (it re-selects the element there).
  const onCursorChange = useCallback((line: number, column: number) => setCursor((previous) => (previous?.line === line && previous.column === column ? previous : { line, column })), []);
  const onEditorReady = useCallback((editor: monaco.editor.IStandaloneCodeEditor) => void (editorRef.current = editor), []);

  const [target, setTarget] = useDocumentTarget(activeDocument);
  const validation = useValidation(activeModel, t, target);
  // The selection belongs to one document: a new active document starts with none.
  useEffect(() => setSelectedPath(null), [activeModel, setSelectedPath]);
  useCursorSelection(activeModel, cursor, treeOpen || viewMode !== 'text', setSelectedPath);
  const largeFileMb = activeModel && isLargeModel(activeModel) ? sizeInMegabytes(activeModel) : null;
  const activeKind = activeModel ? documentKindOf(activeModel) : null;
  const showDataPanel = useCallback(() => dock.show('data'), [dock.show]);
  const perSubscriber = usePerSubscriberActions(activeDocument?.id ?? null, activeModel, showDataPanel);
  const inspected = useInspectedResult(documents, activeDocument, titleOf);

  /** A section chosen in the navigator: its page in the form, its element selected in the tree and text. */
  // Stable (like revealInEditor): the navigator's memoised panes then skip renders that change nothing for them.
  const selectSection = useCallback((id: SectionId, path: ElementPath | null) => {
    setSection(id);
    if (path) setSelectedPath(path);
  }, [setSelectedPath]);
  // A results document newly inspected shows in the dock.
  useEffect(() => {
    if (inspected.result) dock.show('inspector');
  }, [inspected.result?.document.id]);

  /** A problem opens where the user works: its field in the form-only view, else its text (the form follows the cursor). */
  function revealDiagnostic(diagnostic: Diagnostic) {
    if (!showText) {
      formRef.current?.focusFieldForRange(diagnostic.range);
      return;
    }
    revealInEditor(toMonacoRange(diagnostic.range), true);
  }

  /** Selects a range in the editor and scrolls it into view. */
  const revealInEditor = useCallback((range: MonacoRange, focus: boolean) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.setSelection(range);
    editor.revealRangeInCenterIfOutsideViewport(range);
    if (focus) editor.focus();
  }, []);
  const isBrowser = info?.host === 'browser';
  // Forms are for provisioning files; results and other XML are shown as text.
  const formApplies = activeKind === 'provisioning';
  const showForm = formApplies && viewMode !== 'text';
  const showText = !formApplies || viewMode !== 'form';

  const menus = browserMenus({
    t,
    mac: info?.platform === 'darwin',
    hasDocument: activeDocument !== null,
    recent: docs.recent,
    settings,
    treeOpen,
    signaturePanelOpen: dock.shows('signature'),
    run: runCommand,
    openRecent: (path) => void docs.openPath(path),
  });
  const openText = (text: string) => void docs.newDocument(text);

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app" data-testid="app" data-language={language} data-ready={info ? 'true' : 'false'}>
        {isBrowser && <MenuBar menus={menus} />}
        <TabStrip
          tabs={documents.map((doc) => ({ id: doc.id, title: titleOf(doc), tooltip: doc.path ?? titleOf(doc), dirty: doc.dirty }))}
          activeId={activeId}
          onSelect={docs.activate}
          onClose={(id) => void docs.closeDocument(id)}
        />
        {activeDocument && (
          <DocumentToolbar
            treeOpen={treeOpen}
            signaturePanelOpen={dock.shows('signature')}
            dataPanelOpen={formApplies ? dock.shows('data') : null}
            onToggleData={() => dock.toggle('data')}
            inspectorOpen={inspected.result ? dock.shows('inspector') : null}
            viewMode={formApplies ? viewMode : null}
            stacked={formApplies && viewMode === 'both' ? stacked : null}
            onToggleStacked={() => setStacked(!stacked)}
            largeFileMb={largeFileMb}
            onCommand={runCommand}
            onSign={() => void signing.openSignDialog()}
            onToggleInspector={() => dock.toggle('inspector')}
            semanticOpen={formApplies ? dock.shows('semantic') : null}
            onToggleSemantic={() => dock.toggle('semantic')}
            problemsOpen={dock.shows('problems')}
            onToggleProblems={() => dock.toggle('problems')}
            onViewMode={setViewMode}
          />
        )}
        <main className="workspace">
          <div
            className={activeDocument ? 'editor-area' : 'editor-area hidden'}
            data-validated-version={activeModel && !validation.pending ? activeModel.getVersionId() : undefined}
            data-validation-kind={activeModel && !validation.pending ? validation.kind : undefined}
            data-testid="editor-area"
          >
            <Workbench
              navigator={
                activeModel && treeOpen ? (
                  <Navigator
                    sections={formApplies ? <SectionList model={activeModel} diagnostics={validation.diagnostics} section={section} onSelect={selectSection} /> : null}
                    tree={<TreePane model={activeModel} diagnostics={validation.diagnostics} selectedPath={selectedPath} onSelectPath={setSelectedPath} onReveal={revealInEditor} />}
                  />
                ) : null
              }
              form={
                activeModel && showForm ? (
                  <div className="form-pane" data-testid="form-view">
                    <PerSubscriberContext.Provider value={perSubscriber}>
                      <FormView
                        key={activeDocument?.id}
                        ref={formRef}
                        model={activeModel}
                        target={target}
                        diagnostics={validation.diagnostics}
                        selectedPath={selectedPath}
                        onSelectPath={setSelectedPath}
                        section={section}
                        onSectionChange={setSection}
                        onRevealText={(range) => revealInEditor(range, false)}
                        chooseCertificateNames={async () => {
                          const chosen = await chooseFileToOpen();
                          return chosen ? client.invoke('signing.certificateNames', { path: chosen }) : null;
                        }}
                        chooseCertificateFromStore={signing.pickCertificateFromStore}
                      />
                    </PerSubscriberContext.Provider>
                  </div>
                ) : null
              }
              text={
                <div className="editor-pane">
                  <EditorView model={activeModel} theme={theme} onCursorChange={onCursorChange} onReady={onEditorReady} />
                </div>
              }
              showText={showText}
              stacked={stacked}
              dock={
                activeDocument && activeModel && dock.open ? (
                  <ToolDock
                    dock={dock}
                    client={client}
                    document={activeDocument}
                    model={activeModel}
                    title={titleOf(activeDocument)}
                    formApplies={formApplies}
                    theme={theme}
                    language={language}
                    validation={validation}
                    targetName={TARGET_NAMES[target]}
                    onRevealDiagnostic={revealDiagnostic}
                    onJumpToFill={jumpToFill}
                    trustedRoots={settings.trustedRootPaths}
                    onTrustedRootsChange={(paths) => void updateSettings({ trustedRootPaths: paths })}
                    onFixStale={() => setStatusMessage(t('problems.fixStale'))}
                    inspected={inspected}
                    titleOf={titleOf}
                    docs={docs}
                    signing={signing}
                    onRevealRange={revealRange}
                    onOpenPredicted={openPredictedResults}
                    onMessage={setStatusMessage}
                    openText={openText}
                  />
                ) : null
              }
              onCollapsed={(panel) => (panel === 'dock' ? dock.collapse() : setTreeOpen(false))}
            />
          </div>
          <UndoToast />
          {!activeDocument && <Welcome recent={docs.recent} onNew={() => newFile()} onOpen={() => void docs.openWithDialog()} onOpenRecent={(path) => void docs.openPath(path)} />}
        </main>
        <StatusBar
          message={statusMessage || t('status.ready')}
          host={info?.host ?? null}
          cursor={activeDocument ? cursor : null}
          encoding={activeDocument?.encoding ?? null}
          lineEnding={activeDocument?.lineEnding ?? null}
          savedLineEnding={activeModel?.getEOL() === '\r\n' ? 'crlf' : 'lf'}
          theme={settings.theme}
          language={settings.language}
          onTheme={(value) => void updateSettings({ theme: value })}
          onLanguage={(value) => void updateSettings({ language: value })}
          target={activeDocument ? target : null}
          onTarget={setTarget}
        />
        {signing.dialogElement}
        {websiteOpen && <WebsiteDialog onClose={() => setWebsiteOpen(false)} onOpenInEditor={openText} onSave={(text, name) => void docs.exportText(text, name)} client={client} chooseFile={chooseFileToOpen} />}
        {templateDialogOpen && <NewFromTemplateDialog onChoose={(name, text) => { setTemplateDialogOpen(false); newFile(text, name); }} onCancel={() => setTemplateDialogOpen(false)} />}
        {settingsOpen && <SettingsDialog settings={settings} onSave={(update) => void (setSettingsOpen(false), updateSettings(update))} onCancel={() => setSettingsOpen(false)} />}
        {dialogElement}
      </div>
    </I18nContext.Provider>
  );
}
