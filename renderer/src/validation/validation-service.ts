// What the validation worker does, as plain functions, so Node tests run exactly the same logic
// the browser worker runs. The worker file only wires these to postMessage.
import { ProvisioningValidator, SchemaCompileError } from '../../../shared/common/validation/index';
import { createDiagnostic, type Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { ValidationTimings } from '../../../shared/common/validation/index';
import { DEFAULT_TARGET, type WindowsTarget } from '../../../shared/common/windows/targets';

export interface ValidationRequest {
  id: number;
  text: string;
  /** Run lint rules too (default true). */
  lint?: boolean;
  /** The Windows version whose schemas give the verdict (default windows11). */
  target?: WindowsTarget;
}

export interface ValidationResponse {
  id: number;
  diagnostics: Diagnostic[];
  /** True when Windows would accept the file (no XML or schema error). */
  valid: boolean;
  timings: ValidationTimings & { compileMs: number };
}

/** `import.meta.glob` keys are paths ("../../../schemas/windows11/x.xsd"); the validator wants the schema library (paths relative to schemas/). */
export function schemaFilesByName(modules: Readonly<Record<string, string>>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [modulePath, text] of Object.entries(modules)) {
    const marker = modulePath.lastIndexOf('schemas/');
    files[marker === -1 ? modulePath.slice(modulePath.lastIndexOf('/') + 1) : modulePath.slice(marker + 'schemas/'.length)] = text;
  }
  return files;
}

/**
 * Returns the request handler. The schema set is compiled on the first request and reused for
 * every later one; a schema set that does not compile is reported on every request.
 */
export function createValidationHandler(schemaFiles: Readonly<Record<string, string>>): (request: ValidationRequest) => ValidationResponse {
  const validators = new Map<WindowsTarget, ProvisioningValidator>();
  let compileProblem: string | undefined;
  let compileMsToReport = 0;

  return (request) => {
    const target = request.target ?? DEFAULT_TARGET;
    let validator = validators.get(target);
    if (!validator && compileProblem === undefined) {
      try {
        validator = ProvisioningValidator.create(schemaFiles, target);
        validators.set(target, validator);
        compileMsToReport = validator.compileMs;
      } catch (error) {
        compileProblem = error instanceof SchemaCompileError ? [error.message, ...error.issues.map((issue) => issue.message)].join(' ') : String(error);
      }
    }
    if (!validator) {
      const start = { line: 1, column: 1, offset: 0 };
      const diagnostic = createDiagnostic('schema', 'XSD_COMPILE_FAILED', 'error', 'schema.compileFailed', { detail: compileProblem ?? '' }, { start, end: start });
      return { id: request.id, diagnostics: [diagnostic], valid: false, timings: { parseMs: 0, schemaMs: 0, lintMs: 0, totalMs: 0, compileMs: 0 } };
    }
    const result = validator.validate(request.text, { lint: request.lint !== false });
    const response: ValidationResponse = {
      id: request.id,
      diagnostics: result.diagnostics,
      valid: result.valid,
      timings: { ...result.timings, compileMs: compileMsToReport },
    };
    compileMsToReport = 0; // reported once, with the request that paid for it
    return response;
  };
}
