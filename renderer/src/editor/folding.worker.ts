// Module worker: folding ranges by element, off the main thread (see folding-service.ts and
// folding-client.ts). Its own worker, not the validation worker, so that a parse for folding never
// delays a keystroke's validation answer.
import { createFoldingSession, type FoldingMessage } from './folding-service';

interface WorkerScope {
  onmessage: ((event: MessageEvent<FoldingMessage>) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;
const session = createFoldingSession();

scope.onmessage = (event) => {
  const message = event.data;
  try {
    const answer = session(message);
    if (answer) scope.postMessage(answer);
  } catch (error) {
    // Never leave the editor waiting: no ranges (Monaco then folds by indentation), the reason on the console.
    console.error('folding failed', error);
    if (message.kind === 'folding') scope.postMessage({ kind: 'folding', document: message.document, version: message.version, ranges: null, held: true });
  }
};
