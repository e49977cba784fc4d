// The one typed contract between the renderer and a host (Electron main process or
// `provstudio serve`). Every channel maps a request type to a response type. Both hosts bind
// the same implementation (shared/node/host.ts); the renderer only ever sees this file.
import type { Prediction, ProvisioningSource, SimPresence } from './semantic/dry-run';
import type { WebsiteSimulateRequest, WebsiteSimulation } from './website/simulation';
import type { LanguageSetting } from './i18n/index';
import type { LineEnding } from './text/line-endings';

/** How the bytes of a file are encoded on disk; kept so that saving writes the same encoding. */
/**
 * A file's encoding, kept when it is saved: UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM
 * or without one (recognised by `<?` in UTF-16), and Latin-1 when the XML declaration says so
 * (ISO-8859-1, Latin-1, US-ASCII, Windows-1252: their bytes are kept as they are).
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'utf-16le-nobom' | 'utf-16be-nobom' | 'latin1';

/** The line-ending convention found in a file. `mixed` files keep their first ending's style. */
export type { LineEnding };

export type ThemeSetting = 'system' | 'light' | 'dark';

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'browser';
  /** True when the host offers native open/save dialogs (Electron); the browser host does not. */
  nativeDialogs: boolean;
  platform: string;
  /** The folder a file picker starts in when nothing else is known. */
  homeDirectory: string;
}

export interface OpenedFile {
  path: string;
  text: string;
  encoding: TextEncodingName;
  lineEnding: LineEnding;
  /** SHA-256 of the bytes on disk when read, to detect changes made by another program. */
  diskSha256: string;
  sizeBytes: number;
}

export interface SaveFileRequest {
  path: string;
  text: string;
  encoding: TextEncodingName;
  /** When given, the save is refused if the file on disk no longer has this digest. */
  expectedDiskSha256?: string;
  /** Refuse to replace an existing file (Save As to a new name). */
  refuseOverwrite?: boolean;
}

export interface SavedFile {
  path: string;
  diskSha256: string;
  sizeBytes: number;
}

export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory';
  sizeBytes?: number;
}

export interface DirectoryListing {
  path: string;
  parent: string | null;
  entries: DirectoryEntry[];
}

export interface RecentFile {
  path: string;
  openedAt: string;
}

/** Unsaved text kept by the host so that edits survive a crash of the window or the machine. */
export interface RecoveryCopy {
  documentId: string;
  /** The file the edits belong to; null for a document that was never saved. */
  path: string | null;
  title: string;
  text: string;
  encoding: TextEncodingName;
  savedAt: string;
}

export interface Settings {
  theme: ThemeSetting;
  language: LanguageSetting;
  /** Minutes a key store stays unlocked without use (0: it locks after every operation). */
  keepUnlockedMinutes: number;
  /**
   * The app's trust list for signature checks: root certificates (PEM or DER files) the Signature
   * panel trusts besides the system's (e.g. a test root). Checks only: Windows trusts what the PC has.
   */
  trustedRootPaths: string[];
}

/** The most roots the trust list keeps. */
export const MAX_TRUSTED_ROOTS = 100;

/** The longest keep-unlocked time the setting and `serve --keep-unlocked` accept (4 digits). */
export const MAX_KEEP_UNLOCKED_MINUTES = 9999;

/** The kind of file a dialog asks for: its name in the user's language and its extensions (no dot). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface FileDialogRequest {
  /** Only these files are listed (XML files when absent). */
  filter?: FileFilter;
  purpose: 'open' | 'save';
  defaultPath?: string;
}

export interface FileDialogResult {
  /** null when the user cancelled. */
  path: string | null;
}

/** Where a signing key lives. Secrets (PFX passwords, token PINs) are never part of a request:
 * the host asks for them itself, outside the renderer. */
export type KeyStoreSelection =
  | { kind: 'pfx'; path: string }
  | { kind: 'pem'; keyPath: string; certificatePath: string }
  | { kind: 'pkcs11'; modulePath: string; tokenLabel?: string }
  | { kind: 'nss'; databaseDirectory: string }
  | { kind: 'windows'; location: 'CurrentUser' | 'LocalMachine' }
  | { kind: 'keychain' };

export type KeyStoreKind = KeyStoreSelection['kind'];

