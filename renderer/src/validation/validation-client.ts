// Main-thread side of validation: debounced requests to the worker, latest wins. Each call to
// `request(text)` supersedes the previous one; an answer to anything but the newest request is
// dropped, so the problems panel never shows diagnostics for text that is no longer there.
import type { ValidationResponse } from './validation-service';

export interface ValidationClientOptions {
  /** Called with the answer to the newest request only. */
  onResult(response: ValidationResponse): void;
  /** Quiet time after the last keystroke before validating (default 250 ms). */
  debounceMs?: number;
  /** Run lint rules too (default true). */
  lint?: boolean;
  /** For tests: where the worker comes from. */
  createWorker?: () => Worker;
}

export function createValidationWorker(): Worker {
  return new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module', name: 'validation' });
}

export class ValidationClient {
  private readonly worker: Worker;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latestId = 0;
  private disposed = false;

  constructor(private readonly options: ValidationClientOptions) {
    this.worker = (options.createWorker ?? createValidationWorker)();
    this.worker.onmessage = (event: MessageEvent<ValidationResponse>) => {
      if (this.disposed || event.data.id !== this.latestId) return;
      this.options.onResult(event.data);
    };
  }

  /** Schedules validation of `text`; replaces any request not yet sent or not yet answered. */
  request(text: string): void {
    if (this.disposed) return;
    const id = ++this.latestId;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (id === this.latestId) this.worker.postMessage({ id, text, lint: this.options.lint !== false });
    }, this.options.debounceMs ?? 250);
  }

  /** Validates now, skipping the debounce (e.g. on open or save). */
  requestNow(text: string): void {
    if (this.disposed) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const id = ++this.latestId;
    this.worker.postMessage({ id, text, lint: this.options.lint !== false });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.worker.terminate();
  }
}
