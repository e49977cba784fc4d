// The one implementation of the contract in shared/common/ipc.ts. The Electron main process and
// `provstudio serve` both bind it; only the transport differs.
import os from 'node:os';
import path from 'node:path';
import {
  HostError,
  type AppInfo,
  BATCH_MANIFEST_NAME,
  type Channel,
  type HostHandlers,
  type KeyStoreOffer,
  type RecentFile,
  type RequestOf,
  type ResponseOf,
  type Settings,
  MAX_KEEP_UNLOCKED_MINUTES,
  MAX_TRUSTED_ROOTS,
} from '../common/ipc';
import { LANGUAGES } from '../common/i18n/core';
import { listDirectory, readDocument, saveDocument } from './files/documents';
import { JsonStore } from './files/json-store';
import { RecoveryStore, isValidDocumentId } from './files/recovery';
import { WriteScope } from './files/write-scope';
import type { SecretProvider } from './keystores/types';
import { DEFAULT_KEEP_UNLOCKED_MS } from './keystores/unlocked-stores';
import { SecretQuestions } from './secret-prompt/questions';
import { validateRequest } from './request-validation';
import { committedVersion, dryRunRequest } from './semantic-service';
import { createSigningService } from './signing-service';
import { createSubscriberService } from './subscriber/service';

export const MAX_RECENT_FILES = 12;

export interface HostOptions {
  /** Where settings, recent files and recovery copies live (per user). */
  dataDirectory: string;
  kind: AppInfo['host'];
  version: string;
  /** Electron supplies native dialogs; the browser host has none. */
  chooseFile?: HostHandlers['dialog.chooseFile'];
  /** Asks the user for a PIN or password outside the renderer (a window of the host, or its prompt page). */
  askSecret: SecretProvider;
  /** The questions askSecret has open (shared/node/secret-prompt/questions.ts); none when it asks elsewhere. */
  secretQuestions?: SecretQuestions;
  secretPrompt: KeyStoreOffer['secretPrompt'];
  /**
   * How long a key store stays unlocked without use, for this run (`serve --keep-unlocked`):
   * overrides the app's setting (keepUnlockedMinutes) until the user changes that setting.
   */
  keepUnlockedMs?: number;
}

const DEFAULT_SETTINGS: Settings = { theme: 'system', language: 'system', keepUnlockedMinutes: DEFAULT_KEEP_UNLOCKED_MS / 60_000, trustedRootPaths: [] };

function isKeepUnlockedMinutes(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_KEEP_UNLOCKED_MINUTES;
}

function sanitiseSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Settings>;
  return {
    theme: value.theme === 'light' || value.theme === 'dark' ? value.theme : 'system',
    language: value.language && (LANGUAGES as readonly string[]).includes(value.language) ? value.language : 'system',
    keepUnlockedMinutes: isKeepUnlockedMinutes(value.keepUnlockedMinutes) ? value.keepUnlockedMinutes : DEFAULT_SETTINGS.keepUnlockedMinutes,
    trustedRootPaths: Array.isArray(value.trustedRootPaths) ? value.trustedRootPaths.filter((entry): entry is string => typeof entry === 'string' && path.isAbsolute(entry)).slice(0, MAX_TRUSTED_ROOTS) : [],
  };
}

function sanitiseRecent(raw: unknown): RecentFile[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((entry): entry is RecentFile => typeof entry?.path === 'string' && typeof entry?.openedAt === 'string')
    .slice(0, MAX_RECENT_FILES);
}

export function defaultDataDirectory(): string {
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'Provisioning Studio');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Provisioning Studio');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'provisioning-studio');
}

