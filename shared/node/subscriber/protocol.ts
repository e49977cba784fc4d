// Messages between a batch (main thread) and its workers (shared/node/subscriber/worker.ts).
// Secrets cross only inside this process (worker threads), never to disk, logs or argv.
import type { Language } from '../../common/i18n/index';
import type { TextEncodingName } from '../../common/ipc';
import type { Bindings, Row } from '../../common/subscriber/index';
import type { KeyStoreChoice, SecretRequest } from '../keystores/index';
import type { SignatureAlgorithm } from '../signing/profile';
import type { SignOptions } from '../signing/sign';
import type { FileFinding, Verdict } from './produce';

/** A secret the user gave once in the main thread, replayed to a worker opening the same file key. */
export interface SecretAnswer {
  request: SecretRequest;
  secret: string | null;
}

export type WorkerSigning =
  /** File keys (PFX, PEM): each worker opens the same file with the secrets already given. */
  | { mode: 'local'; choice: KeyStoreChoice; identityId: string; secrets: SecretAnswer[]; options: SignOptions }
  /** Token and OS-store keys: the worker asks the main thread, which holds the one session. */
  | { mode: 'relay'; certificates: Uint8Array[]; options: SignOptions };

export interface WorkerSetup {
  templateText: string;
  encoding: TextEncodingName;
  bindings: Bindings;
  schemaFiles: Record<string, string>;
  lint: boolean;
  language: Language;
  signing: WorkerSigning | null;
}

export interface RowTask {
  id: number;
  values: Row;
  /** Absolute path to write when the file is valid. */
  outputPath: string;
}

export interface RowResult {
  id: number;
  verdict: Verdict;
  sha256: string | null;
  /** Row problems in words (column + message), never quoting values. */
  problems: Array<{ column: string; message: string }>;
  findings: FileFinding[];
  /** Set when the task failed for a reason that concerns the whole batch (signing, writing). */
  fatal?: string;
}

export type MainToWorker =
  | { type: 'setup'; setup: WorkerSetup }
  | { type: 'task'; task: RowTask }
  | { type: 'signed'; requestId: number; signature?: Uint8Array; error?: string };

export type WorkerToMain =
  | { type: 'ready' }
  | { type: 'setupFailed'; message: string }
  | { type: 'result'; result: RowResult }
  | { type: 'sign'; requestId: number; data: Uint8Array; algorithm: SignatureAlgorithm };
