// The renderer's only way to reach a host: Electron's preload bridge when present, otherwise
// the browser host's HTTP API with this session's token.
import {
  HostError,
  type Channel,
  type ElectronBridge,
  type HostClient,
  type InvokeEnvelope,
  type RequestOf,
  type ResponseOf,
} from '../../../shared/common/ipc';

declare global {
  interface Window {
    provstudio?: ElectronBridge;
  }
}

const TOKEN_STORAGE_KEY = 'provstudio-token';
const TOKEN_HEADER = 'x-provstudio-token';

export interface HostConnection {
  client: HostClient;
  /** One-way host events: native-menu commands and files the OS asks to open (Electron only). */
  on: ElectronBridge['on'];
}

function unwrap<C extends Channel>(envelope: InvokeEnvelope<unknown>): ResponseOf<C> {
  if (envelope.ok) return envelope.result as ResponseOf<C>;
  throw HostError.fromPayload(envelope.error);
}

/** Takes the token from the address (then removes it from the address bar) or from this tab's storage. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

function httpConnection(): HostConnection {
  const token = takeToken();
  const client: HostClient = {
      async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
        let response: Response;
        try {
          response = await fetch(`/api/${channel}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
            body: JSON.stringify({ request: request ?? null }),
            // Sent even while the page unloads (the lock at the end of the session).
            keepalive: channel === 'signing.lock',
          });
        } catch {
          throw new HostError('host.unreachable', 'error.host.unreachable');
        }
        if (response.status === 401) throw new HostError('host.unauthorized', 'error.host.unauthorized');
        return unwrap<C>((await response.json()) as InvokeEnvelope<unknown>);
      },
  };
  // The page goes away (closed, reloaded, navigated): the host locks the key stores it unlocked.
  window.addEventListener('pagehide', () => void client.invoke('signing.lock', {}).catch(() => undefined));
  return { client, on: () => () => undefined };
}

function electronConnection(bridge: ElectronBridge): HostConnection {
  return {
    client: {
      async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
        return unwrap<C>(await bridge.invoke(channel, request));
      },
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}

export function connectToHost(): HostConnection {
  return window.provstudio ? electronConnection(window.provstudio) : httpConnection();
}
