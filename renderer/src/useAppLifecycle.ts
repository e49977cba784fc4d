// The app's life around its window: what it loads at start-up (host info, settings, recent files,
// recovery copies), where commands come from (the native menu, the keyboard through the command
// table, a file handed over by the OS or a second launch), and the question asked when the page is
// left with unsaved edits.
import { useEffect, useRef } from 'react';
import type { AppInfo, Settings } from '../../shared/common/ipc';
import { commandForKey, type AppCommand } from '../../shared/common/commands/table';
import type { HostConnection } from './host/client';
import type { DialogApi } from './components/useDialogs';
import type { useDocuments } from './documents/useDocuments';

interface AppLifecycleOptions {
  connection: HostConnection;
  info: AppInfo | null;
  setInfo(info: AppInfo): void;
  setSettings(settings: Settings): void;
  docs: ReturnType<typeof useDocuments>;
  dialogs: DialogApi;
  runCommand(command: AppCommand): void;
}

export function useAppLifecycle({ connection, info, setInfo, setSettings, docs, dialogs, runCommand }: AppLifecycleOptions) {
  const client = connection.client;
  // Listeners registered once call the newest handlers.
  const runCommandRef = useRef(runCommand);
  runCommandRef.current = runCommand;
  const openPathRef = useRef(docs.openPath);
  openPathRef.current = docs.openPath;

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
        docs.setRecent(recentFiles);
        if (copies.length > 0) docs.restoreCopies(copies, await dialogs.offerRecovery(copies));
      } catch (error) {
        dialogs.showError(error);
      }
    })();
    const stopMenu = connection.on('menu.command', (command) => runCommandRef.current(command));
    // A file given on the command line, by a second launch or by the OS opens in a tab here.
    const stopOpen = connection.on('file.openRequested', ({ path }) => void openPathRef.current(path));
    return () => void (stopMenu(), stopOpen());
    // Runs once: the connection does not change during the page's life.
  }, []);

  // Keyboard shortcuts, from the command table (the native menu owns them in Electron).
  useEffect(() => {
    if (!info) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const inXmlEditor = event.target instanceof Element && event.target.closest('.monaco-editor') !== null;
      const command = commandForKey(event, { inXmlEditor, nativeMenu: info.host === 'electron' });
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
      if (docs.anyDirty()) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
