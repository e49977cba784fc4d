// Module worker: validates documents off the main thread. Receives {id, text, lint?, target?} and answers
// {id, diagnostics, valid, timings}. The XSDs are bundled as text by Vite; libxml2-wasm carries
// its WebAssembly inside its own module, so there is no separate .wasm file to locate.
import { createValidationHandler, schemaFilesByName, type ValidationRequest } from './validation-service';

const schemaModules = import.meta.glob('../../../schemas/**/*.xsd', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const handle = createValidationHandler(schemaFilesByName(schemaModules));

interface WorkerScope {
  onmessage: ((event: MessageEvent<ValidationRequest>) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const request = event.data;
  try {
    scope.postMessage(handle(request));
  } catch (error) {
    // Never leave the caller waiting: answer with no diagnostics and the reason on the console.
    console.error('validation failed', error);
    scope.postMessage({ id: request.id, diagnostics: [], valid: false, timings: { parseMs: 0, schemaMs: 0, lintMs: 0, totalMs: 0, compileMs: 0 } });
  }
};
