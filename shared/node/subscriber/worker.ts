// A batch worker thread (bundled as dist/cli/generate-worker.mjs): compiles the template and the
// schemas once, then renders, validates, signs and writes one row's file per task.
import { parentPort } from 'node:worker_threads';
import { ProvisioningValidator } from '../../common/validation/index';
import { BUNDLED_SCHEMA_MODEL } from '../../common/schema-model/bundled';
import { compileTemplate } from '../../common/subscriber/index';
import { sha256Hex, writeFileAtomic } from '../files/atomic-write';
import { openKeyStore, type SecretProvider } from '../keystores/index';
import type { Signer } from '../signing/sign';
import { describeProblem, produceFile, type Producer } from './produce';
import type { MainToWorker, RowResult, RowTask, WorkerSetup, WorkerSigning, WorkerToMain } from './protocol';
import { wasmXsdEngine } from '../../common/schema/libxml';

const port = parentPort!;
const send = (message: WorkerToMain, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let producer: Producer | null = null;
let nextRequest = 1;
const pendingSignatures = new Map<number, { resolve(signature: Uint8Array): void; reject(error: Error): void }>();

function replayedSecrets(signing: Extract<WorkerSigning, { mode: 'local' }>): SecretProvider {
  return async (request) => signing.secrets.find((answer) => answer.request.kind === request.kind && answer.request.target === request.target)?.secret ?? null;
}

async function signerFor(signing: WorkerSigning): Promise<Signer> {
  if (signing.mode === 'local') {
    const secrets = replayedSecrets(signing);
    return openKeyStore(signing.choice, secrets).signer(signing.identityId, secrets);
  }
  return {
    certificates: signing.certificates,
    sign(data, algorithm) {
      const requestId = nextRequest++;
      return new Promise<Uint8Array>((resolve, reject) => {
        pendingSignatures.set(requestId, { resolve, reject });
        send({ type: 'sign', requestId, data, algorithm });
      });
    },
  };
}

async function setUp(setup: WorkerSetup): Promise<void> {
  const signer = setup.signing ? await signerFor(setup.signing) : undefined;
  producer = {
    model: BUNDLED_SCHEMA_MODEL,
    template: compileTemplate(BUNDLED_SCHEMA_MODEL, setup.templateText, setup.bindings),
    encoding: setup.encoding,
    validator: ProvisioningValidator.create(wasmXsdEngine, setup.schemaFiles),
    lint: setup.lint,
    language: setup.language,
    ...(signer ? { signer } : {}),
    ...(setup.signing ? { signOptions: setup.signing.options } : {}),
  };
}

async function run(task: RowTask): Promise<RowResult> {
  const current = producer!;
  const base = { id: task.id, sha256: null };
  let produced;
  try {
    produced = await produceFile(current, task.values);
  } catch (error) {
    return { ...base, verdict: 'rejected', problems: [], findings: [], fatal: (error as Error).message };
  }
  const problems = produced.problems.map((problem) => ({ column: problem.column, message: describeProblem(problem, current.language) }));
  if (produced.verdict !== 'valid' || !produced.bytes) return { ...base, verdict: produced.verdict, problems, findings: produced.findings };
  try {
    // The batch resolved its folder once and checked the name; a link found at the name is replaced, not followed.
    await writeFileAtomic(task.outputPath, produced.bytes, { sync: false, alreadyResolved: true });
  } catch (error) {
    return { ...base, verdict: 'rejected', problems, findings: produced.findings, fatal: (error as Error).message };
  }
  return { id: task.id, verdict: 'valid', sha256: sha256Hex(produced.bytes), problems, findings: produced.findings };
}

port.on('message', (message: MainToWorker) => {
  switch (message.type) {
    case 'setup':
      setUp(message.setup).then(
        () => send({ type: 'ready' }),
        (error: unknown) => send({ type: 'setupFailed', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    case 'task':
      void run(message.task).then((result) => send({ type: 'result', result }));
      return;
    case 'signed': {
      const pending = pendingSignatures.get(message.requestId);
      pendingSignatures.delete(message.requestId);
      if (message.signature) pending?.resolve(message.signature);
      else pending?.reject(new Error(message.error ?? 'signing failed'));
      return;
    }
  }
});
