// Key stores kept unlocked between operations, as gpg-agent keeps a key: once a secret has opened
// a store, the opened store (its decrypted key object, its logged-in token session) serves the
// next operations without asking again. It is locked after a time without use, on request, and
// when the host's session ends. What is kept is the opened store, never the secret that opened it.
import type { KeyStoreChoice } from './index';
import type { KeyStore, SecretProvider } from './types';

export const DEFAULT_KEEP_UNLOCKED_MS = 5 * 60_000;

export interface UnlockedStoresOptions {
  /** Locks a store this long after its last use; 0 locks it after every operation. */
  idleMs: number;
  open(choice: KeyStoreChoice, secrets: SecretProvider): KeyStore;
}

/** An unlocked store, as the Sign dialog and the Signature panel show it. */
export interface UnlockedStore {
  /** Stable for the same store choice: what signing.lock takes. */
  key: string;
  kind: KeyStoreChoice['kind'];
  /** The file, module or database the store is. */
  target: string;
  /** When it locks if unused (ms since the epoch). */
  locksAt: number;
}

interface Entry {
  store: KeyStore;
  choice: KeyStoreChoice;
  /** The running operation's way to ask; null between operations, so nothing can ask then. */
  secrets: SecretProvider | null;
  /** True once an operation succeeded: the store is open. */
  opened: boolean;
  locksAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/** One key per store: the choice's fields in a fixed order. */
export function storeKey(choice: KeyStoreChoice): string {
  return JSON.stringify(Object.entries(choice).sort(([a], [b]) => a.localeCompare(b)));
}

function targetOf(choice: KeyStoreChoice): string {
  switch (choice.kind) {
    case 'pfx':
      return choice.path;
    case 'pem':
      return choice.keyPath;
    case 'pkcs11':
      return choice.tokenLabel ? `${choice.modulePath} (${choice.tokenLabel})` : choice.modulePath;
    case 'nss':
      return choice.databaseDirectory ?? '';
    case 'windows':
      return choice.location;
    case 'keychain':
      return choice.identityName ?? '';
  }
}

/** A native module loaded twice shares its state: one store per module at a time. */
function moduleOf(choice: KeyStoreChoice): string | null {
  if (choice.kind === 'pkcs11') return `pkcs11:${choice.modulePath}`;
  if (choice.kind === 'nss') return 'nss';
  return null;
}

export class UnlockedStores {
  private readonly entries = new Map<string, Entry>();
  /** Operations and locks on one store run one after the other. */
  private readonly queues = new Map<string, Promise<unknown>>();

  private readonly options: UnlockedStoresOptions;

  constructor(options: UnlockedStoresOptions) {
    this.options = { ...options };
  }

  private serialize<T>(key: string, action: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(action, action);
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  /**
   * Runs `action` on the store the choice names, opening it if it is locked (then `secrets` is
   * asked). A failure that `locksOnError` accepts (by default every failure) locks the store.
   */
  async use<T>(choice: KeyStoreChoice, secrets: SecretProvider, action: (store: KeyStore) => Promise<T>, locksOnError: (error: unknown) => boolean = () => true): Promise<T> {
    const key = storeKey(choice);
    const module = moduleOf(choice);
    if (module !== null) {
      const others = [...this.entries].filter(([otherKey, entry]) => otherKey !== key && moduleOf(entry.choice) === module).map(([otherKey]) => otherKey);
      await Promise.all(others.map((otherKey) => this.lock(otherKey)));
    }
    return this.serialize(key, async () => {
      let entry = this.entries.get(key);
      if (!entry) {
        const created: Entry = { store: null as unknown as KeyStore, choice, secrets: null, opened: false, locksAt: 0, timer: null };
        created.store = this.options.open(choice, (request) => (created.secrets ? created.secrets(request) : Promise.resolve(null)));
        entry = created;
        this.entries.set(key, entry);
      }
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      entry.secrets = secrets;
      try {
        const result = await action(entry.store);
        entry.opened = true;
        return result;
      } catch (error) {
        if (locksOnError(error) || !entry.opened) await this.closeEntry(key, entry);
        throw error;
      } finally {
        entry.secrets = null;
        if (this.entries.get(key) === entry) this.scheduleLock(key, entry);
      }
    });
  }

  /**
   * A new idle time (the app's setting changed): stores open now lock that long after now, or at
   * once for 0. An operation running keeps its store; the new time applies when it ends.
   */
  setIdleMs(idleMs: number): void {
    this.options.idleMs = idleMs;
    for (const [key, entry] of [...this.entries]) {
      if (!entry.opened || entry.secrets !== null || entry.timer === null) continue;
      clearTimeout(entry.timer);
      entry.timer = null;
      void this.serialize(key, async () => {
        if (this.entries.get(key) === entry && entry.timer === null && entry.secrets === null) this.scheduleLock(key, entry);
      });
    }
  }

  private scheduleLock(key: string, entry: Entry): void {
    if (this.options.idleMs <= 0) {
      void this.closeEntry(key, entry);
      return;
    }
    entry.locksAt = Date.now() + this.options.idleMs;
    entry.timer = setTimeout(() => void this.lock(key), this.options.idleMs);
    entry.timer.unref?.();
  }

  private async closeEntry(key: string, entry: Entry): Promise<void> {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (this.entries.get(key) === entry) this.entries.delete(key);
    await entry.store.close?.().catch(() => undefined);
  }

  /** Locks one store (by its key), or every store; waits for an operation running on it. */
  async lock(key?: string): Promise<void> {
    const keys = key === undefined ? [...this.entries.keys()] : [key];
    await Promise.all(
      keys.map((one) =>
        this.serialize(one, async () => {
          const entry = this.entries.get(one);
          if (entry) await this.closeEntry(one, entry);
        }),
      ),
    );
  }

  /** The stores open now. */
  list(): UnlockedStore[] {
    return [...this.entries]
      .filter(([, entry]) => entry.opened)
      .map(([key, entry]) => ({ key, kind: entry.choice.kind, target: targetOf(entry.choice), locksAt: entry.locksAt }));
  }
}