/** What this host can offer in the Sign dialog. */
export interface KeyStoreOffer {
  kinds: KeyStoreKind[];
  /** PKCS#11 modules found on this machine (SoftHSM, OpenSC, vendor drivers). */
  pkcs11Modules: string[];
  /** The user's NSS database (Linux OS store), when there is one. */
  nssDatabase: string | null;
  /**
   * Where the host asks for PINs and passwords: 'window', a window the host opens itself
   * (Electron); 'promptPage', a page of the host's own prompt server that the app opens as a
   * window (the browser host). Either way the secret never passes through the app's page.
   */
  secretPrompt: 'window' | 'promptPage';
  /** How long a store stays unlocked without use (0: it locks after every operation). */
  keepUnlockedMs: number;
}

/** An open PIN or password question of the host (never its answer). */
export interface SecretQuestion {
  id: string;
  kind: 'password' | 'pin';
  /** What the secret unlocks: a file name, a token label. */
  target: string;
  /** The prompt page to open as a window (browser host); null when the host shows its own window. */
  url: string | null;
}

/** A key store the host keeps unlocked (its opened key or token session; never the secret). */
export interface UnlockedStoreInfo {
  /** What signing.lock takes. */
  key: string;
  kind: KeyStoreKind;
  /** The file, module or database. */
  target: string;
  /** When it locks if unused (ms since the epoch). */
  locksAt: number;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Hex, upper case, as Windows shows it. */
  serial: string;
  /** SHA-1 of the DER, hex upper case: the "thumbprint" of the Windows certificate store. */
  thumbprintSha1: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Carries the Extended Validation policy 2.23.140.1.1. */
  ev: boolean;
  /** "RSA 2048", "EC P-256", ... */
  keyType: string;
}

export interface SigningIdentity extends CertificateInfo {
  /** Stable within its store: what signing.sign takes. */
  id: string;
  /** The store's name for the certificate (PKCS#11 certificate CKA_LABEL, NSS nickname, PFX friendly name). */
  label?: string;
  /** PKCS#11: the certificate object's CKA_LABEL. */
  certificateLabel?: string;
  /** PKCS#11: the private key's CKA_LABEL (what --key-label matches). */
  keyLabel?: string;
  /** PKCS#11: the private key's CKA_ID in hex (what --key-id matches). */
  keyIdHex?: string;
}

export interface SignRequest {
  text: string;
  encoding: TextEncodingName;
  store: KeyStoreSelection;
  identityId: string;
  digest: 'sha256' | 'sha1';
  includeChain: boolean;
  /**
   * Sign even with a certificate Windows refuses (expired, not yet valid, no digitalSignature):
   * the user chose it explicitly after being told Windows answers 0x8217000D. Absent = false.
   */
  allowInvalidCertificate?: boolean;
}

export interface VerifyRequest {
  text: string;
  encoding: TextEncodingName;
  /** PEM or DER files of roots the user trusts (e.g. a test root). */
  trustedRootPaths: string[];
  useSystemRoots: boolean;
  /** Files delivered without mobile-broadband hardware (Wi-Fi providers) need an EV signer. */
  requireEv: boolean;
}

/** What Windows would answer about a file's signature, with the facts behind it. */
export interface SignatureReport {
  signed: boolean;
  accepted: boolean;
  /** e.g. 0x82170005; null when accepted. */
  hresult: string | null;
  code: string;
  messageKey: string;
  params: Record<string, string | number>;
  signer: CertificateInfo | null;
  chain: CertificateInfo[];
  chainTrusted: boolean;
  findings: { code: string; hresult: string | null; messageKey: string; params: Record<string, string | number> }[];
  consentRequired: boolean;
}

/** The first rows of a data file (CSV or JSON Lines) for the Data panel; values as read. */
export interface DataRows {
  path: string;
  columns: string[];
  rows: Array<{ row: number; line: number; values?: Record<string, unknown>; problem?: string }>;
  /** Rows in the whole file. */
  total: number;
}

/** A batch from the Data panel: the template as in the editor, its bindings (JSON), a data file, a folder. */
/** The manifest a batch writes in its output folder: choosing it is how the user chooses the folder. */
export const BATCH_MANIFEST_NAME = 'manifest.json';

export interface GenerateRequest {
  templateText: string;
  encoding: TextEncodingName;
  bindingsJson: string;
  dataPath: string;
  outputDirectory: string;
  nameTemplate?: string;
  language: 'en' | 'fr' | 'pt';
  /**
   * Sign each file with this identity (chosen in the Sign dialog), the way the Sign dialog signs:
   * the host opens the key once for the batch and asks for its PIN or password itself.
   */
  signing?: BatchSigningRequest;
}

