// Preload of the PIN / password window: one function, submit(value or null). The window is its
// own sandboxed page; what is typed goes to the main process only, never to the app's renderer.
import { contextBridge, ipcRenderer } from 'electron';
import { ELECTRON_SECRET_CHANNEL } from '../shared/common/ipc';

contextBridge.exposeInMainWorld('secretPrompt', {
  submit(value: string | null): void {
    ipcRenderer.send(ELECTRON_SECRET_CHANNEL, typeof value === 'string' ? value : null);
  },
});
