// Main-thread side of folding by element. Monaco asks the folding provider for the ranges of the
// current version about 200 ms after an edit, and sticky scroll asks it again for the same
// version; on a 1 MB file each parse took 30-50 ms of the main thread (more under load), and a
// click or keystroke arriving then waited for it. Now the folding worker (folding.worker.ts) keeps
// its own copy of each document's text, changed by the editor's edits as they happen, and parses
// the version asked for there; both callers share one question per version. An answer is used
// only for the version it was asked for: the provider asks again when the text moved on.
import type { FoldingLines } from '../../../shared/common/language/folding';
import { unpackFoldingLines, type FoldingAnswer, type FoldingMessage } from './folding-service';
import type { monaco } from './monaco';

interface TrackedDocument {
  id: string;
  /** The worker's copy is missing or out of step: send the whole text with the next question. */
  needsOpen: boolean;
  /** The question for each version asked and not yet answered. */
  questions: Map<number, Promise<FoldingAnswer>>;
  dispose(): void;
}

export class FoldingClient {
  private worker: Worker | null = null;
  private readonly documents = new Map<monaco.editor.ITextModel, TrackedDocument>();
  private readonly waiting = new Map<string, (answer: FoldingAnswer) => void>();

  /** `createWorker`: where the worker comes from (tests). */
  constructor(private readonly createWorker: () => Worker = () => new Worker(new URL('./folding.worker.ts', import.meta.url), { type: 'module', name: 'folding' })) {}

  /**
   * The folding ranges of the model's text at `version` (null when that text does not parse).
   * Resolves to undefined when the worker no longer holds that version (the text changed since).
   */
  async rangesFor(model: monaco.editor.ITextModel, version: number): Promise<FoldingLines[] | null | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (model.isDisposed() || model.getVersionId() !== version) return undefined;
      const answer = await this.ask(model, version);
      if (answer.held) return answer.ranges && unpackFoldingLines(answer.ranges);
      // The worker lost step (e.g. a failed edit): the next question re-sends the whole text.
      const tracked = this.documents.get(model);
      if (tracked) tracked.needsOpen = true;
    }
    return undefined;
  }

  dispose(): void {
    for (const tracked of this.documents.values()) tracked.dispose();
    this.documents.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  private ask(model: monaco.editor.ITextModel, version: number): Promise<FoldingAnswer> {
    const tracked = this.track(model);
    const asked = tracked.questions.get(version);
    if (asked) return asked;
    if (tracked.needsOpen) {
      tracked.needsOpen = false;
      this.post({ kind: 'open', document: tracked.id, version, text: model.getValue() });
    }
    const question = new Promise<FoldingAnswer>((resolve) => this.waiting.set(`${tracked.id}@${version}`, resolve));
    tracked.questions.set(version, question);
    void question.then(() => tracked.questions.delete(version));
    this.post({ kind: 'folding', document: tracked.id, version });
    return question;
  }

  private track(model: monaco.editor.ITextModel): TrackedDocument {
    const known = this.documents.get(model);
    if (known) return known;
    const id = model.uri.toString();
    const content = model.onDidChangeContent((event) => {
      if (tracked.needsOpen) return;
      // A replaced text or new line ends: the whole text goes again, with the next question.
      if (event.isFlush || event.isEolChange) tracked.needsOpen = true;
      else this.post({ kind: 'edit', document: id, version: event.versionId, changes: event.changes.map((change) => ({ offset: change.rangeOffset, length: change.rangeLength, text: change.text })) });
    });
    const disposal = model.onWillDispose(() => tracked.dispose());
    const tracked: TrackedDocument = {
      id,
      needsOpen: true,
      questions: new Map(),
      dispose: () => {
        content.dispose();
        disposal.dispose();
        this.documents.delete(model);
        // Questions still open get "not held" (the model is gone).
        for (const version of tracked.questions.keys()) this.answer({ kind: 'folding', document: id, version, ranges: null, held: false });
        if (this.worker) this.post({ kind: 'close', document: id });
      },
    };
    this.documents.set(model, tracked);
    return tracked;
  }

  private post(message: FoldingMessage): void {
    if (!this.worker) {
      this.worker = this.createWorker();
      this.worker.onmessage = (event: MessageEvent<FoldingAnswer>) => this.answer(event.data);
    }
    this.worker.postMessage(message);
  }

  private answer(answer: FoldingAnswer): void {
    const key = `${answer.document}@${answer.version}`;
    const resolve = this.waiting.get(key);
    if (!resolve) return;
    this.waiting.delete(key);
    resolve(answer);
  }
}
