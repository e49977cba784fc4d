// Runs sandboxed, with context isolation: exposes the typed contract and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  ELECTRON_INVOKE_CHANNEL,
  ELECTRON_MENU_CHANNEL,
  isChannel,
  type Channel,
  type ElectronBridge,
  type InvokeEnvelope,
  type MenuCommand,
} from '../shared/common/ipc';

const bridge: ElectronBridge = {
  invoke(channel: Channel, request: unknown): Promise<InvokeEnvelope<unknown>> {
    if (!isChannel(channel)) return Promise.reject(new Error(`unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(ELECTRON_INVOKE_CHANNEL, channel, request) as Promise<InvokeEnvelope<unknown>>;
  },
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(ELECTRON_MENU_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(ELECTRON_MENU_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('provstudio', bridge);
