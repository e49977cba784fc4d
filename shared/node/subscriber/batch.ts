// A batch: one file per data row, rendered, validated (XSD + lint), signed when asked, written
// atomically, across a pool of worker threads. Beside the files: manifest.csv and manifest.json
// (row, file, SHA-256, verdict, findings) and the resume journal. See docs/subscribers.md.
//
// - Bad rows (bad values, invalid files) are reported and the batch goes on, unless failFast.
// - A second run skips rows whose file exists with the same inputs (template, bindings, row,
//   signing identity): the journal keeps a hash of those inputs and of the file written.
// - Stopping (the signal) lets the files being written finish their rename, writes the
//   manifests and the journal, and returns: there is never a half-written file.
// - Signing: file keys (PFX, PEM) are opened once per worker with the secret given once; keys in
//   tokens or OS stores stay in the main thread's one session, and workers send it SignedInfo.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse';
import { translate, type Language } from '../../common/i18n/index';
import { BATCH_MANIFEST_NAME, type TextEncodingName } from '../../common/ipc';
import { BUNDLED_SCHEMA_MODEL } from '../../common/schema-model/bundled';
import { compileTemplate, secretFieldNames, type Bindings, type ProgressFigures, type Row } from '../../common/subscriber/index';
import { sha256Hex, syncDirectory } from '../files/atomic-write';
import { cachedSecret, chooseIdentity, oneShotSigner, openKeyStore, type KeyStoreChoice, type SecretProvider } from '../keystores/index';
import { thumbprintSha1 } from '../signing/certificates';
import { checkSignerCertificate, type Signer, type SignOptions } from '../signing/sign';
import { describeProblem, type FileFinding } from './produce';
import type { MainToWorker, RowResult, RowTask, SecretAnswer, WorkerSetup, WorkerSigning, WorkerToMain } from './protocol';
import { dataFormatOf, readRows, type DataFormat } from './rows';

export type ManifestVerdict = 'valid' | 'invalid' | 'rejected' | 'unchanged';

export interface ManifestEntry {
  row: number;
  line: number;
  /** The output's name in the output folder (null when the row gave no usable name). */
  file: string | null;
  sha256: string | null;
  verdict: ManifestVerdict;
  problems: Array<{ column: string; message: string }>;
  findings: FileFinding[];
}

export interface BatchProgress extends ProgressFigures {
  counts: Record<ManifestVerdict, number>;
  elapsedMs: number;
}

export interface BatchSigning {
  choice: KeyStoreChoice;
  /** The identity chosen in the app's Sign dialog; otherwise the one the choice's options point at. */
  identityId?: string;
  /** Where the store's PIN or password comes from when the batch opens the store itself. */
  secrets?: SecretProvider;
  /**
   * A signer of a store the caller keeps open (the app host's unlocked store): every signature is
   * relayed to it, nothing is asked, and the batch does not close it.
   */
  opened?: Signer;
  options: SignOptions;
}

export interface BatchOptions {
  templateText: string;
  encoding: TextEncodingName;
  bindings: Bindings;
  dataPath: string;
  dataFormat?: DataFormat;
  outputDirectory: string;
  /** Output file names: `{Field}` (any column) and `{row}`; default `{SubscriberId}.xml` when there is such a field, else `row-{row}.xml`. */
  nameTemplate?: string;
  jobs?: number;
  failFast?: boolean;
  lint?: boolean;
  language: Language;
  /** The XSDs by file name (the driver schema imports its siblings by name). */
  schemaFiles: Record<string, string>;
  signing?: BatchSigning;
  /** Stops the batch cleanly (Ctrl-C, Cancel in the app). */
  signal?: AbortSignal;
  onProgress?(progress: BatchProgress): void;
  /** Only for tests and the bench: where the worker bundle is. */
  workerScript?: string;
}

export interface BatchSummary {
  counts: Record<ManifestVerdict, number>;
  rows: number;
  interrupted: boolean;
  failedFast: boolean;
  elapsedMs: number;
  manifestJson: string;
  manifestCsv: string;
  /** The first few bad rows, for a terminal or the app (the manifest has them all). */
  firstProblems: ManifestEntry[];
  /** The names of the first few files written (or unchanged), in the order they finished. */
  firstFiles: string[];
}

