// Main-thread side of validation. The worker keeps its own copy of the document's text: the whole
// text goes once (open, save, a change of Windows target), then only the editor's edits, as they
// happen (a keystroke in a 1 MB file sends a few bytes, and the main thread never reads the whole
// text to validate it). The worker answers edits inside a comment or one value at once and validates in full
// once typing pauses (see validation.worker.ts). Only the answer for the newest request reaches
// `onResult`, so the problems panel never shows diagnostics for text that is no longer there.
import type { EditRequest, ResyncResponse, ValidationRequest, ValidationResponse } from './validation-service';
import type { TextChange } from '../../../shared/common/validation/incremental';
import { DEFAULT_TARGET, type WindowsTarget } from '../../../shared/common/windows/targets';

export interface ValidationClientOptions {
  /** Called with the answers for the newest request only (a quick answer may be followed by the full one). */
  onResult(response: ValidationResponse): void;
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
  private latestId = 0;
  /** The id of the last whole text sent: a resync asked for before it is already answered. */
  private openedId = 0;
  private disposed = false;
  /** Reads the editor's whole text, for when the worker asks for it again. */
  private readText: (() => string) | null = null;
  /** The Windows version the document is checked for (the status bar's choice). */
  private target: WindowsTarget = DEFAULT_TARGET;

  constructor(private readonly options: ValidationClientOptions) {
    this.worker = (options.createWorker ?? createValidationWorker)();
    this.worker.onmessage = (event: MessageEvent<ValidationResponse | ResyncResponse>) => {
      if (this.disposed) return;
      const response = event.data;
      if ('resync' in response) {
        if (response.id > this.openedId && this.readText) this.open(this.readText());
        return;
      }
      if (response.id === this.latestId) this.options.onResult(response);
    };
  }

  /** Checks later texts against another Windows version's schemas (call open to re-check). */
  setTarget(target: WindowsTarget): void {
    this.target = target;
  }

  /** Sends the whole text and validates it at once (open, save, a change of target). */
  open(text: string, readText?: () => string): void {
    if (this.disposed) return;
    if (readText) this.readText = readText;
    const id = ++this.latestId;
    this.openedId = id;
    const request: ValidationRequest = { id, text, lint: this.options.lint !== false, target: this.target };
    this.worker.postMessage(request);
  }

  /** Sends one edit of the text last opened: the editor's changes, in order, and the text's length after them. */
  edit(changes: TextChange[], length: number): void {
    if (this.disposed) return;
    const request: EditRequest = { kind: 'edit', id: ++this.latestId, changes, length };
    this.worker.postMessage(request);
  }

  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
  }
}