export interface BatchSigningRequest {
  store: KeyStoreSelection;
  identityId: string;
  digest: 'sha256' | 'sha1';
  includeChain: boolean;
}

export interface GenerateStatus {
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  rate: number;
  remainingMs: number | null;
  counts: { valid: number; invalid: number; rejected: number; unchanged: number };
  /** When finished: the manifest, the first files written and the first bad rows. */
  manifestCsv?: string;
  files?: string[];
  problems?: Array<{ row: number; line: number; message: string }>;
  error?: string;
}

/** channel -> [request, response]. The only list of what the renderer may ask of a host. */
export interface HostContract {
  'app.info': [void, AppInfo];
  'file.read': [{ path: string }, OpenedFile];
  'file.save': [SaveFileRequest, SavedFile];
  'file.listDirectory': [{ path: string }, DirectoryListing];
  'dialog.chooseFile': [FileDialogRequest, FileDialogResult];
  /** Browser host only: the page's own file picker reports the save target the user chose there. */
  'dialog.confirmSaveTarget': [{ path: string }, void];
  'recent.list': [void, RecentFile[]];
  'recent.add': [{ path: string }, RecentFile[]];
  'recovery.write': [RecoveryCopy, void];
  'recovery.list': [void, RecoveryCopy[]];
  'recovery.discard': [{ documentId: string }, void];
  'settings.get': [void, Settings];
  'settings.update': [Partial<Settings>, Settings];
  'signing.keyStores': [void, KeyStoreOffer];
  'signing.listIdentities': [{ store: KeyStoreSelection }, SigningIdentity[]];
  'signing.sign': [SignRequest, { text: string }];
  'signing.verify': [VerifyRequest, SignatureReport];
  /** The subject and issuer names of the first certificate in a PEM or DER file (for TrustedCertificates). */
  'signing.certificateNames': [{ path: string }, { subjectName: string; issuerName: string }];
  /** The PIN and password questions open now (the Sign dialog shows them and opens their window). */
  'signing.secretQuestions': [void, SecretQuestion[]];
  /** Cancels an open question: the operation waiting for it fails with keystore.secretMissing. */
  'signing.cancelSecretQuestion': [{ id: string }, void];
  /** The stores kept unlocked now. */
  'signing.unlockedStores': [void, UnlockedStoreInfo[]];
  /** Locks one store (by key), or all of them. */
  'signing.lock': [{ key?: string }, void];
  /** What Windows will do with a file on a PC like this (shared/node/dry-run). */
  'semantic.dryRun': [DryRunRequest, Prediction];
  /** The landing page opened in Chromium as Windows would, with stand-ins for the hand-over (docs/website.md). */
  'website.simulate': [WebsiteSimulateRequest, WebsiteSimulation];
  /** The file's text at the last commit of its git work tree; null when it is not in one (or not committed). */
  'git.committedVersion': [{ path: string }, { text: string; commit: string } | null];
  /** One file per subscriber (docs/subscribers.md): rows of a data file, and batches with their progress. */
  'subscriber.readRows': [{ path: string; limit: number }, DataRows];
  'subscriber.generate': [GenerateRequest, { jobId: string }];
  'subscriber.status': [{ jobId: string }, GenerateStatus];
  'subscriber.cancel': [{ jobId: string }, void];
}

export interface DryRunRequest {
  text: string;
  encoding: TextEncodingName;
  source: ProvisioningSource;
  sim: SimPresence;
  wifi: boolean;
  mbn: boolean;
  /** The file last applied to the PC. */
  previousText?: string;
  /** PEM or DER files of certificates the PC trusts (roots, or signers it already knows). */
  trustedPaths: string[];
}

export type Channel = keyof HostContract;
export type RequestOf<C extends Channel> = HostContract[C][0];
export type ResponseOf<C extends Channel> = HostContract[C][1];

/** Every channel once: a channel of the contract missing here, or one here not in the contract, is a compile error. */
const CHANNEL_TABLE: { readonly [C in Channel]: true } = {
  'app.info': true,
  'file.read': true,
  'file.save': true,
  'file.listDirectory': true,
  'dialog.chooseFile': true,
  'dialog.confirmSaveTarget': true,
  'recent.list': true,
  'recent.add': true,
  'recovery.write': true,
  'recovery.list': true,
  'recovery.discard': true,
  'settings.get': true,
  'settings.update': true,
  'signing.keyStores': true,
  'signing.listIdentities': true,
  'signing.sign': true,
  'signing.verify': true,
  'signing.certificateNames': true,
  'signing.secretQuestions': true,
  'signing.cancelSecretQuestion': true,
  'signing.unlockedStores': true,
  'signing.lock': true,
  'semantic.dryRun': true,
  'website.simulate': true,
  'git.committedVersion': true,
  'subscriber.readRows': true,
  'subscriber.generate': true,
  'subscriber.status': true,
  'subscriber.cancel': true,
};

