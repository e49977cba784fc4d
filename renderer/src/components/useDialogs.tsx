// The app's modal questions and messages: each `ask…` shows its dialog and resolves with the
// user's answer; `element` renders whichever dialog is up (one at a time).
import { useMemo, useState, type ReactNode } from 'react';
import { HostError, type FileFilter, type HostClient, type RecoveryCopy } from '../../../shared/common/ipc';
import type { Translate } from '../i18n';
import { ConfirmReplaceDialog, MessageDialog, RecoveryDialog, UnsavedChangesDialog, type UnsavedChoice } from './Dialogs';
import { FilePicker } from './FilePicker';

type Dialog =
  | { kind: 'unsaved'; title: string; resolve(choice: UnsavedChoice): void }
  | { kind: 'picker'; purpose: 'open' | 'save'; directory: string; name?: string; filter?: FileFilter; resolve(path: string | null): void }
  | { kind: 'replace'; name: string; resolve(replace: boolean): void }
  | { kind: 'message'; title: string; message: string }
  | { kind: 'recovery'; copies: RecoveryCopy[]; resolve(restore: boolean): void };

export interface DialogApi {
  showMessage(title: string, message: string): void;
  /** A host error in the user's language, or "unexpected error" with the detail. */
  showError(error: unknown): void;
  askUnsaved(title: string): Promise<UnsavedChoice>;
  askReplace(name: string): Promise<boolean>;
  /** The page's own file picker (the browser host has no native dialogs). */
  pickWithPage(purpose: 'open' | 'save', directory: string, name?: string, filter?: FileFilter): Promise<string | null>;
  /** Offers the recovery copies found at start-up: true to restore them. */
  offerRecovery(copies: RecoveryCopy[]): Promise<boolean>;
}

export function useDialogs(client: HostClient, t: Translate): { dialogs: DialogApi; dialogElement: ReactNode } {
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const dialogs = useMemo<DialogApi>(
    () => ({
      showMessage: (title, message) => setDialog({ kind: 'message', title, message }),
      showError: (error) => {
        const message = error instanceof HostError ? t(error.messageKey, error.params) : t('error.unexpected', { detail: String(error) });
        setDialog({ kind: 'message', title: t('error.title'), message });
      },
      askUnsaved: (title) => new Promise((resolve) => setDialog({ kind: 'unsaved', title, resolve })),
      askReplace: (name) => new Promise((resolve) => setDialog({ kind: 'replace', name, resolve })),
      pickWithPage: (purpose, directory, name, filter) => new Promise((resolve) => setDialog({ kind: 'picker', purpose, directory, ...(name ? { name } : {}), ...(filter ? { filter } : {}), resolve })),
      offerRecovery: (copies) => new Promise((resolve) => setDialog({ kind: 'recovery', copies, resolve })),
    }),
    [t],
  );

  /** Closes the dialog, then hands the answer over. */
  function answer<T>(resolve: (value: T) => void, value: T) {
    setDialog(null);
    resolve(value);
  }

  let dialogElement: ReactNode = null;
  if (dialog?.kind === 'unsaved') dialogElement = <UnsavedChangesDialog title={dialog.title} onChoose={(choice) => answer(dialog.resolve, choice)} />;
  if (dialog?.kind === 'replace') dialogElement = <ConfirmReplaceDialog name={dialog.name} onChoose={(replace) => answer(dialog.resolve, replace)} />;
  if (dialog?.kind === 'message') dialogElement = <MessageDialog title={dialog.title} message={dialog.message} onClose={() => setDialog(null)} testId="message-dialog" />;
  if (dialog?.kind === 'recovery') dialogElement = <RecoveryDialog copies={dialog.copies} onChoose={(restore) => answer(dialog.resolve, restore)} />;
  if (dialog?.kind === 'picker') {
    dialogElement = (
      <FilePicker
        client={client}
        purpose={dialog.purpose}
        initialDirectory={dialog.directory}
        {...(dialog.name ? { initialName: dialog.name } : {})}
        {...(dialog.filter ? { filter: dialog.filter } : {})}
        onChoose={(path) => answer(dialog.resolve, path)}
        onCancel={() => answer(dialog.resolve, null)}
      />
    );
  }
  return { dialogs, dialogElement };
}
