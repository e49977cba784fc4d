// What the validation worker does, as plain functions, so Node tests run exactly the same logic
// the browser worker runs. The worker file only wires these to postMessage.
import { ProvisioningValidator, SchemaCompileError } from '../../../shared/common/validation/index';
import { IncrementalValidation, type TextChange } from '../../../shared/common/validation/incremental';
import { createDiagnostic, type Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { ValidationTimings } from '../../../shared/common/validation/index';
import { DEFAULT_TARGET, type WindowsTarget } from '../../../shared/common/windows/targets';
import { wasmXsdEngine } from '../../../shared/common/schema/libxml';

export interface ValidationRequest {
  id: number;
  text: string;
  /** Run lint rules too (default true). */
  lint?: boolean;
  /** The Windows version whose schemas give the verdict (default windows11). */
  target?: WindowsTarget;
}

/** The editor's changes to the text the worker holds (sent as typed: no copy of the whole text). */
export interface EditRequest {
  kind: 'edit';
  id: number;
  changes: TextChange[];
  /** The text's length after the changes: a worker whose copy differs asks for the whole text. */
  length: number;
}

export interface ValidationResponse {
  id: number;
  diagnostics: Diagnostic[];
  /** True when Windows would accept the file (no XML or schema error). */
  valid: boolean;
  timings: ValidationTimings & { compileMs: number };
  /** 'quick': known without validating the whole text (an edit inside a comment or one value, see incremental.ts); 'full' (the default): validated. */
  kind?: 'full' | 'quick';
}

/** The worker's copy of the text no longer matches the editor's: send the whole text (a ValidationRequest). */
export interface ResyncResponse {
  id: number;
  resync: true;
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
  const validators = createValidators(schemaFiles);
  return (request) => {
    const target = request.target ?? DEFAULT_TARGET;
    const validator = validators.get(target);
    if (!validator) return compileFailure(request.id, validators.compileProblem());
    const result = validator.validate(request.text, { lint: request.lint !== false });
    return { id: request.id, diagnostics: result.diagnostics, valid: result.valid, timings: { ...result.timings, compileMs: validators.takeCompileMs() } };
  };
}

/** The compiled schema sets, one per Windows target, compiled when first asked for. */
function createValidators(schemaFiles: Readonly<Record<string, string>>) {
  const validators = new Map<WindowsTarget, ProvisioningValidator>();
  let compileProblem: string | undefined;
  let compileMsToReport = 0;
  return {
    get(target: WindowsTarget): ProvisioningValidator | undefined {
      let validator = validators.get(target);
      if (!validator && compileProblem === undefined) {
        try {
          validator = ProvisioningValidator.create(wasmXsdEngine, schemaFiles, target);
          validators.set(target, validator);
          compileMsToReport = validator.compileMs;
        } catch (error) {
          compileProblem = error instanceof SchemaCompileError ? [error.message, ...error.issues.map((issue) => issue.message)].join(' ') : String(error);
        }
      }
      return validator;
    },
    compileProblem: () => compileProblem ?? '',
    /** The compile time, reported once, with the request that paid for it. */
    takeCompileMs(): number {
      const compileMs = compileMsToReport;
      compileMsToReport = 0;
      return compileMs;
    },
  };
}

function compileFailure(id: number, detail: string): ValidationResponse {
  const start = { line: 1, column: 1, offset: 0 };
  const diagnostic = createDiagnostic('schema', 'XSD_COMPILE_FAILED', 'error', 'schema.compileFailed', { detail }, { start, end: start });
  return { id, diagnostics: [diagnostic], valid: false, timings: { parseMs: 0, schemaMs: 0, lintMs: 0, totalMs: 0, compileMs: 0 } };
}

/**
 * The worker's side of validation while typing: one document's text, kept current by the editor's
 * edits. `open` takes a whole text and validates it; `edit` applies changes and answers at once
 * when the answer is known without validating (else null: `validatePending` answers, when the
 * caller's timer says so); an edit that does not fit the text held asks for the whole text.
 */
export function createValidationSession(schemaFiles: Readonly<Record<string, string>>) {
  const validators = createValidators(schemaFiles);
  let session: IncrementalValidation | null = null;
  let sessionValidator: ProvisioningValidator | undefined;
  let lint = true;
  let latestId = 0;
  let inSync = false;

  const validateNow = (): ValidationResponse => {
    if (!session) return compileFailure(latestId, validators.compileProblem());
    const outcome = session.validate();
    return { id: latestId, diagnostics: outcome.diagnostics, valid: outcome.valid, timings: { ...outcome.timings, compileMs: validators.takeCompileMs() }, kind: 'full' };
  };

  return {
    open(request: ValidationRequest): ValidationResponse {
      latestId = request.id;
      const validator = validators.get(request.target ?? DEFAULT_TARGET);
      if (validator !== sessionValidator || lint !== (request.lint !== false)) {
        sessionValidator = validator;
        lint = request.lint !== false;
        session = validator ? new IncrementalValidation(validator, { lint }) : null;
      }
      inSync = true;
      session?.reset(request.text);
      return validateNow();
    },
    edit(request: EditRequest): ValidationResponse | ResyncResponse | null {
      latestId = request.id;
      if (!session || !inSync) return { id: request.id, resync: true };
      const outcome = session.edit(request.changes);
      if (session.text.length !== request.length) {
        inSync = false;
        return { id: request.id, resync: true };
      }
      if (!outcome) return null;
      return { id: request.id, diagnostics: outcome.diagnostics, valid: outcome.valid, timings: { ...outcome.timings, compileMs: 0 }, kind: 'quick' };
    },
    /** The full check of the latest text, unless it was already validated in full (null then). */
    validatePending(): ValidationResponse | null {
      if (!session || !inSync || session.upToDate) return null;
      return validateNow();
    },
    /**
     * The same in steps (IncrementalValidation.validateSteps), for the worker to return to its
     * event loop between them: null when there is nothing to check; the steps end with null when
     * the text changed (or another was opened) meanwhile.
     */
    validatePendingSteps(): Generator<void, ValidationResponse | null, void> | null {
      if (!session || !inSync || session.upToDate) return null;
      const owner = session;
      return (function* () {
        const outcome = yield* owner.validateSteps();
        if (!outcome || session !== owner) return null;
        return { id: latestId, diagnostics: outcome.diagnostics, valid: outcome.valid, timings: { ...outcome.timings, compileMs: validators.takeCompileMs() }, kind: 'full' as const };
      })();
    },
  };
}