/** A problem with the batch as a whole (not one row): already in words, in the batch's language. */
export class BatchError extends Error {}

export const JOURNAL_NAME = '.provstudio-generate.jsonl';
export const MANIFEST_JSON = BATCH_MANIFEST_NAME;
export const MANIFEST_CSV = 'manifest.csv';

interface JournalEntry {
  file: string;
  inputs: string;
  sha256: string;
}

/** Where the worker bundle is: beside this bundle (dist/cli, dist/electron), or dist/cli from the sources. */
export function defaultWorkerScript(): string {
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'generate-worker.mjs'), path.resolve(here, '../../../dist/cli/generate-worker.mjs')];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}

/** Counts the data rows (streaming) so progress can show the time left. */
export async function countRows(dataPath: string, format: DataFormat = dataFormatOf(dataPath)): Promise<number> {
  if (format === 'jsonl') {
    let count = 0;
    for await (const line of createInterface({ input: createReadStream(dataPath, { encoding: 'utf8' }), crlfDelay: Infinity })) if (line.trim() !== '') count++;
    return count;
  }
  let records = 0;
  const parser = createReadStream(dataPath).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, delimiter: [',', ';'] }));
  for await (const record of parser) {
    void record;
    records++;
  }
  return Math.max(0, records - 1);
}

const NAME_PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

function defaultNameTemplate(bindings: Bindings): string {
  return bindings.fields.some((field) => field.name === 'SubscriberId') ? '{SubscriberId}.xml' : 'row-{row}.xml';
}

/** The file name for a row, or null when a value is missing or would leave the folder. */
function fileNameFor(nameTemplate: string, row: number, values: Row): string | null {
  let missing = false;
  const name = nameTemplate.replace(NAME_PLACEHOLDER, (_whole, key: string) => {
    if (key === 'row') return String(row);
    const value = values[key];
    if (value === undefined || value === null || value === '' || Array.isArray(value)) {
      missing = true;
      return '';
    }
    return String(value as string | number | boolean);
  });
  if (missing || name === '' || name.startsWith('.') || /[/\\\0-\x1f]/.test(name) || name === MANIFEST_JSON || name === MANIFEST_CSV) return null;
  return name;
}

function inputsHash(parts: { template: string; bindings: string; signing: string; lint: boolean; values: Row }): string {
  const sortedValues = Object.fromEntries(Object.entries(parts.values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(JSON.stringify([parts.template, parts.bindings, parts.signing, parts.lint, sortedValues])).digest('hex');
}

/** The resume index: the last entry per file of the journal, read line by line. */
async function readJournal(file: string): Promise<Map<string, JournalEntry>> {
  const journal = new Map<string, JournalEntry>();
  if (!existsSync(file)) return journal;
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (typeof entry.file === 'string' && typeof entry.inputs === 'string' && typeof entry.sha256 === 'string') journal.set(entry.file, { file: entry.file, inputs: entry.inputs, sha256: entry.sha256 });
    } catch {
      // A line cut by a killed run: that row is simply generated again.
    }
  }
  return journal;
}