/** The channel list, derived from the contract (through CHANNEL_TABLE). */
export const CHANNELS: readonly Channel[] = Object.keys(CHANNEL_TABLE) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** What a renderer holds: one function, whatever the host. */
export interface HostClient {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
}

/** What a host implements: one handler per request/response channel. */
export type HostHandlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

// ---------------------------------------------------------------------------------------------
// One-way messages, host -> renderer: no response, typed apart from the request/response contract.

/**
 * The app's commands (shared/common/commands/table.ts names and binds each): what a menu item
 * runs, in the browser host's menu bar and in Electron's native menu, which sends them here.
 */
export type MenuCommand =
  | 'file.new'
  | 'file.newFromTemplate'
  | 'view.tree'
  | 'file.open'
  | 'file.save'
  | 'file.saveAs'
  | 'file.close'
  | 'file.sign'
  | 'edit.undo'
  | 'edit.redo'
  | 'edit.selectAll'
  | 'edit.settings'
  | 'view.signature'
  | 'view.website'
  | 'view.themeSystem'
  | 'view.themeLight'
  | 'view.themeDark'
  | 'view.languageSystem'
  | 'view.languageEn'
  | 'view.languageFr'
  | 'view.languagePt'
  | 'help.about';

/** One-way event -> its payload. The host sends these; the renderer only listens. */
export interface HostEvents {
  /** A native menu item was chosen. */
  'menu.command': MenuCommand;
  /** The OS or a second launch asked to open a file (command line, file association, macOS open-file): open it in a tab. */
  'file.openRequested': { path: string };
}

export type HostEvent = keyof HostEvents;

const HOST_EVENT_TABLE: { readonly [E in HostEvent]: true } = { 'menu.command': true, 'file.openRequested': true };

/** The one-way event list, derived from HostEvents (a missing event is a compile error). */
export const HOST_EVENTS: readonly HostEvent[] = Object.keys(HOST_EVENT_TABLE) as HostEvent[];

export function isHostEvent(value: unknown): value is HostEvent {
  return typeof value === 'string' && (HOST_EVENTS as readonly string[]).includes(value);
}

/**
 * A failure a host reports. `messageKey` is an i18n key; `params` fill its placeholders.
 * Crosses the boundary as plain JSON, so the renderer shows it in the user's language.
 */
export interface HostErrorPayload {
  code: string;
  messageKey: string;
  params: Record<string, string | number>;
}

export class HostError extends Error {
  readonly code: string;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;

  constructor(code: string, messageKey: string, params: Record<string, string | number> = {}) {
    super(`${code}: ${messageKey} ${JSON.stringify(params)}`);
    this.name = 'HostError';
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
  }

  toPayload(): HostErrorPayload {
    return { code: this.code, messageKey: this.messageKey, params: this.params };
  }

  static fromPayload(payload: HostErrorPayload): HostError {
    return new HostError(payload.code, payload.messageKey, payload.params);
  }
}

export function isHostErrorPayload(value: unknown): value is HostErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as HostErrorPayload).code === 'string' &&
    typeof (value as HostErrorPayload).messageKey === 'string'
  );
}

/** Responses cross the Electron bridge and HTTP as an envelope, so errors keep their i18n key. */
export type InvokeEnvelope<T> = { ok: true; result: T } | { ok: false; error: HostErrorPayload };

/** IPC channel names used by electron/preload.ts and electron/main.ts: one for requests, one for the one-way events. */
export const ELECTRON_INVOKE_CHANNEL = 'provstudio:invoke';
export const ELECTRON_EVENT_CHANNEL = 'provstudio:event';
/** The PIN / password window's answer (electron/secret-prompt.ts); never sent to the app's renderer. */
export const ELECTRON_SECRET_CHANNEL = 'provstudio:secret';

/** What electron/preload.ts exposes to the page as `window.provstudio`, and nothing more. */
export interface ElectronBridge {
  invoke(channel: Channel, request: unknown): Promise<InvokeEnvelope<unknown>>;
  /** Listens to one one-way event; returns the function that stops listening. */
  on<E extends HostEvent>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
}
