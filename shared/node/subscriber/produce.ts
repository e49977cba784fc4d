// One row -> one file: render through the edit engine, validate (XSD + lint), sign when a signer is
// given. Used by the batch workers, the app's preview and the library entry point for servers.
// Messages never quote a secret value of the row (they are redacted).
import { type Language, translate } from '../../common/i18n/index';
import type { ProvisioningValidator } from '../../common/validation/index';
import type { SchemaModel } from '../../common/schema-model/types';
import { redactSecrets, renderRow, type CompiledTemplate, type Row, type RowProblem } from '../../common/subscriber/index';
import type { TextEncodingName } from '../../common/ipc';
import { encodeText } from '../files/encoding';
import { sign, type Signer, type SignOptions } from '../signing/sign';

export type Verdict = 'valid' | 'invalid' | 'rejected';

export interface FileFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  message: string;
}

export interface ProducedFile {
  /** valid: rendered, no XSD or lint error (signed when asked); invalid: rendered but refused; rejected: a bad value. */
  verdict: Verdict;
  /** The file's bytes (signed when a signer was given); only for `valid`. */
  bytes?: Uint8Array;
  /** The rendered text before signing, for previews (also for `invalid`). */
  text?: string;
  problems: RowProblem[];
  findings: FileFinding[];
}

export interface Producer {
  model: SchemaModel;
  template: CompiledTemplate;
  /** The template's encoding, kept for every output. */
  encoding: TextEncodingName;
  validator: ProvisioningValidator;
  lint: boolean;
  language: Language;
  signer?: Signer;
  signOptions?: SignOptions;
}

/** A row problem in words: "column X: message" (the message never holds the value). */
export function describeProblem(problem: RowProblem, language: Language): string {
  const message = translate(language, problem.messageKey, problem.params);
  return problem.column ? translate(language, 'row.problemInColumn', { column: problem.column, message }) : message;
}

export async function produceFile(producer: Producer, row: Row): Promise<ProducedFile> {
  const rendered = renderRow(producer.model, producer.template, row);
  if (!rendered.ok) return { verdict: 'rejected', problems: rendered.problems, findings: [] };
  const result = producer.validator.validate(rendered.text, { lint: producer.lint });
  const findings: FileFinding[] = result.diagnostics.map((diagnostic) => ({
    code: diagnostic.code,
    severity: diagnostic.severity,
    line: diagnostic.range.start.line,
    column: diagnostic.range.start.column,
    message: redactSecrets(translate(producer.language, diagnostic.messageKey, diagnostic.params), producer.template, row),
  }));
  if (findings.some((finding) => finding.severity === 'error')) return { verdict: 'invalid', text: rendered.text, problems: [], findings };
  let bytes: Uint8Array = encodeText(rendered.text, producer.encoding);
  if (producer.signer) bytes = await sign(bytes, producer.signer, producer.signOptions ?? {});
  return { verdict: 'valid', bytes, text: rendered.text, problems: [], findings };
}