async function fileSha256(file: string): Promise<string | null> {
  try {
    return sha256Hex(await fs.readFile(file));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Manifests, written in row order as rows finish

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function findingsInWords(entry: ManifestEntry): string {
  return [...entry.problems.map((problem) => problem.message), ...entry.findings.map((finding) => `${finding.code} ${finding.line}:${finding.column} ${finding.message}`)].join('; ');
}

/** Manifest and journal text is written out in chunks of about this many characters. */
const FLUSH_CHARS = 16 * 1024;

class ManifestWriter {
  private readonly pending = new Map<number, ManifestEntry>();
  private next = 1;
  private jsonHandle!: fs.FileHandle;
  private csvHandle!: fs.FileHandle;
  private first = true;
  private buffered = { json: '', csv: '' };
  private writing: Promise<void> = Promise.resolve();
  private readonly jsonTemporary: string;
  private readonly csvTemporary: string;

  constructor(private readonly directory: string) {
    const suffix = `${process.pid}.tmp`;
    this.jsonTemporary = path.join(directory, `.${MANIFEST_JSON}.${suffix}`);
    this.csvTemporary = path.join(directory, `.${MANIFEST_CSV}.${suffix}`);
  }

  async open(): Promise<void> {
    this.jsonHandle = await fs.open(this.jsonTemporary, 'w');
    this.csvHandle = await fs.open(this.csvTemporary, 'w');
    this.buffered.json = '[\n';
    this.buffered.csv = 'row,line,file,sha256,verdict,findings\r\n';
  }

  /** Rows come back out of order; they are written in order. Rows never seen (skipped) are passed over by `skipTo`. */
  async add(entry: ManifestEntry): Promise<void> {
    this.pending.set(entry.row, entry);
    while (this.pending.has(this.next)) {
      const ready = this.pending.get(this.next)!;
      this.pending.delete(this.next);
      this.next++;
      this.buffered.json += (this.first ? '' : ',\n') + JSON.stringify(ready);
      this.first = false;
      this.buffered.csv += [ready.row, ready.line, ready.file, ready.sha256, ready.verdict, findingsInWords(ready)].map(csvCell).join(',') + '\r\n';
    }
    if (this.buffered.json.length > FLUSH_CHARS) await this.flush();
  }

  /** Takes the buffered text at once and queues its writes, so rows finishing meanwhile are neither lost nor written twice. */
  private flush(): Promise<void> {
    const { json, csv } = this.buffered;
    this.buffered = { json: '', csv: '' };
    this.writing = this.writing.then(async () => {
      await this.jsonHandle.write(json);
      await this.csvHandle.write(csv);
    });
    return this.writing;
  }

  async close(): Promise<{ json: string; csv: string }> {
    // Rows still pending (after an interruption some earlier rows never finished) go out in order.
    for (const row of [...this.pending.keys()].sort((a, b) => a - b)) {
      this.next = row;
      await this.add(this.pending.get(row)!);
    }
    this.buffered.json += '\n]\n';
    await this.flush();
    await this.jsonHandle.close();
    await this.csvHandle.close();
    const json = path.join(this.directory, MANIFEST_JSON);
    const csv = path.join(this.directory, MANIFEST_CSV);
    await fs.rename(this.jsonTemporary, json);
    await fs.rename(this.csvTemporary, csv);
    return { json, csv };
  }

  async discard(): Promise<void> {
    await this.jsonHandle?.close().catch(() => undefined);
    await this.csvHandle?.close().catch(() => undefined);
    await fs.unlink(this.jsonTemporary).catch(() => undefined);
    await fs.unlink(this.csvTemporary).catch(() => undefined);
  }
}

/**
 * The journal, written as rows finish, in chunks, so nothing of it is held for the whole run:
 * - the files written by this run are appended to the journal in place, so even a killed run
 *   leaves what it wrote resumable (the last entry of a file wins when it is read);
 * - every file this run keeps (written or unchanged) goes to the next journal, which replaces the
 *   old one when the run completes, so entries of rows no longer in the data do not pile up.
 *   A run that stops early keeps the old journal with its appended entries instead.
 */
class JournalWriter {
  private appended = '';
  private next = '';
  private writing: Promise<void> = Promise.resolve();
  private readonly nextPath: string;

  private constructor(
    private readonly journalPath: string,
    private readonly current: fs.FileHandle,
    private readonly upcoming: fs.FileHandle,
    nextPath: string,
  ) {
    this.nextPath = nextPath;
  }

  static async open(journalPath: string): Promise<JournalWriter> {
    const nextPath = `${path.join(path.dirname(journalPath), '.' + path.basename(journalPath))}.${process.pid}.tmp`;
    const current = await fs.open(journalPath, 'a');
    try {
      return new JournalWriter(journalPath, current, await fs.open(nextPath, 'w'), nextPath);
    } catch (error) {
      await current.close();
      throw error;
    }
  }

  /** `written`: this run wrote the file (else it was found unchanged). */
  add(entry: JournalEntry, written: boolean): Promise<void> {
    const line = JSON.stringify(entry) + '\n';
    if (written) this.appended += line;
    this.next += line;
    return this.next.length > FLUSH_CHARS ? this.flush() : this.writing;
  }

  private flush(): Promise<void> {
    const { appended, next } = this;
    this.appended = '';
    this.next = '';
    this.writing = this.writing.then(async () => {
      if (appended) await this.current.write(appended);
      if (next) await this.upcoming.write(next);
    });
    return this.writing;
  }

  /** `complete`: every row of the data was seen, so the next journal replaces the old one. */
  async close(complete: boolean): Promise<void> {
    await this.flush();
    await this.current.close();
    await this.upcoming.close();
    if (complete) await fs.rename(this.nextPath, this.journalPath);
    else await fs.unlink(this.nextPath);
  }

  /** After a failure: what this run wrote stays resumable; the next journal is dropped. */
  async discard(): Promise<void> {
    await this.flush().catch(() => undefined);
    await this.current.close().catch(() => undefined);
    await this.upcoming.close().catch(() => undefined);
    await fs.unlink(this.nextPath).catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Signing: asked once, in the main thread

interface OpenedSigning {
  worker: WorkerSigning;
  /** The main thread's signer: used for relayed signatures, closed at the end. */
  signer: Signer;
  /** What identifies the key in the inputs hash. */
  identity: string;
}

function identityOf(signer: Signer, options: SignOptions): string {
  return `${thumbprintSha1(signer.certificates[0]!)}/${options.digest ?? 'sha256'}/${options.includeChain ? 'chain' : 'leaf'}`;
}

async function openSigning(signing: BatchSigning): Promise<OpenedSigning> {
  if (signing.opened) {
    // A certificate Windows refuses stops the batch before the first row, not at every row.
    checkSignerCertificate(signing.opened, signing.options);
    const { close: _keptOpen, ...signer } = signing.opened;
    return { worker: { mode: 'relay', certificates: signer.certificates, options: signing.options }, signer, identity: identityOf(signer, signing.options) };
  }
  const secrets = signing.secrets ?? (async () => null);
  const answers: SecretAnswer[] = [];
  const recording: SecretProvider = cachedSecret(async (request) => {
    const secret = await secrets(request);
    answers.push({ request, secret });
    return secret;
  });
  const store = openKeyStore(signing.choice, recording);
  let identityId: string;
  try {
    identityId = signing.identityId ?? (await chooseIdentity(store, signing.choice));
  } catch (error) {
    await store.close?.();
    throw error;
  }
  // Closing this signer (at the end of the batch) locks the store again.
  const signer = await oneShotSigner(store, identityId, recording);
  // A certificate Windows refuses stops the batch before the first row, not at every row.
  try {
    checkSignerCertificate(signer, signing.options);
  } catch (error) {
    await signer.close?.();
    throw error;
  }
  const identity = identityOf(signer, signing.options);
  const local = signing.choice.kind === 'pfx' || signing.choice.kind === 'pem';
  const worker: WorkerSigning = local
    ? { mode: 'local', choice: signing.choice, identityId, secrets: answers, options: signing.options }
    : { mode: 'relay', certificates: signer.certificates, options: signing.options };
  return { worker, signer, identity };
}

// ---------------------------------------------------------------------------------------------
// The pool

/**
 * Heap limits of a batch worker. V8 lets a busy heap grow well past what it holds before it
 * collects, so a long batch's peak memory kept climbing with its length (1,000 rows 240 MB, 10,000
 * rows 314 MB, 2 workers). Capped, it collects sooner: measured 172 MB and 208 MB. The old
 * generation's cap follows the template's size (a row holds a few copies of the file and its
 * parse), with room to spare: a worker that runs out of memory fails the batch, with the reason.
 */
export function workerResourceLimits(templateChars: number): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  const templateMb = templateChars / (1024 * 1024);
  return { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: Math.max(96, Math.ceil(64 + 40 * templateMb)) };
}

class WorkerPool {
  private readonly workers: Array<{ worker: Worker; load: number }> = [];
  private readonly waiting = new Map<number, (result: RowResult) => void>();
  private signQueue: Promise<unknown> = Promise.resolve();
  private failure: Error | null = null;

  private constructor(private readonly relaySigner: Signer | null) {}

  static async start(script: string, count: number, setup: WorkerSetup, relaySigner: Signer | null): Promise<WorkerPool> {
    const pool = new WorkerPool(relaySigner);
    await Promise.all(Array.from({ length: count }, () => pool.spawn(script, setup)));
    return pool;
  }

  private spawn(script: string, setup: WorkerSetup): Promise<void> {
    const worker = new Worker(script, { resourceLimits: workerResourceLimits(setup.templateText.length) });
    const slot = { worker, load: 0 };
    this.workers.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerToMain) => {
        switch (message.type) {
          case 'ready':
            resolve();
            return;
          case 'setupFailed':
            reject(new BatchError(message.message));
            return;
          case 'result': {
            slot.load--;
            const done = this.waiting.get(message.result.id);
            this.waiting.delete(message.result.id);
            done?.(message.result);
            return;
          }
          case 'sign':
            this.relaySignature(worker, message.requestId, message.data, message.algorithm);
            return;
        }
      });
      worker.on('error', (error) => {
        this.failure = error;
        reject(error);
        for (const [id, done] of this.waiting) done({ id, verdict: 'rejected', sha256: null, problems: [], findings: [], fatal: error.message });
        this.waiting.clear();
      });
      worker.postMessage({ type: 'setup', setup } satisfies MainToWorker);
    });
  }

  /** Tokens serialise: one signature at a time through the main thread's session. */
  private relaySignature(worker: Worker, requestId: number, data: Uint8Array, algorithm: Parameters<Signer['sign']>[1]): void {
    const signer = this.relaySigner;
    this.signQueue = this.signQueue.then(async () => {
      try {
        if (!signer) throw new Error('no signer');
        const signature = await signer.sign(data, algorithm);
        worker.postMessage({ type: 'signed', requestId, signature } satisfies MainToWorker);
      } catch (error) {
        worker.postMessage({ type: 'signed', requestId, error: (error as Error).message } satisfies MainToWorker);
      }
    });
  }

  get inFlight(): number {
    return this.waiting.size;
  }

  run(task: RowTask): Promise<RowResult> {
    if (this.failure) return Promise.resolve({ id: task.id, verdict: 'rejected', sha256: null, problems: [], findings: [], fatal: this.failure.message });
    const slot = this.workers.reduce((least, candidate) => (candidate.load < least.load ? candidate : least));
    slot.load++;
    return new Promise<RowResult>((resolve) => {
      this.waiting.set(task.id, resolve);
      slot.worker.postMessage({ type: 'task', task } satisfies MainToWorker);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}

// ---------------------------------------------------------------------------------------------
// The batch

function emptyCounts(): Record<ManifestVerdict, number> {
  return { valid: 0, invalid: 0, rejected: 0, unchanged: 0 };
}

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(options.language, key, params);
  // The template and bindings are checked here first, so their errors come once, with the binding's name.
  const template = compileTemplate(BUNDLED_SCHEMA_MODEL, options.templateText, options.bindings);
  const secrets = secretFieldNames(template);
  const nameTemplate = options.nameTemplate ?? defaultNameTemplate(options.bindings);
  for (const match of nameTemplate.matchAll(NAME_PLACEHOLDER)) {
    if (secrets.has(match[1]!)) throw new BatchError(t('generate.error.secretInName', { field: match[1]! }));
  }
  const outputDirectory = path.resolve(options.outputDirectory);
  await fs.mkdir(outputDirectory, { recursive: true });
  const journalPath = path.join(outputDirectory, JOURNAL_NAME);
  const previous = await readJournal(journalPath);

  const signing = options.signing ? await openSigning(options.signing) : null;
  const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), 64));
  const setup: WorkerSetup = {
    templateText: options.templateText,
    encoding: options.encoding,
    bindings: options.bindings,
    schemaFiles: options.schemaFiles,
    lint: options.lint ?? true,
    language: options.language,
    signing: signing?.worker ?? null,
  };
  const signingKey = signing?.identity ?? 'unsigned';
  const templateHash = sha256Hex(new TextEncoder().encode(options.templateText));
  const bindingsHash = sha256Hex(new TextEncoder().encode(JSON.stringify(options.bindings)));

  let pool: WorkerPool | null = null;
  const manifest = new ManifestWriter(outputDirectory);
  const journal = await JournalWriter.open(journalPath);
  const names = new Set<string>();
  const counts = emptyCounts();
  const firstProblems: ManifestEntry[] = [];
  const firstFiles: string[] = [];
  let done = 0;
  let total: number | null = null;
  let interrupted = false;
  let failedFast = false;
  let fatal: string | null = null;
  const inFlight = new Set<Promise<void>>();

  void countRows(options.dataPath, options.dataFormat).then(
    (count) => (total = count),
    () => undefined,
  );
  let lastProgress = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastProgress < 100)) return;
    lastProgress = now;
    const elapsedMs = now - started;
    const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
    const remainingMs = total !== null && rate > 0 ? (Math.max(0, total - done) / rate) * 1000 : null;
    options.onProgress({ done, total, counts: { ...counts }, elapsedMs, rate, remainingMs });
  };

  const finish = async (entry: ManifestEntry, journalEntry?: JournalEntry) => {
    counts[entry.verdict]++;
    done++;
    if ((entry.verdict === 'invalid' || entry.verdict === 'rejected') && firstProblems.length < 20) firstProblems.push(entry);
    if ((entry.verdict === 'valid' || entry.verdict === 'unchanged') && entry.file && firstFiles.length < 20) firstFiles.push(entry.file);
    if (journalEntry) await journal.add(journalEntry, entry.verdict === 'valid');
    if (options.failFast && (entry.verdict === 'invalid' || entry.verdict === 'rejected')) failedFast = true;
    await manifest.add(entry);
    report();
  };

  try {
    await manifest.open();
    pool = await WorkerPool.start(options.workerScript ?? defaultWorkerScript(), jobs, setup, signing?.worker.mode === 'relay' ? signing.signer : null);
    const stop = () => interrupted || failedFast || fatal !== null || options.signal?.aborted === true;
    for await (const record of readRows(options.dataPath, options.dataFormat)) {
      if (stop()) break;
      if ('problem' in record) {
        await finish({ row: record.row, line: record.line, file: null, sha256: null, verdict: 'rejected', problems: [{ column: record.problem.column, message: describeProblem(record.problem, options.language) }], findings: [] });
        continue;
      }
      const file = fileNameFor(nameTemplate, record.row, record.values);
      if (file === null || names.has(file)) {
        const messageKey = file === null ? 'generate.error.badFileName' : 'generate.error.duplicateFileName';
        await finish({ row: record.row, line: record.line, file, sha256: null, verdict: 'rejected', problems: [{ column: '', message: t(messageKey, { name: file ?? nameTemplate }) }], findings: [] });
        continue;
      }
      names.add(file);
      const inputs = inputsHash({ template: templateHash, bindings: bindingsHash, signing: signingKey, lint: setup.lint, values: record.values });
      const outputPath = path.join(outputDirectory, file);
      const earlier = previous.get(file);
      if (earlier && earlier.inputs === inputs && (await fileSha256(outputPath)) === earlier.sha256) {
        await finish({ row: record.row, line: record.line, file, sha256: earlier.sha256, verdict: 'unchanged', problems: [], findings: [] }, earlier);
        continue;
      }
      while (pool.inFlight >= jobs * 4) await Promise.race(inFlight);
      const { row, line } = record;
      const running: Promise<void> = pool.run({ id: row, values: record.values, outputPath }).then(async (result) => {
        inFlight.delete(running);
        if (result.fatal) {
          fatal ??= result.fatal;
          return;
        }
        const entry: ManifestEntry = { row, line, file: result.verdict === 'valid' ? file : null, sha256: result.sha256, verdict: result.verdict, problems: result.problems, findings: result.findings };
        await finish(entry, result.verdict === 'valid' && result.sha256 ? { file, inputs, sha256: result.sha256 } : undefined);
      });
      inFlight.add(running);
    }
    interrupted = options.signal?.aborted === true;
    await Promise.all(inFlight);
    if (fatal !== null) throw new BatchError(t('generate.error.fatal', { detail: fatal }));
  } catch (error) {
    await Promise.all(inFlight);
    await manifest.discard();
    await journal.discard();
    await pool?.close();
    await signing?.signer.close?.();
    throw error;
  }
  await pool.close();
  await signing?.signer.close?.();
  await journal.close(!interrupted && !failedFast);
  const written = await manifest.close();
  await syncDirectory(outputDirectory);
  // Every row was read: the total is known even if the counting pass has not said it yet.
  if (!interrupted && !failedFast) total = done;
  report(true);
  return { counts, rows: done, interrupted, failedFast, elapsedMs: performance.now() - started, manifestJson: written.json, manifestCsv: written.csv, firstProblems, firstFiles };
}
