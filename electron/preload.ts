// Runs sandboxed, with context isolation: exposes the typed contract and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, isChannel, isHostEvent, type Channel, type ElectronBridge, type HostEvents, type InvokeEnvelope } from '../shared/common/ipc';
import { HostEventBuffer } from './event-buffer';

const events = new HostEventBuffer();
ipcRenderer.on(ELECTRON_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (isHostEvent(name)) events.emit(name, payload as HostEvents[typeof name]);
});

const bridge: ElectronBridge = {
  invoke(channel: Channel, request: unknown): Promise<InvokeEnvelope<unknown>> {
    if (!isChannel(channel)) return Promise.reject(new Error(`unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(ELECTRON_INVOKE_CHANNEL, channel, request) as Promise<InvokeEnvelope<unknown>>;
  },
  on: (event, listener) => events.on(event, listener),
};

contextBridge.exposeInMainWorld('provstudio', bridge);
