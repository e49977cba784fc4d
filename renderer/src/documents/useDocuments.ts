// The open documents: open, new, save (as), close, the dirty marker, recovery copies, recent
// files and choosing a file (native dialog or the page's picker). The text of each document
// lives in its Monaco model (documents.ts); this hook keeps what the tabs and saving need.
import { useCallback, useMemo, useRef, useState } from 'react';
import { HostError, type AppInfo, type FileFilter, type HostClient, type RecentFile, type RecoveryCopy } from '../../../shared/common/ipc';
import { templateByName } from '../../../shared/common/templates/index';
import type { DialogApi } from '../components/useDialogs';
import type { Translate } from '../i18n';
import { setDocumentTarget } from '../validation/document-targets';
import { BLANK_PROVISIONING_FILE, directoryOf, disposeModel, documentFromFile, fileNameOf, modelOf, untitledDocument, type OpenDocument } from './documents';
import { documentFromRecoveryCopy, RecoveryCopies } from './recovery-copies';

export interface DocumentsOptions {
  client: HostClient;
  t: Translate;
  info: AppInfo | null;
  dialogs: DialogApi;
  setStatusMessage(message: string): void;
}

export type Documents = ReturnType<typeof useDocuments>;

export function useDocuments({ client, t, info, dialogs, setStatusMessage }: DocumentsOptions) {
  const [documents, setDocumentsState] = useState<OpenDocument[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const documentsRef = useRef<OpenDocument[]>([]);
  const activeIdRef = useRef<string | null>(null);
  const untitledCounter = useRef(0);
  const recoveryCopies = useMemo(() => new RecoveryCopies(client), [client]);

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

  const titleOf = useCallback((doc: OpenDocument) => (doc.path ? fileNameOf(doc.path) : t('tabs.untitled', { number: doc.untitledNumber ?? 1 })), [t]);

  const find = (id: string) => documentsRef.current.find((candidate) => candidate.id === id);

  /** Keeps the dirty marker and the recovery copy up to date as the model changes. */
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

  /** A new untitled document with this text (a template's, when `templateName` is given). */
  function newDocument(text = BLANK_PROVISIONING_FILE, templateName?: string): OpenDocument {
    untitledCounter.current += 1;
    const created = untitledDocument(text, untitledCounter.current);
    // A template that needs a newer Windows (Passpoint) starts with that target.
    const needs = templateName ? templateByName(templateName)?.target : undefined;
    if (needs) setDocumentTarget(created, needs);
    addDocument(created);
    return created;
  }

  function startingDirectory(): string {
    const active = activeIdRef.current ? find(activeIdRef.current) : undefined;
    if (active?.path) return directoryOf(active.path);
    if (recent[0]) return directoryOf(recent[0].path);
    return info?.homeDirectory ?? '/';
  }

  /** `filter`: the kind of file asked for (e.g. certificates: .cer, .pem, .crt); XML files when absent. */
  async function chooseFile(purpose: 'open' | 'save', suggestedName?: string, filter?: FileFilter): Promise<string | null> {
    const directory = startingDirectory();
    if (info?.nativeDialogs) {
      const defaultPath = suggestedName ? `${directory}/${suggestedName}` : directory;
      return (await client.invoke('dialog.chooseFile', { purpose, defaultPath, ...(filter ? { filter } : {}) })).path;
    }
    const picked = await dialogs.pickWithPage(purpose, directory, suggestedName, filter);
    // The host writes only where the user chose: tell it about a save target picked in the page.
    if (picked && purpose === 'save') await client.invoke('dialog.confirmSaveTarget', { path: picked });
    return picked;
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
      dialogs.showError(error);
    }
  }

  async function openWithDialog(options: { activate?: boolean } = {}) {
    try {
      const path = await chooseFile('open');
      if (path) await openPath(path, options);
    } catch (error) {
      dialogs.showError(error);
    }
  }

  /** Writes text to a path the user chooses, asking before replacing a file. */
  async function saveText(path: string, text: string, encoding: OpenDocument['encoding'], choseNewPath: boolean, expectedDiskSha256?: string) {
    const request = { path, text, encoding, ...(expectedDiskSha256 ? { expectedDiskSha256 } : {}) };
    try {
      // A page picker has not asked about replacing an existing file yet: ask now.
      return await client.invoke('file.save', { ...request, ...(choseNewPath && !info?.nativeDialogs ? { refuseOverwrite: true } : {}) });
    } catch (error) {
      if (!(error instanceof HostError && error.code === 'file.exists')) throw error;
      if (!(await dialogs.askReplace(fileNameOf(path)))) return null;
      return client.invoke('file.save', request);
    }
  }

  /** Saves; returns false when the user cancelled or the save failed (the error is shown). */
  async function save(id: string, forceChoosePath = false): Promise<boolean> {
    const doc = find(id);
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
      const saved = await saveText(path, model.getValue(), doc.encoding, choseNewPath, !choseNewPath && doc.diskSha256 ? doc.diskSha256 : undefined);
      if (!saved) return false;
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
      dialogs.showError(error);
      return false;
    }
  }

  /** Saves a text that is not a document (a report, a website page) where the user chooses. */
  async function exportText(text: string, suggestedName: string) {
    try {
      const path = await chooseFile('save', suggestedName);
      if (!path) return;
      if (await saveText(path, text, 'utf-8', true)) setStatusMessage(t('status.saved', { path }));
    } catch (error) {
      dialogs.showError(error);
    }
  }

  async function closeDocument(id: string): Promise<boolean> {
    const doc = find(id);
    if (!doc) return true;
    if (doc.dirty) {
      activate(id);
      const choice = await dialogs.askUnsaved(titleOf(doc));
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

  /** Restores (or discards) the recovery copies offered at start-up. */
  function restoreCopies(copies: RecoveryCopy[], restore: boolean) {
    for (const copy of copies) {
      if (!restore) {
        client.invoke('recovery.discard', { documentId: copy.documentId }).catch(() => undefined);
        continue;
      }
      if (!copy.path) untitledCounter.current += 1;
      addDocument(documentFromRecoveryCopy(copy, untitledCounter.current));
    }
  }

  return {
    documents,
    activeId,
    /** The active document's id at this moment (for handlers that run after an await). */
    currentId: () => activeIdRef.current,
    anyDirty: () => documentsRef.current.some((doc) => doc.dirty),
    recent,
    setRecent,
    activate,
    titleOf,
    addDocument,
    newDocument,
    chooseFile,
    openPath,
    openWithDialog,
    save,
    exportText,
    closeDocument,
    restoreCopies,
  };
}
