// The application shell: menus, document tabs, the editor, the status bar and the dialogs.
// Documents are Monaco models; this component keeps what the tabs and saving need.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  HostError,
  type AppInfo,
  type MenuCommand,
  type RecentFile,
  type RecoveryCopy,
  type Settings,
} from '../../shared/common/ipc';
import { resolveLanguage, translator } from '../../shared/common/i18n/index';
import { ConfirmReplaceDialog, MessageDialog, RecoveryDialog, UnsavedChangesDialog, type UnsavedChoice } from './components/Dialogs';
import { FilePicker } from './components/FilePicker';
import { MenuBar } from './components/MenuBar';
import { browserMenus, shortcutCommand } from './app-menus';
import { DocumentToolbar, type ViewMode } from './components/DocumentToolbar';
import { StatusBar } from './components/StatusBar';
import { TabStrip } from './components/TabStrip';
import { Welcome } from './components/Welcome';
import {
  BLANK_PROVISIONING_FILE,
  directoryOf,
  disposeModel,
  documentFromFile,
  fileNameOf,
  modelOf,
  untitledDocument,
  type OpenDocument,
} from './documents/documents';
import { EditorView } from './editor/EditorView';
import { documentFromRecoveryCopy, RecoveryCopies } from './documents/recovery-copies';
import { useValidation } from './editor/useValidation';
import { ProblemsPanel } from './components/ProblemsPanel';
import type { Diagnostic } from '../../shared/common/xml/diagnostic';
import type { KeyStoreOffer } from '../../shared/common/ipc';
import type { CertificateNames } from '../../shared/common/edit/trusted-certificates';
import { replaceTextMinimally } from './editor/replace-text';
import { SignDialog } from './signing/SignDialog';
import { SignaturePanel } from './signing/SignaturePanel';
import { textWithoutSignature } from './signing/remove-signature';
import { InspectorPanel } from './results/InspectorPanel';
import { bindFormField, placeOfField, useBindings } from './subscriber/bindings-store';
import { DataPanel } from './subscriber/DataPanel';
import { PerSubscriberContext, type PerSubscriberActions } from './subscriber/per-subscriber';
import { WebsiteDialog } from './website/WebsiteDialog';
import { SemanticFeatures } from './semantic/SemanticFeatures';
import { documentKindOf } from './documents/document-kind';
import type { Range } from '../../shared/common/xml/positions';
import type { ReportFormat } from '../../shared/common/results/index';
import type { monaco } from './editor/monaco';
import type { HostConnection } from './host/client';
import { I18nContext } from './i18n';
import { TreePane } from './tree/TreePane';
import { FormView, type FormViewHandle } from './forms/FormView';
import { NewFromTemplateDialog } from './forms/NewFromTemplateDialog';
import { useCursorSelection } from './tree/useCursorSelection';
import { samePath, type ElementPath } from './selection';
import { registerXmlLanguageFeatures, setXmlLanguageTranslator } from './editor/xml-language';
import { applyDiagnosticFix, registerQuickFixes, setQuickFixTranslator } from './editor/quick-fixes';
import { setDocumentTarget, useDocumentTarget } from './validation/document-targets';
import { templateByName } from '../../shared/common/templates/index';
import { TARGET_NAMES } from '../../shared/common/schema/targets';
import { isLargeModel, sizeInMegabytes } from './editor/parsed-model';
import { toMonacoRange, type MonacoRange } from '../../shared/common/edit/text-edits';

registerXmlLanguageFeatures();
registerQuickFixes();

type Dialog =
  | { kind: 'unsaved'; title: string; resolve(choice: UnsavedChoice): void }
  | { kind: 'picker'; purpose: 'open' | 'save'; directory: string; name?: string; resolve(path: string | null): void }
  | { kind: 'replace'; name: string; resolve(replace: boolean): void }
  | { kind: 'message'; title: string; message: string }
  | { kind: 'recovery'; copies: RecoveryCopy[] };

function systemPrefersDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export function App({ connection }: { connection: HostConnection }) {
  const client = connection.client;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings>({ theme: 'system', language: 'system' });
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const [documents, setDocumentsState] = useState<OpenDocument[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [cursor, setCursor] = useState<{ line: number; column: number } | null>(null);
  const [statusMessage, setStatusMessage] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [prefersDark, setPrefersDark] = useState(systemPrefersDark);
  const [signatureOffer, setSignatureOffer] = useState<KeyStoreOffer | null>(null);
  const [signaturePanelOpen, setSignaturePanelOpen] = useState(false);
  const [dataPanelOpen, setDataPanelOpen] = useState(false);
  const [websiteOpen, setWebsiteOpen] = useState(false);
  /** The "What Windows will do" panel (summary, dry run, compare) beside a provisioning document. */
  const [semanticOpen, setSemanticOpen] = useState(false);
  const [signatureCheckRequest, setSignatureCheckRequest] = useState(0);
  /** Choosing a certificate from a key store (for TrustedCertificates): the dialog resolves the promise. */
  const [identityPicker, setIdentityPicker] = useState<{ offer: KeyStoreOffer; resolve(names: CertificateNames | null): void } | null>(null);
  /** The results document the inspector shows; it stays beside the source while the user looks there. */
  const [inspectedResultId, setInspectedResultId] = useState<string | null>(null);
  const [inspectorOpen, setInspectorOpen] = useState(true);
  /** The document tree beside the editor, and the element selected in it (shared with the text and, later, the forms). */
  const [treeOpen, setTreeOpen] = useState(true);
  const [selectedPath, setSelectedPathState] = useState<ElementPath | null>(null);
  /** How a provisioning document is shown: its forms, its XML text, or both side by side. */
  const [viewMode, setViewMode] = useState<ViewMode>('both');
  const [templateDialogOpen, setTemplateDialogOpen] = useState(false);
  const formRef = useRef<FormViewHandle | null>(null);
  const documentsRef = useRef<OpenDocument[]>([]);
  const activeIdRef = useRef<string | null>(null);
  const untitledCounter = useRef(0);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const recoveryCopies = useMemo(() => new RecoveryCopies(client), [client]);

  const language = resolveLanguage(settings.language, navigator.languages ?? [navigator.language]);
  const t = useMemo(() => translator(language), [language]);
  useEffect(() => setXmlLanguageTranslator(t), [t]);
  useEffect(() => setQuickFixTranslator(t), [t]);
  const setSelectedPath = useCallback((path: ElementPath | null) => setSelectedPathState((previous) => (samePath(previous, path) ? previous : path)), []);
  const theme: 'light' | 'dark' = settings.theme === 'system' ? (prefersDark ? 'dark' : 'light') : settings.theme;

  const setDocuments = useCallback((update: (previous: OpenDocument[]) => OpenDocument[]) => {
    documentsRef.current = update(documentsRef.current);
    setDocumentsState(documentsRef.current);
  }, []);

  const activate = useCallback((id: string | null) => {
    activeIdRef.current = id;
    setActiveId(id);
  }, []);

  const patchDocument = useCallback(
    (id: string, patch: Partial<OpenDocument>) => setDocuments((previous) => previous.map((doc) => (doc.id === id ? { ...doc, ...patch } : doc))),
    [setDocuments],
  );

  const titleOf = useCallback(
    (doc: OpenDocument) => (doc.path ? fileNameOf(doc.path) : t('tabs.untitled', { number: doc.untitledNumber ?? 1 })),
    [t],
  );

  const showError = useCallback(
    (error: unknown) => {
      const message = error instanceof HostError ? t(error.messageKey, error.params) : t('error.unexpected', { detail: String(error) });
      setDialog({ kind: 'message', title: t('error.title'), message });
    },
    [t],
  );

  // ---- Dialog helpers: each returns a promise that the dialog resolves. ----
  const askUnsaved = (title: string) => new Promise<UnsavedChoice>((resolve) => setDialog({ kind: 'unsaved', title, resolve }));
  const askReplace = (name: string) => new Promise<boolean>((resolve) => setDialog({ kind: 'replace', name, resolve }));
  const pickWithPage = (purpose: 'open' | 'save', directory: string, name?: string) =>
    new Promise<string | null>((resolve) => setDialog({ kind: 'picker', purpose, directory, ...(name ? { name } : {}), resolve }));

  function startingDirectory(): string {
    const active = documentsRef.current.find((doc) => doc.id === activeIdRef.current);
    if (active?.path) return directoryOf(active.path);
    if (recent[0]) return directoryOf(recent[0].path);
    return info?.homeDirectory ?? '/';
  }

  // ---- Tracking edits: dirty marker and recovery copies. ----
  const watchModel = useCallback(
    (doc: OpenDocument) => {
      const model = modelOf(doc.id);
      if (!model) return;
      model.onDidChangeContent(() => {
        const current = documentsRef.current.find((candidate) => candidate.id === doc.id);
        if (!current) return;
        const dirty = model.getAlternativeVersionId() !== current.savedVersionId;
        if (dirty !== current.dirty) patchDocument(doc.id, { dirty });
        recoveryCopies.schedule(model, doc.id, () => {
          const latest = documentsRef.current.find((candidate) => candidate.id === doc.id);
          return latest ? { document: latest, title: titleOf(latest) } : null;
        });
      });
    },
    [recoveryCopies, patchDocument, titleOf],
  );

  const addDocument = useCallback(
    (doc: OpenDocument) => {
      setDocuments((previous) => [...previous, doc]);
      watchModel(doc);
      activate(doc.id);
    },
    [activate, setDocuments, watchModel],
  );

  // ---- File commands. ----
  function newDocumentFromTemplate(name: string, text: string) {
    setTemplateDialogOpen(false);
    untitledCounter.current += 1;
    const created = untitledDocument(text, untitledCounter.current);
    // A template that needs a newer Windows (Passpoint) starts with that target.
    const needs = templateByName(name)?.target;
    if (needs) setDocumentTarget(created, needs);
    addDocument(created);
  }

  function newDocument() {
    untitledCounter.current += 1;
    addDocument(untitledDocument(BLANK_PROVISIONING_FILE, untitledCounter.current));
  }

  async function openPath(path: string, options: { activate?: boolean } = {}) {
    const already = documentsRef.current.find((doc) => doc.path === path);
    if (already) return options.activate === false ? undefined : activate(already.id);
    setStatusMessage(t('status.opening', { path }));
    try {
      const file = await client.invoke('file.read', { path });
      const opened = documentFromFile(file);
      const previouslyActive = activeIdRef.current;
      addDocument(opened);
      if (options.activate === false) activate(previouslyActive);
      setRecent(await client.invoke('recent.add', { path }));
      setStatusMessage(t('status.opened', { path }));
    } catch (error) {
      showError(error);
    }
  }

  async function chooseFile(purpose: 'open' | 'save', suggestedName?: string): Promise<string | null> {
    const directory = startingDirectory();
    if (info?.nativeDialogs) {
      const defaultPath = suggestedName ? `${directory}/${suggestedName}` : directory;
      return (await client.invoke('dialog.chooseFile', { purpose, defaultPath })).path;
    }
    const picked = await pickWithPage(purpose, directory, suggestedName);
    // The host writes only where the user chose: tell it about a save target picked in the page.
    if (picked && purpose === 'save') await client.invoke('dialog.confirmSaveTarget', { path: picked });
    return picked;
  }

  async function openWithDialog(options: { activate?: boolean } = {}) {
    try {
      const path = await chooseFile('open');
      if (path) await openPath(path, options);
    } catch (error) {
      showError(error);
    }
  }

  /** Saves; returns false when the user cancelled or the save failed (the error is shown). */
  async function save(id: string, forceChoosePath = false): Promise<boolean> {
    const doc = documentsRef.current.find((candidate) => candidate.id === id);
    const model = modelOf(id);
    if (!doc || !model) return false;
    try {
      let path = doc.path;
      let choseNewPath = false;
      if (!path || forceChoosePath) {
        path = await chooseFile('save', doc.path ? fileNameOf(doc.path) : titleOf(doc));
        if (!path) return false;
        choseNewPath = path !== doc.path;
      }
      const versionAtSave = model.getAlternativeVersionId();
      const request = {
        path,
        text: model.getValue(),
        encoding: doc.encoding,
        ...(!choseNewPath && doc.diskSha256 ? { expectedDiskSha256: doc.diskSha256 } : {}),
      };
      let saved;
      try {
        // A page picker has not asked about replacing an existing file yet: ask now.
        saved = await client.invoke('file.save', { ...request, ...(choseNewPath && !info?.nativeDialogs ? { refuseOverwrite: true } : {}) });
      } catch (error) {
        if (!(error instanceof HostError && error.code === 'file.exists') || !(await askReplace(fileNameOf(path)))) {
          if (error instanceof HostError && error.code === 'file.exists') return false;
          throw error;
        }
        saved = await client.invoke('file.save', request);
      }
      patchDocument(id, {
        path: saved.path,
        untitledNumber: null,
        diskSha256: saved.diskSha256,
        savedVersionId: versionAtSave,
        dirty: model.getAlternativeVersionId() !== versionAtSave,
      });
      recoveryCopies.drop(id);
      if (choseNewPath) setRecent(await client.invoke('recent.add', { path: saved.path }));
      setStatusMessage(t('status.saved', { path: saved.path }));
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  async function closeDocument(id: string): Promise<boolean> {
    const doc = documentsRef.current.find((candidate) => candidate.id === id);
    if (!doc) return true;
    if (doc.dirty) {
      activate(id);
      const choice = await askUnsaved(titleOf(doc));
      if (choice === 'cancel') return false;
      if (choice === 'save' && !(await save(id))) return false;
    }
    const remaining = documentsRef.current.filter((candidate) => candidate.id !== id);
    const index = documentsRef.current.findIndex((candidate) => candidate.id === id);
    if (activeIdRef.current === id) activate(remaining[Math.min(index, remaining.length - 1)]?.id ?? null);
    setDocuments(() => remaining);
    recoveryCopies.drop(id);
    disposeModel(id);
    return true;
  }

  async function updateSettings(update: Partial<Settings>) {
    try {
      setSettings(await client.invoke('settings.update', update));
    } catch (error) {
      showError(error);
    }
  }

  async function openSignDialog() {
    if (!activeIdRef.current) return;
    try {
      setSignatureOffer(await client.invoke('signing.keyStores', undefined));
    } catch (error) {
      showError(error);
    }
  }

  /** Lets the user pick an identity from a key store (the identity list shows thumbprints); resolves with its names. */
  async function pickCertificateFromStore(): Promise<CertificateNames | null> {
    const offer = await client.invoke('signing.keyStores', undefined);
    return new Promise((resolve) =>
      setIdentityPicker({
        offer,
        resolve: (names) => {
          setIdentityPicker(null);
          resolve(names);
        },
      }),
    );
  }

  function applySignedText(signedText: string) {
    const model = activeIdRef.current ? modelOf(activeIdRef.current) : null;
    setSignatureOffer(null);
    if (!model) return;
    replaceTextMinimally(model, signedText);
    setSignaturePanelOpen(true);
    setSignatureCheckRequest((count) => count + 1);
    setStatusMessage(t('status.signed'));
  }

  function removeSignature() {
    const model = activeIdRef.current ? modelOf(activeIdRef.current) : null;
    const without = model ? textWithoutSignature(model.getValue()) : null;
    if (model && without !== null) replaceTextMinimally(model, without);
    setSignatureCheckRequest((count) => count + 1);
  }

  /** Opens a dry run's predicted results in a new tab and shows them in the inspector beside the source. */
  function openPredictedResults(resultXml: string) {
    const sourceId = activeIdRef.current;
    untitledCounter.current += 1;
    const predicted = untitledDocument(resultXml, untitledCounter.current);
    addDocument(predicted);
    setInspectedResultId(predicted.id);
    setInspectorOpen(true);
    if (sourceId) activate(sourceId);
  }

  function revealRange(documentId: string | null, range: Range) {
    if (documentId && documentId !== activeIdRef.current) activate(documentId);
    // The editor swaps models in an effect after the tab switch: select once it shows the document.
    setTimeout(() => revealInEditor(toMonacoRange(range), true), 0);
  }

  async function exportText(text: string, suggestedName: string) {
    try {
      const path = await chooseFile('save', suggestedName);
      if (!path) return;
      try {
        await client.invoke('file.save', { path, text, encoding: 'utf-8', ...(info?.nativeDialogs ? {} : { refuseOverwrite: true }) });
      } catch (error) {
        if (!(error instanceof HostError && error.code === 'file.exists')) throw error;
        if (!(await askReplace(fileNameOf(path)))) return;
        await client.invoke('file.save', { path, text, encoding: 'utf-8' });
      }
      setStatusMessage(t('status.saved', { path }));
    } catch (error) {
      showError(error);
    }
  }

  function runEditorAction(actionId: string) {
    const editor = editorRef.current;
    if (!editor) return;
    editor.focus();
    editor.trigger('menu', actionId, null);
  }

  function runCommand(command: MenuCommand) {
    const active = activeIdRef.current;
    switch (command) {
      case 'file.new':
        return newDocument();
      case 'file.newFromTemplate':
        return setTemplateDialogOpen(true);
      case 'view.tree':
        return setTreeOpen((open) => !open);
      case 'file.open':
        return void openWithDialog();
      case 'file.save':
        return void (active && save(active));
      case 'file.saveAs':
        return void (active && save(active, true));
      case 'file.close':
        return void (active && closeDocument(active));
      case 'file.sign':
        return void openSignDialog();
      case 'view.signature':
        return setSignaturePanelOpen((open) => !open);
      case 'view.website':
        return setWebsiteOpen(true);
      case 'view.themeSystem':
        return void updateSettings({ theme: 'system' });
      case 'view.themeLight':
        return void updateSettings({ theme: 'light' });
      case 'view.themeDark':
        return void updateSettings({ theme: 'dark' });
      case 'view.languageSystem':
        return void updateSettings({ language: 'system' });
      case 'view.languageEn':
        return void updateSettings({ language: 'en' });
      case 'view.languageFr':
        return void updateSettings({ language: 'fr' });
      case 'view.languagePt':
        return void updateSettings({ language: 'pt' });
      case 'help.about':
        return setDialog({
          kind: 'message',
          title: t('menu.help.about'),
          message: t('about.body', { version: info?.version ?? '', host: t(info?.host === 'electron' ? 'status.host.electron' : 'status.host.browser') }),
        });
    }
  }
  const runCommandRef = useRef(runCommand);
  runCommandRef.current = runCommand;

  // ---- Start-up: host info, settings, recent files, recovery copies. ----
  useEffect(() => {
    void (async () => {
      try {
        const [appInfo, storedSettings, recentFiles, copies] = await Promise.all([
          client.invoke('app.info', undefined),
          client.invoke('settings.get', undefined),
          client.invoke('recent.list', undefined),
          client.invoke('recovery.list', undefined),
        ]);
        setInfo(appInfo);
        setSettings(storedSettings);
        setRecent(recentFiles);
        if (copies.length > 0) setDialog({ kind: 'recovery', copies });
      } catch (error) {
        showError(error);
      }
    })();
    return connection.onMenuCommand((command) => runCommandRef.current(command));
    // Runs once: the connection does not change during the page's life.
  }, []);

  function restoreCopies(copies: RecoveryCopy[], restore: boolean) {
    setDialog(null);
    for (const copy of copies) {
      if (!restore) {
        client.invoke('recovery.discard', { documentId: copy.documentId }).catch(() => undefined);
        continue;
      }
      if (!copy.path) untitledCounter.current += 1;
      addDocument(documentFromRecoveryCopy(copy, untitledCounter.current));
    }
  }

  // ---- Keyboard shortcuts of the browser host (Electron's native menu has accelerators). ----
  useEffect(() => {
    if (!info || info.host === 'electron') return;
    const onKeyDown = (event: KeyboardEvent) => {
      const command = shortcutCommand(event);
      if (!command) return;
      event.preventDefault();
      event.stopPropagation();
      runCommandRef.current(command);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [info]);

  // Leaving the page (or closing the desktop window) with unsaved edits asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (documentsRef.current.some((doc) => doc.dirty)) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = () => setPrefersDark(query.matches);
    query?.addEventListener('change', onChange);
    return () => query?.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = language;
    document.title = t('app.name');
  }, [theme, language, t]);

  const onCursorChange = useCallback((line: number, column: number) => setCursor({ line, column }), []);
  const onEditorReady = useCallback((editor: monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = editor;
  }, []);

  const activeDocument = documents.find((doc) => doc.id === activeId) ?? null;
  const activeModel = activeDocument ? modelOf(activeDocument.id) : null;
  const [target, setTarget] = useDocumentTarget(activeDocument);
  const validation = useValidation(activeModel, t, target);
  // The selection belongs to one document: a new active document starts with none.
  useEffect(() => setSelectedPath(null), [activeModel, setSelectedPath]);
  useCursorSelection(activeModel, cursor, treeOpen || viewMode !== 'text', setSelectedPath);
  const largeFileMb = activeModel && isLargeModel(activeModel) ? sizeInMegabytes(activeModel) : null;
  const activeKind = activeModel ? documentKindOf(activeModel) : null;
  const activeBindings = useBindings(activeDocument?.id ?? null);
  const perSubscriber = useMemo<PerSubscriberActions | null>(() => {
    if (!activeDocument || !activeModel) return null;
    return {
      boundName: (key) => {
        const place = placeOfField(activeModel.getValue(), key);
        return (place && activeBindings.fields.find((field) => field.xpath === place.xpath)?.name) ?? null;
      },
      bind: (key, spec) => {
        bindFormField(activeDocument.id, activeModel.getValue(), key, spec);
        setDataPanelOpen(true);
      },
    };
  }, [activeDocument, activeModel, activeBindings]);
  useEffect(() => {
    if (activeDocument && activeKind === 'result') setInspectedResultId(activeDocument.id);
  }, [activeDocument?.id, activeKind]);
  const inspectedResult = documents.find((doc) => doc.id === inspectedResultId) ?? null;
  const inspectedModel = inspectedResult ? modelOf(inspectedResult.id) : null;
  const sourceCandidates = documents
    .filter((doc) => doc.id !== inspectedResultId)
    .map((doc) => ({ doc, model: modelOf(doc.id) }))
    .filter((entry): entry is { doc: OpenDocument; model: NonNullable<typeof entry.model> } => entry.model !== null && documentKindOf(entry.model) === 'provisioning')
    .map(({ doc, model }) => ({ documentId: doc.id, title: titleOf(doc), model, sha256: doc.dirty ? null : doc.diskSha256 }));

  /** A problem opens where the user works: its field in the form-only view, else its text (the form follows the cursor). */
  function revealDiagnostic(diagnostic: Diagnostic) {
    if (!showText) {
      formRef.current?.focusFieldForRange(diagnostic.range);
      return;
    }
    revealInEditor(toMonacoRange(diagnostic.range), true);
  }

  /** Selects a range in the editor and scrolls it into view. */
  function revealInEditor(range: MonacoRange, focus: boolean) {
    const editor = editorRef.current;
    if (!editor) return;
    editor.setSelection(range);
    editor.revealRangeInCenterIfOutsideViewport(range);
    if (focus) editor.focus();
  }
  const isBrowser = info?.host === 'browser';
  const mod = info?.platform === 'darwin' ? '⌘' : 'Ctrl+';
  // Forms are for provisioning files; results and other XML are shown as text.
  const formApplies = activeKind === 'provisioning';
  const showForm = formApplies && viewMode !== 'text';
  const showText = !formApplies || viewMode !== 'form';

  const menus = browserMenus({
    t,
    mod,
    hasDocument: activeDocument !== null,
    recent,
    settings,
    treeOpen,
    signaturePanelOpen,
    run: runCommand,
    openRecent: (path) => void openPath(path),
    editorAction: runEditorAction,
  });

  return (
    <I18nContext.Provider value={{ language, t }}>
      <div className="app" data-testid="app" data-language={language} data-ready={info ? 'true' : 'false'}>
        {isBrowser && <MenuBar menus={menus} />}
        <TabStrip
          tabs={documents.map((doc) => ({ id: doc.id, title: titleOf(doc), tooltip: doc.path ?? titleOf(doc), dirty: doc.dirty }))}
          activeId={activeId}
          onSelect={activate}
          onClose={(id) => void closeDocument(id)}
        />
        {activeDocument && (
          <DocumentToolbar
            treeOpen={treeOpen}
            signaturePanelOpen={signaturePanelOpen}
            dataPanelOpen={formApplies ? dataPanelOpen : null}
            onToggleData={() => setDataPanelOpen((open) => !open)}
            inspectorOpen={inspectedResult ? inspectorOpen : null}
            viewMode={formApplies ? viewMode : null}
            largeFileMb={largeFileMb}
            onCommand={runCommand}
            onSign={() => void openSignDialog()}
            onToggleInspector={() => setInspectorOpen((open) => !open)}
            semanticOpen={formApplies ? semanticOpen : null}
            onToggleSemantic={() => setSemanticOpen((open) => !open)}
            onViewMode={setViewMode}
          />
        )}
        <main className="workspace">
          <div
            className={activeDocument ? 'editor-area' : 'editor-area hidden'}
            data-validated-version={activeModel && !validation.pending ? activeModel.getVersionId() : undefined}
            data-testid="editor-area"
          >
            <div className="editor-row">
              {activeModel && treeOpen && (
                <TreePane
                  model={activeModel}
                  diagnostics={validation.diagnostics}
                  selectedPath={selectedPath}
                  onSelectPath={setSelectedPath}
                  onReveal={revealInEditor}
                />
              )}
              {activeModel && showForm && (
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
                      onRevealText={(range) => revealInEditor(range, false)}
                      chooseCertificateNames={async () => {
                        const chosen = await chooseFile('open');
                        return chosen ? client.invoke('signing.certificateNames', { path: chosen }) : null;
                      }}
                      chooseCertificateFromStore={pickCertificateFromStore}
                    />
                  </PerSubscriberContext.Provider>
                </div>
              )}
              <div className={showText ? 'editor-pane' : 'editor-pane hidden'}>
                <EditorView model={activeModel} theme={theme} onCursorChange={onCursorChange} onReady={onEditorReady} />
              </div>
            </div>
            <ProblemsPanel
              diagnostics={validation.diagnostics}
              pending={validation.pending}
              targetName={TARGET_NAMES[target]}
              onReveal={revealDiagnostic}
              onFix={(diagnostic) => {
                if (activeModel && !applyDiagnosticFix(activeModel, diagnostic)) setStatusMessage(t('problems.fixStale'));
              }}
            />
          </div>
          {inspectedResult && inspectedModel && inspectorOpen && (
            <InspectorPanel
              key={inspectedResult.id}
              resultTitle={titleOf(inspectedResult)}
              resultModel={inspectedModel}
              resultSha256={inspectedResult.dirty ? null : inspectedResult.diskSha256}
              sources={sourceCandidates}
              onOpenSource={() => void openWithDialog({ activate: false })}
              onReveal={(documentId, range) => revealRange(documentId ?? inspectedResult.id, range)}
              onExport={(_format: ReportFormat, text, suggestedName) => void exportText(text, suggestedName)}
            />
          )}
          {activeDocument && activeModel && formApplies && semanticOpen && (
            <SemanticFeatures
              key={activeDocument.id}
              client={client}
              model={activeModel}
              encoding={activeDocument.encoding}
              path={activeDocument.path}
              title={titleOf(activeDocument)}
              theme={theme}
              chooseFile={() => chooseFile('open')}
              onReveal={(range) => revealInEditor(toMonacoRange(range), true)}
              onOpenPredicted={openPredictedResults}
              onMessage={setStatusMessage}
            />
          )}
          {activeDocument && activeModel && signaturePanelOpen && (
            <SignaturePanel
              key={activeDocument.id}
              client={client}
              model={activeModel}
              encoding={activeDocument.encoding}
              chooseFile={() => chooseFile('open')}
              onSign={() => void openSignDialog()}
              onRemoveSignature={removeSignature}
              checkRequest={signatureCheckRequest}
            />
          )}
          {activeDocument && activeModel && formApplies && dataPanelOpen && (
            <DataPanel
              key={activeDocument.id}
              client={client}
              documentId={activeDocument.id}
              documentPath={activeDocument.path}
              templateText={() => activeModel.getValue()}
              encoding={activeDocument.encoding}
              language={language}
              chooseFile={() => chooseFile('open')}
              chooseSaveFile={(name) => chooseFile('save', name)}
              openText={(text: string) => newDocumentFromTemplate('', text)}
              openPath={(path) => void openPath(path)}
            />
          )}
          {!activeDocument && <Welcome recent={recent} onNew={newDocument} onOpen={() => void openWithDialog()} onOpenRecent={(path) => void openPath(path)} />}
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
        {signatureOffer && activeDocument && activeModel && (
          <SignDialog
            client={client}
            offer={signatureOffer}
            purpose={{ kind: 'sign', text: activeModel.getValue(), encoding: activeDocument.encoding, onSigned: applySignedText }}
            chooseFile={() => chooseFile('open')}
            onCancel={() => setSignatureOffer(null)}
          />
        )}
        {identityPicker && (
          <SignDialog
            client={client}
            offer={identityPicker.offer}
            purpose={{ kind: 'pick', onPicked: (identity) => identityPicker.resolve({ subjectName: identity.subject, issuerName: identity.issuer }) }}
            chooseFile={() => chooseFile('open')}
            onCancel={() => identityPicker.resolve(null)}
          />
        )}
        {websiteOpen && <WebsiteDialog onClose={() => setWebsiteOpen(false)} onOpenInEditor={(text: string) => newDocumentFromTemplate('', text)} onSave={(text, name) => void exportText(text, name)} />}
        {templateDialogOpen && <NewFromTemplateDialog onChoose={(name, text) => newDocumentFromTemplate(name, text)} onCancel={() => setTemplateDialogOpen(false)} />}
        {dialog?.kind === 'unsaved' && (
          <UnsavedChangesDialog
            title={dialog.title}
            onChoose={(choice) => {
              setDialog(null);
              dialog.resolve(choice);
            }}
          />
        )}
        {dialog?.kind === 'replace' && (
          <ConfirmReplaceDialog
            name={dialog.name}
            onChoose={(replace) => {
              setDialog(null);
              dialog.resolve(replace);
            }}
          />
        )}
        {dialog?.kind === 'message' && <MessageDialog title={dialog.title} message={dialog.message} onClose={() => setDialog(null)} testId="message-dialog" />}
        {dialog?.kind === 'recovery' && <RecoveryDialog copies={dialog.copies} onChoose={(restore) => restoreCopies(dialog.copies, restore)} />}
        {dialog?.kind === 'picker' && (
          <FilePicker
            client={client}
            purpose={dialog.purpose}
            initialDirectory={dialog.directory}
            {...(dialog.name ? { initialName: dialog.name } : {})}
            onChoose={(path) => {
              setDialog(null);
              dialog.resolve(path);
            }}
            onCancel={() => {
              setDialog(null);
              dialog.resolve(null);
            }}
          />
        )}
      </div>
    </I18nContext.Provider>
  );
}
