// The PIN and password questions a host has open. Both hosts ask the same way: the browser host
// shows a prompt page of its own (prompt-server.ts) that the app opens as a window; Electron shows
// a window of its own. Either way the answer goes to the host, never through the app's page, and
// the app can see that a question is open (to say so) and cancel it.
import { randomBytes } from 'node:crypto';
import type { SecretRequest } from '../keystores/types';

/** A question as the app's page sees it: never the answer. */
export interface SecretQuestion {
  id: string;
  kind: SecretRequest['kind'];
  /** What the secret unlocks: a file name, a token label. */
  target: string;
  /** The prompt page the app opens as a window (browser host); null when the host shows its own window. */
  url: string | null;
}

/** How a question is shown, and how it is taken down once answered or cancelled. */
export interface ShownQuestion {
  url: string | null;
  dismiss(): void;
}

/** An unanswered question is cancelled after this long. */
export const QUESTION_LIFETIME_MS = 10 * 60_000;

interface OpenQuestion {
  question: SecretQuestion;
  settle(answer: string | null): void;
}

export class SecretQuestions {
  private readonly open = new Map<string, OpenQuestion>();

  constructor(private readonly lifetimeMs = QUESTION_LIFETIME_MS) {}

  /** Asks: `show` puts the question in front of the user; resolves with the answer, or null when cancelled. */
  ask(request: SecretRequest, show: (id: string, answer: (value: string | null) => void) => ShownQuestion): Promise<string | null> {
    const id = randomBytes(16).toString('base64url');
    return new Promise((resolve) => {
      let shown: ShownQuestion | null = null;
      const timer = setTimeout(() => settle(null), this.lifetimeMs);
      timer.unref?.();
      const settle = (answer: string | null) => {
        if (!this.open.delete(id)) return;
        clearTimeout(timer);
        shown?.dismiss();
        resolve(answer);
      };
      this.open.set(id, { question: { id, kind: request.kind, target: request.target, url: null }, settle });
      shown = show(id, settle);
      const entry = this.open.get(id);
      if (entry) entry.question.url = shown.url;
    });
  }

  /** The questions waiting for an answer, oldest first. */
  pending(): SecretQuestion[] {
    return [...this.open.values()].map(({ question }) => ({ ...question }));
  }

  has(id: string): boolean {
    return this.open.has(id);
  }

  answer(id: string, value: string | null): boolean {
    const entry = this.open.get(id);
    if (!entry) return false;
    entry.settle(value);
    return true;
  }

  cancel(id: string): boolean {
    return this.answer(id, null);
  }

  cancelAll(): void {
    for (const id of [...this.open.keys()]) this.cancel(id);
  }
}