export function createHostHandlers(options: HostOptions): HostHandlers {
  const settingsStore = new JsonStore<Settings>(path.join(options.dataDirectory, 'settings.json'), () => ({ ...DEFAULT_SETTINGS }), sanitiseSettings);
  const recentStore = new JsonStore<RecentFile[]>(path.join(options.dataDirectory, 'recent.json'), () => [], sanitiseRecent);
  const recovery = new RecoveryStore(path.join(options.dataDirectory, 'recovery'));
  const signing = createSigningService({
    askSecret: options.askSecret,
    secretPrompt: options.secretPrompt,
    questions: options.secretQuestions ?? new SecretQuestions(),
    ...(options.keepUnlockedMs !== undefined ? { keepUnlockedMs: options.keepUnlockedMs } : {}),
  });
  // The app's keep-unlocked setting applies unless this run was given its own time.
  const keepUnlockedApplied =
    options.keepUnlockedMs === undefined ? settingsStore.read().then((settings) => signing.setKeepUnlockedMs(settings.keepUnlockedMinutes * 60_000)) : Promise.resolve();
  // Saves go only to documents the user opened and targets the user chose in a save dialog.
  const writeScope = new WriteScope();
  // A batch signs with the store the Sign dialog unlocked (asked once per store, not per batch).
  const subscriber = createSubscriberService({ askSecret: options.askSecret, withUnlockedSigner: signing.withUnlockedSigner });

  return {
    'app.info': async () => ({
      name: 'Provisioning Studio',
      version: options.version,
      host: options.kind,
      nativeDialogs: options.chooseFile !== undefined,
      platform: process.platform,
      homeDirectory: os.homedir(),
    }),
    'file.read': async ({ path: filePath }) => {
      const opened = await readDocument(filePath);
      await writeScope.allow(filePath);
      return opened;
    },
    'file.save': async (request) => {
      const writeTo = await writeScope.resolveTarget(request.path);
      const saved = await saveDocument(request, writeTo);
      await writeScope.saved(request.path, writeTo);
      return saved;
    },
    'file.listDirectory': async ({ path: directory }) => listDirectory(directory),
    'dialog.chooseFile': async (request) => {
      if (!options.chooseFile) throw new HostError('dialog.unavailable', 'error.dialog.unavailable');
      const chosen = await options.chooseFile(request);
      if (chosen.path !== null) await writeScope.allow(chosen.path);
      return chosen;
    },
    // The browser host's picker is part of the page (which the token, Host and Origin checks
    // protect); with native dialogs, only the dialog itself can name a save target.
    'dialog.confirmSaveTarget': async ({ path: filePath }) => {
      if (options.chooseFile) throw new HostError('dialog.nativeOnly', 'error.dialog.nativeOnly');
      if (!path.isAbsolute(filePath)) throw new HostError('path.notAbsolute', 'error.path.notAbsolute', { path: filePath });
      await writeScope.allow(filePath);
    },
    'recent.list': async () => recentStore.read(),
    'recent.add': async ({ path: filePath }) => {
      const recent = (await recentStore.read()).filter((entry) => entry.path !== filePath);
      const updated = [{ path: filePath, openedAt: new Date().toISOString() }, ...recent].slice(0, MAX_RECENT_FILES);
      await recentStore.write(updated);
      return updated;
    },
    'recovery.write': async (copy) => {
      if (!isValidDocumentId(copy.documentId)) throw new HostError('request.invalid', 'error.request.invalid', { channel: 'recovery.write', detail: 'documentId' });
      // A recovery copy is restored to its path later: only a document's own path is accepted.
      if (copy.path !== null && !writeScope.has(copy.path)) throw new HostError('file.notChosen', 'error.file.notChosen', { path: copy.path });
      await recovery.write(copy);
    },
    'recovery.list': async () => {
      // Copies come from the private data folder: their documents may be saved where they were.
      const copies = await recovery.list();
      for (const copy of copies) if (copy.path !== null) await writeScope.allow(copy.path);
      return copies;
    },
    'recovery.discard': async ({ documentId }) => {
      if (!isValidDocumentId(documentId)) throw new HostError('request.invalid', 'error.request.invalid', { channel: 'recovery.discard', detail: 'documentId' });
      await recovery.discard(documentId);
    },
    'settings.get': async () => settingsStore.read(),
    'settings.update': async (update) => {
      const updated = { ...(await settingsStore.read()), ...update };
      await settingsStore.write(updated);
      if (update.keepUnlockedMinutes !== undefined) signing.setKeepUnlockedMs(update.keepUnlockedMinutes * 60_000);
      return updated;
    },
    'signing.keyStores': async () => (await keepUnlockedApplied, signing.keyStores()),
    'signing.listIdentities': async ({ store }) => (await keepUnlockedApplied, signing.listIdentities(store)),
    'signing.sign': async (request) => (await keepUnlockedApplied, signing.sign(request)),
    'signing.verify': async (request) => signing.verify(request),
    'signing.certificateNames': async ({ path: certificatePath }) => signing.certificateNames(certificatePath),
    'signing.secretQuestions': async () => signing.secretQuestions(),
    'signing.cancelSecretQuestion': async ({ id }) => signing.cancelSecretQuestion(id),
    'signing.unlockedStores': async () => signing.unlockedStores(),
    'signing.lock': async ({ key }) => signing.lock(key),
    'semantic.dryRun': async (request) => dryRunRequest(request),
    'website.simulate': async (request) => (await import('./website/service')).simulateRequest(request),
    'git.committedVersion': async ({ path: filePath }) => committedVersion(filePath),
    'subscriber.readRows': async (request) => subscriber.readRows(request),
    // A batch writes into a folder the user chose: its manifest is the save target they picked.
    'subscriber.generate': async (request) => {
      await writeScope.resolveTarget(path.join(request.outputDirectory, BATCH_MANIFEST_NAME));
      return subscriber.generate(request);
    },
    'subscriber.status': async (request) => subscriber.status(request),
    'subscriber.cancel': async (request) => subscriber.cancel(request),
  };
}

/**
 * Validates an untrusted request and runs its handler. Errors come back as HostError; anything
 * else is wrapped so that the caller always gets a translatable message.
 */
export async function dispatch<C extends Channel>(handlers: HostHandlers, channel: C, rawRequest: unknown): Promise<ResponseOf<C>> {
  const request: RequestOf<C> = validateRequest(channel, rawRequest);
  try {
    return await handlers[channel](request);
  } catch (error) {
    if (error instanceof HostError) throw error;
    throw new HostError('unexpected', 'error.unexpected', { detail: error instanceof Error ? error.message : String(error) });
  }
}
