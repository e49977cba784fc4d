// The subscriber channels of the host contract (the app's Data panel): the first rows of a data
// file, and batches run in the host with their progress polled by the page. A batch signs each
// file when the page names a signing identity (chosen in the Sign dialog): the batch signs with the
// host's unlocked store (withUnlockedSigner: the PIN or password is asked only if it is locked, and
// the store stays unlocked for the Sign dialog), or opens the store itself and asks once per batch.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { HostError, type DataRows, type GenerateRequest, type GenerateStatus, type KeyStoreSelection } from '../../common/ipc';
import { translate } from '../../common/i18n/index';
import { BindingsError, parseBindings, TemplateError } from '../../common/subscriber/index';
import { cachedSecret, type SecretProvider } from '../keystores/index';
import type { Signer } from '../signing/sign';
import { keyStoreChoiceFor, signingError } from '../signing-service';
import { BatchError, countRows, runBatch, type BatchSigning } from './batch';
import { describeProblem } from './produce';
import { DataFileError, readRows } from './rows';
import { readSchemaFiles } from './schemas';

interface Job {
  status: GenerateStatus;
  controller: AbortController;
}

const MAX_ROWS = 1000;

export interface SubscriberServiceOptions {
  askSecret: SecretProvider;
  /** Runs `action` with a signer of the host's unlocked store (signing-service.ts). */
  withUnlockedSigner?<T>(store: KeyStoreSelection, identityId: string, action: (signer: Signer) => Promise<T>): Promise<T>;
}

export function createSubscriberService(options: SubscriberServiceOptions) {
  const jobs = new Map<string, Job>();
  let schemaFiles: Record<string, string> | null = null;

  return {
    async readRows({ path: dataPath, limit }: { path: string; limit: number }): Promise<DataRows> {
      const rows: DataRows['rows'] = [];
      const columns = new Set<string>();
      try {
        for await (const record of readRows(dataPath)) {
          if (rows.length >= Math.min(limit, MAX_ROWS)) break;
          if ('problem' in record) rows.push({ row: record.row, line: record.line, problem: describeProblem(record.problem, 'en') });
          else {
            Object.keys(record.values).forEach((column) => columns.add(column));
            rows.push({ row: record.row, line: record.line, values: { ...record.values } });
          }
        }
        return { path: dataPath, columns: [...columns], rows, total: await countRows(dataPath) };
      } catch (error) {
        const detail = error instanceof DataFileError ? `line ${error.line}: ${error.reason}` : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
        throw new HostError('subscriber.data', 'subscriber.error.data', { file: path.basename(dataPath), detail });
      }
    },

    async generate(request: GenerateRequest): Promise<{ jobId: string }> {
      let bindings;
      try {
        bindings = parseBindings(request.bindingsJson);
      } catch (error) {
        if (error instanceof BindingsError) throw new HostError('subscriber.bindings', error.messageKey, error.params);
        throw error;
      }
      const schemas = (schemaFiles ??= readSchemaFiles());
      const signing: BatchSigning | undefined = request.signing && {
        choice: await keyStoreChoiceFor(request.signing.store),
        identityId: request.signing.identityId,
        secrets: cachedSecret(options.askSecret),
        options: { digest: request.signing.digest, includeChain: request.signing.includeChain },
      };
      const jobId = randomUUID();
      const job: Job = { controller: new AbortController(), status: { state: 'running', done: 0, total: null, rate: 0, remainingMs: null, counts: { valid: 0, invalid: 0, rejected: 0, unchanged: 0 } } };
      jobs.set(jobId, job);
      const withSigning = <T>(run: (batchSigning: BatchSigning | undefined) => Promise<T>): Promise<T> =>
        signing && request.signing && options.withUnlockedSigner
          ? options.withUnlockedSigner(request.signing.store, request.signing.identityId, (opened) => run({ choice: signing.choice, identityId: request.signing!.identityId, opened, options: signing.options }))
          : run(signing);
      void withSigning((batchSigning) => runBatch({
        templateText: request.templateText,
        encoding: request.encoding,
        bindings,
        dataPath: request.dataPath,
        outputDirectory: request.outputDirectory,
        ...(request.nameTemplate ? { nameTemplate: request.nameTemplate } : {}),
        language: request.language,
        schemaFiles: schemas,
        ...(batchSigning ? { signing: batchSigning } : {}),
        signal: job.controller.signal,
        onProgress: (progress) => {
          job.status = { ...job.status, done: progress.done, total: progress.total, rate: progress.rate, remainingMs: progress.remainingMs, counts: progress.counts };
        },
      })).then(
        (summary) => {
          job.status = {
            ...job.status,
            state: summary.interrupted ? 'cancelled' : 'done',
            done: summary.rows,
            counts: summary.counts,
            remainingMs: 0,
            manifestCsv: summary.manifestCsv,
            files: summary.firstFiles.map((file) => path.join(path.resolve(request.outputDirectory), file)),
            problems: summary.firstProblems.map((entry) => ({
              row: entry.row,
              line: entry.line,
              message: [...entry.problems.map((problem) => problem.message), ...entry.findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.code} ${finding.line}:${finding.column} ${finding.message}`)].join('; '),
            })),
          };
        },
        (error: unknown) => {
          const message =
            error instanceof TemplateError
              ? translate(request.language, error.messageKey, error.params)
              : error instanceof DataFileError
                ? `line ${error.line}: ${error.reason}`
                : error instanceof BatchError
                  ? error.message
                  : translate(request.language, signingError(error).messageKey as Parameters<typeof translate>[1], signingError(error).params);
          job.status = { ...job.status, state: 'failed', error: message };
        },
      );
      return { jobId };
    },

    async status({ jobId }: { jobId: string }): Promise<GenerateStatus> {
      const job = jobs.get(jobId);
      if (!job) throw new HostError('subscriber.noJob', 'subscriber.error.noJob');
      return job.status;
    },

    async cancel({ jobId }: { jobId: string }): Promise<void> {
      jobs.get(jobId)?.controller.abort();
    },
  };
}
