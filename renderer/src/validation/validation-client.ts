// Main-thread side of validation: debounced requests to the worker, latest wins. Each call to
// `request(text)` supersedes the previous one; an answer to anything but the newest request is
// dropped, so the problems panel never shows diagnostics for text that is no longer there.
// At most one request is in the worker at a time: a newer one waits (replacing any other waiting
// one) and goes as soon as the answer comes back, so the debounce can be short for ordinary
// files (markers follow a keystroke in well under 100 ms on 1 MB) without a backlog building up
// when someone types faster than the worker validates.
import type { ValidationResponse } from './validation-service';
import { DEFAULT_TARGET, type WindowsTarget } from '../../../shared/common/windows/targets';

export interface ValidationClientOptions {
  /** Called with the answer to the newest request only. */
  onResult(response: ValidationResponse): void;
  /** Quiet time after the last keystroke before validating (default: SMALL_TEXT_DEBOUNCE_MS up to SMALL_TEXT_CHARS, else 250 ms). */
  debounceMs?: number;
  /** Run lint rules too (default true). */
  lint?: boolean;
  /** For tests: where the worker comes from. */
  createWorker?: () => Worker;
}

/** Texts up to this size are validated almost at once (their validation takes tens of milliseconds). */
export const SMALL_TEXT_CHARS = 2 * 1024 * 1024;
export const SMALL_TEXT_DEBOUNCE_MS = 10;
const LARGE_TEXT_DEBOUNCE_MS = 250;

export function createValidationWorker(): Worker {
  return new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module', name: 'validation' });
}

export class ValidationClient {
  private readonly worker: Worker;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latestId = 0;
  private disposed = false;
  private inFlight = false;
  private waiting: { id: number; text: string } | null = null;
  /** The Windows version the document is checked for (the status bar's choice). */
  private target: WindowsTarget = DEFAULT_TARGET;

  constructor(private readonly options: ValidationClientOptions) {
    this.worker = (options.createWorker ?? createValidationWorker)();
    this.worker.onmessage = (event: MessageEvent<ValidationResponse>) => {
      this.inFlight = false;
      const next = this.waiting;
      this.waiting = null;
      if (next && next.id === this.latestId && !this.disposed) this.send(next.id, next.text);
      if (this.disposed || event.data.id !== this.latestId) return;
      this.options.onResult(event.data);
    };
  }

  /**
   * Schedules validation of the text `readText` returns; replaces any request not yet sent or not
   * yet answered. The text is read only when the debounce ends, so typing in a large file does not
   * copy the whole text on every keystroke. `length` (the text's length) picks the debounce.
   */
  request(readText: () => string, length: number): void {
    if (this.disposed) return;
    const id = ++this.latestId;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (id === this.latestId) this.send(id, readText());
    }, this.options.debounceMs ?? (length <= SMALL_TEXT_CHARS ? SMALL_TEXT_DEBOUNCE_MS : LARGE_TEXT_DEBOUNCE_MS));
  }

  /** Checks later requests against another Windows version's schemas (call requestNow to re-check). */
  setTarget(target: WindowsTarget): void {
    this.target = target;
  }

  /** Validates now, skipping the debounce (e.g. on open or save). */
  requestNow(text: string): void {
    if (this.disposed) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const id = ++this.latestId;
    this.send(id, text);
  }

  private send(id: number, text: string): void {
    if (this.inFlight) {
      this.waiting = { id, text };
      return;
    }
    this.inFlight = true;
    this.worker.postMessage({ id, text, lint: this.options.lint !== false, target: this.target });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.worker.terminate();
  }
}
