// While the host works on a key store, it may ask for a PIN or password. The browser host asks in
// a prompt page of its own (another origin) that this page opens as a window; Electron opens its
// own window. Either way this page only learns that a question is open and for what, never the
// answer: it says what it waits for, can open the window again, and can cancel the question.
import { useEffect, useRef, useState } from 'react';
import type { HostClient, SecretQuestion } from '../../../shared/common/ipc';
import { useI18n } from '../i18n';

/** How often the open questions are read while an operation waits (local, cheap). */
const POLL_MS = 250;
const PROMPT_WINDOW_FEATURES = 'popup,width=480,height=320';

export interface SecretQuestionState {
  /** The question the running operation waits for, if any. */
  question: SecretQuestion | null;
  /** The browser refused to open the prompt window (no user gesture left): offer a button. */
  blocked: boolean;
  /** Opens the prompt window (again). */
  openWindow(): void;
  /** Cancels the question on the host: the operation ends with "no secret given". */
  cancel(): Promise<void>;
}

/** Watches the host's questions while `waiting` is true, and opens each prompt page once. */
export function useSecretQuestion(client: HostClient, waiting: boolean): SecretQuestionState {
  const [question, setQuestion] = useState<SecretQuestion | null>(null);
  const [blocked, setBlocked] = useState(false);
  const opened = useRef(new Set<string>());
  // The prompt page speaks the app's language.
  const { language } = useI18n();

  const openWindow = (target: SecretQuestion | null = question) => {
    if (!target?.url) return;
    opened.current.add(target.id);
    const handle = window.open(`${target.url}&lang=${language}`, '_blank', PROMPT_WINDOW_FEATURES);
    setBlocked(handle === null);
  };

  useEffect(() => {
    if (!waiting) {
      setQuestion(null);
      setBlocked(false);
      return;
    }
    let stopped = false;
    const poll = async () => {
      try {
        const [first] = await client.invoke('signing.secretQuestions', undefined);
        if (stopped) return;
        setQuestion(first ?? null);
        if (first && !opened.current.has(first.id)) openWindow(first);
      } catch {
        // The operation itself reports host errors.
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [client, waiting]);

  return {
    question,
    blocked,
    openWindow: () => openWindow(),
    cancel: async () => {
      if (question) await client.invoke('signing.cancelSecretQuestion', { id: question.id });
    },
  };
}
