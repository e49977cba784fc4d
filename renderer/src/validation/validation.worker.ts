// Module worker: validates the document being edited off the main thread. It receives the whole
// text ({id, text, lint?, target?}: on open, save, a change of target, or when asked to resync)
// or the editor's edits ({kind: 'edit', id, changes, length}), and answers {id, diagnostics,
// valid, timings, kind} for the newest id. An edit inside a comment or one value is answered at
// once (see shared/common/validation/incremental.ts); the full validation runs once typing pauses and its
// answer replaces the quick one. That check runs in steps (libxml2's, the tree, each lint rule), one
// task each, so an edit arriving meanwhile is answered after the current step, not after the whole
// check (which it makes stale: it is dropped and runs again after the next pause). The XSDs are
// bundled as text by Vite; libxml2-wasm carries its WebAssembly inside its own module, so there is
// no separate .wasm file to locate.
import { createValidationSession, schemaFilesByName, type EditRequest, type ValidationRequest, type ValidationResponse } from './validation-service';

const schemaModules = import.meta.glob('../../../schemas/**/*.xsd', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const session = createValidationSession(schemaFilesByName(schemaModules));

/** Quiet time after an edit without a quick answer before validating (texts up to 2 M characters, then larger ones). */
const FULL_AFTER_EDIT_MS = 10;
const FULL_AFTER_EDIT_LARGE_MS = 250;
const LARGE_TEXT_CHARS = 2 * 1024 * 1024;
/** Quiet time after a quick answer before the full validation confirms it. */
const FULL_AFTER_QUICK_MS = 1000;

interface WorkerScope {
  onmessage: ((event: MessageEvent<ValidationRequest | EditRequest>) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;
let timer: ReturnType<typeof setTimeout> | undefined;

function failed(id: number, error: unknown): ValidationResponse {
  // Never leave the caller waiting: answer with no diagnostics and the reason on the console.
  console.error('validation failed', error);
  return { id, diagnostics: [], valid: false, timings: { parseMs: 0, schemaMs: 0, lintMs: 0, totalMs: 0, compileMs: 0 } };
}

/** The full check under way, one step per task: dropped when any message arrives (its text is gone or about to be). */
let running: Generator<void, ValidationResponse | null, void> | null = null;
/** Resumes the check after the tasks already queued (an edit that arrived meanwhile goes first); no timer clamping. */
const nextStep = new MessageChannel();

function validateLater(delayMs: number, id: number): void {
  clearTimeout(timer);
  running = null;
  timer = setTimeout(() => {
    timer = undefined;
    running = session.validatePendingSteps();
    step(id);
  }, delayMs);
}

function step(id: number): void {
  const job = running;
  if (!job) return;
  try {
    const next = job.next();
    if (!next.done) {
      nextStep.port1.onmessage = () => {
        if (running === job) step(id);
      };
      nextStep.port2.postMessage(null);
      return;
    }
    running = null;
    if (next.value) scope.postMessage(next.value);
  } catch (error) {
    running = null;
    scope.postMessage(failed(id, error));
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  // A check in steps was of the text before this message: drop it (validateLater starts another).
  running = null;
  try {
    if ('kind' in request && request.kind === 'edit') {
      const answer = session.edit(request);
      if (answer) scope.postMessage(answer);
      if (answer && 'resync' in answer) return;
      validateLater(answer ? FULL_AFTER_QUICK_MS : request.length > LARGE_TEXT_CHARS ? FULL_AFTER_EDIT_LARGE_MS : FULL_AFTER_EDIT_MS, request.id);
      return;
    }
    clearTimeout(timer);
    scope.postMessage(session.open(request as ValidationRequest));
  } catch (error) {
    scope.postMessage(failed(request.id, error));
  }
};
