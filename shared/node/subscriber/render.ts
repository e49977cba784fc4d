// render(): one subscriber's file on demand, checked and validated (see library.ts, which exports it
// for servers, and server.ts, the per-subscriber HTTP endpoint built on it).
import type { Language } from '../../common/i18n/index';
import { ProvisioningValidator } from '../../common/validation/index';
import { BUNDLED_SCHEMA_MODEL } from '../../common/schema-model/bundled';
import { compileTemplate, parseBindings, readBindings, type Bindings, type CompiledTemplate, type Row } from '../../common/subscriber/index';
import { decodeText } from '../files/encoding';
import { describeProblem, produceFile, type FileFinding } from './produce';
import { readSchemaFiles } from './schemas';
import { wasmXsdEngine } from '../../common/schema/libxml';

/** A row that gives no valid file: the bad columns, or the file's XSD / lint errors. Never quotes a secret. */
export class RenderError extends Error {
  constructor(
    readonly verdict: 'rejected' | 'invalid',
    readonly problems: Array<{ column: string; message: string }>,
    readonly findings: FileFinding[],
  ) {
    super([...problems.map((problem) => problem.message), ...findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.code} ${finding.line}:${finding.column} ${finding.message}`)].join('; '));
  }
}

export interface RenderOptions {
  /** Language of the messages (default English). */
  language?: Language;
  /** Run the lint rules besides the XSD (default true; lint errors make the file invalid). */
  lint?: boolean;
}

let validator: ProvisioningValidator | null = null;
function sharedValidator(): ProvisioningValidator {
  validator ??= ProvisioningValidator.create(wasmXsdEngine, readSchemaFiles());
  return validator;
}

interface CachedTemplate {
  compiled: CompiledTemplate;
  encoding: ReturnType<typeof decodeText>['encoding'];
}
const templates = new Map<string, CachedTemplate>();
const CACHE_SIZE = 16;

function compiledFor(template: string | Uint8Array, bindings: Bindings | string): CachedTemplate {
  const decoded = typeof template === 'string' ? { text: template, encoding: 'utf-8' as const } : decodeText(template);
  const bindingsText = typeof bindings === 'string' ? bindings : JSON.stringify(bindings);
  const key = `${bindingsText}\u0000${decoded.text}`;
  const cached = templates.get(key);
  if (cached) return cached;
  const parsed = typeof bindings === 'string' ? parseBindings(bindings) : readBindings(bindings);
  const entry = { compiled: compileTemplate(BUNDLED_SCHEMA_MODEL, decoded.text, parsed), encoding: decoded.encoding };
  if (templates.size >= CACHE_SIZE) templates.delete(templates.keys().next().value!);
  templates.set(key, entry);
  return entry;
}

/**
 * One subscriber's file: the template with the row's values in their places, checked and
 * validated. Throws TemplateError / BindingsError (the template and bindings do not fit) or
 * RenderError (this row gives no valid file).
 */
export async function render(template: string | Uint8Array, bindings: Bindings | string, row: Row, options: RenderOptions = {}): Promise<Uint8Array> {
  const { compiled, encoding } = compiledFor(template, bindings);
  const language = options.language ?? 'en';
  const produced = await produceFile({ model: BUNDLED_SCHEMA_MODEL, template: compiled, encoding, validator: sharedValidator(), lint: options.lint ?? true, language }, row);
  if (produced.verdict !== 'valid' || !produced.bytes) {
    throw new RenderError(
      produced.verdict === 'valid' ? 'invalid' : produced.verdict,
      produced.problems.map((problem) => ({ column: problem.column, message: describeProblem(problem, language) })),
      produced.findings,
    );
  }
  return produced.bytes;
}
