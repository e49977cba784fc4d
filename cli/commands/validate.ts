// provstudio validate [--schema-only] [--allow-placeholders] [--target windows10|windows11] [--format text|json|sarif] FILE...
//
// Well-formedness + XSD (the verdict Windows would give: the target's published schemas, see
// shared/common/windows/targets.ts; default windows11) and, unless --schema-only, the lint rules. Exit 0 when no file has an error (warnings and notes allowed), 1 when any file has an
// error or a placeholder still to fill in (PS-L036, unless --allow-placeholders), 2 on a usage or I/O problem (missing file, unreadable schemas).
import { isUtf8 } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LINT_RULES, PLACEHOLDER_CODES } from '../../shared/common/lint/index';
import { SCHEMA_CODES } from '../../shared/common/schema/map-issues';
import { DRIVER_SCHEMA } from '../../shared/common/schema/roots';
import { DEFAULT_TARGET, isWindowsTarget, type SchemaLibrary } from '../../shared/common/windows/targets';
import type { ProvisioningValidator, ValidationResult } from '../../shared/common/validation/index';
import type { XsdEngine } from '../../shared/common/schema/engine';
import { readSchemaLibrary } from '../../shared/node/schema-library';
import { createDiagnostic, type Diagnostic, type Severity } from '../../shared/common/xml/diagnostic';
import { XML_CODES } from '../../shared/common/xml/parse';
import { DecodeError, decodeText } from '../../shared/node/files/encoding';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';
import { PRODUCT_VERSION } from '../version';
import { totalBytes } from '../wasm-tiering';
import { XsdEngineUnavailable, chooseXsdEngine } from '../xsd-engine';

/** dist/cli/cli-…js (every built CLI script is in dist/cli) -> <repository>/schemas. PROVSTUDIO_SCHEMAS overrides it. */
export function defaultSchemaDirectory(moduleUrl: string = import.meta.url, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PROVSTUDIO_SCHEMAS) return path.resolve(env.PROVSTUDIO_SCHEMAS);
  return path.resolve(path.dirname(fileURLToPath(moduleUrl)), '..', '..', 'schemas');
}

/** Every *.xsd under the folder, by relative path (the schema library; targets.ts picks a target's set). */
export function readSchemaDirectory(directory: string): SchemaLibrary {
  return readSchemaLibrary(directory);
}

interface FileReport {
  /** As given on the command line. */
  file: string;
  result: ValidationResult | null;
  /** Set when the file could not be read at all. */
  readError: string | null;
}

function startOfFile(): Diagnostic['range'] {
  const start = { line: 1, column: 1, offset: 0 };
  return { start, end: start };
}

function validateFile(validator: ProvisioningValidator, file: string, cwd: string, lint: boolean): FileReport {
  const absolute = path.resolve(cwd, file);
  if (!lint) {
    // Schema only, with an engine that streams files (native libxml2): the file is not read into
    // memory at all unless libxml2 finds something to place or our own checks need the text.
    try {
      const streamed = validator.validateFileWithoutFindings(absolute);
      if (streamed) return { file, result: streamed, readError: null };
    } catch {
      // Unreadable: reported below, the same way for every engine.
    }
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    return { file, result: null, readError: reason };
  }
  try {
    // Schema only, well-formed UTF-8: libxml2 reads the bytes as they are, and the text is decoded
    // only if there are findings to place (one copy of a large file instead of three).
    const fast = !lint && isUtf8(bytes) ? validator.validateUtf8WithoutFindings(bytes) : null;
    if (fast) return { file, result: fast, readError: null };
    const { text } = decodeText(bytes);
    return { file, result: validator.validate(text, { lint }), readError: null };
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    // Undecodable bytes: Windows would refuse the file, so it is a finding, not an I/O error.
    const diagnostic = createDiagnostic('xml', XML_CODES.syntax, 'error', 'xml.error.syntax', { detail: error.message }, startOfFile());
    const timings = { parseMs: 0, schemaMs: 0, lintMs: 0, totalMs: 0 };
    return { file, result: { diagnostics: [diagnostic], valid: false, documentKind: null, target: validator.target, timings, document: null }, readError: null };
  }
}

function countBySeverity(reports: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const report of reports) for (const diagnostic of report.result?.diagnostics ?? []) counts[diagnostic.severity]++;
  return counts;
}

function formatText(reports: readonly FileReport[], io: CliIo): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const diagnostic of report.result?.diagnostics ?? []) {
      const { line, column } = diagnostic.range.start;
      lines.push(`${report.file}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code}: ${io.t(diagnostic.messageKey, diagnostic.params)}`);
    }
  }
  const counts = countBySeverity(reports);
  lines.push(io.t('cli.validate.totals', { files: reports.length, errors: counts.error, warnings: counts.warning, infos: counts.info }));
  return lines.join('\n') + '\n';
}

function formatJson(reports: readonly FileReport[]): string {
  const output = {
    tool: 'provstudio',
    version: PRODUCT_VERSION,
    files: reports.map((report) => ({
      file: report.file,
      valid: report.result ? report.result.valid : false,
      documentKind: report.result?.documentKind ?? null,
      target: report.result?.target ?? null,
      readError: report.readError,
      timings: report.result?.timings ?? null,
      diagnostics: (report.result?.diagnostics ?? []).map(({ code, severity, source, messageKey, params, message, range, fix }) => ({
        ...(fix ? { fix } : {}),
        code,
        severity,
        source,
        messageKey,
        params,
        message,
        range,
      })),
    })),
    summary: countBySeverity(reports),
  };
  return JSON.stringify(output, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
}

/** Every code we can emit, so a SARIF consumer can list them without seeing them first. */
export function sarifRules(): SarifRule[] {
  const rules: SarifRule[] = [];
  for (const code of Object.values(XML_CODES)) {
    rules.push({ id: code, name: code, shortDescription: { text: 'XML well-formedness or safety (no DTD, no entities)' }, defaultConfiguration: { level: 'error' } });
  }
  for (const code of new Set(Object.values(SCHEMA_CODES))) {
    rules.push({ id: code, name: code, shortDescription: { text: 'XSD validation against the Windows provisioning schemas' }, defaultConfiguration: { level: 'error' } });
  }
  for (const rule of LINT_RULES) {
    rules.push({ id: rule.code, name: rule.code, shortDescription: { text: rule.title }, defaultConfiguration: { level: SARIF_LEVEL[rule.severity] } });
  }
  return rules;
}

function artifactUri(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(absolute).href;
}

function formatSarif(reports: readonly FileReport[], io: CliIo): string {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = [];
  for (const report of reports) {
    for (const diagnostic of report.result?.diagnostics ?? []) {
      const { start, end } = diagnostic.range;
      results.push({
        ruleId: diagnostic.code,
        ruleIndex: ruleIndex.get(diagnostic.code) ?? -1,
        level: SARIF_LEVEL[diagnostic.severity],
        message: { text: io.t(diagnostic.messageKey, diagnostic.params) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(report.file, io.cwd) },
              region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
            },
          },
        ],
        properties: { source: diagnostic.source, messageKey: diagnostic.messageKey },
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'provstudio', version: PRODUCT_VERSION, informationUri: 'https://github.com/', rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export const validateCommand: Command = {
  name: 'validate',
  summaryKey: 'cli.validate.summary',
  usageKey: 'cli.validate.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        'schema-only': { type: 'boolean', default: false },
        'allow-placeholders': { type: 'boolean', default: false },
        target: { type: 'string', default: DEFAULT_TARGET },
        format: { type: 'string', default: 'text' },
      },
      strict: true,
      allowPositionals: true,
    });
    const format = values.format as string;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(io.t('cli.validate.badFormat', { format }));
    if (positionals.length === 0) throw new UsageError(io.t('cli.validate.noFiles'));
    const target = values.target;
    if (!isWindowsTarget(target)) throw new UsageError(io.t('cli.validate.badTarget', { target: String(target) }));

    const schemaDirectory = defaultSchemaDirectory(import.meta.url, io.env);
    if (!existsSync(path.join(schemaDirectory, DRIVER_SCHEMA))) {
      io.stderr(io.t('cli.validate.schemasNotFound', { path: path.join(schemaDirectory, DRIVER_SCHEMA) }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    let engine: XsdEngine;
    try {
      engine = await chooseXsdEngine(io.env, totalBytes(positionals.map((file) => path.resolve(io.cwd, file))));
    } catch (error) {
      if (!(error instanceof XsdEngineUnavailable)) throw error;
      io.stderr(io.t('cli.validate.schemaCompileFailed', { path: schemaDirectory, detail: error.message }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    const { ProvisioningValidator, SchemaCompileError } = await import('../../shared/common/validation/index');
    let validator: ProvisioningValidator;
    try {
      validator = ProvisioningValidator.create(engine, readSchemaDirectory(schemaDirectory), target);
    } catch (error) {
      const detail = error instanceof SchemaCompileError ? [error.message, ...error.issues.map((issue) => issue.message)].join(' ') : String(error);
      io.stderr(io.t('cli.validate.schemaCompileFailed', { path: schemaDirectory, detail }) + '\n');
      return EXIT_USAGE_OR_IO;
    }

    let reports: FileReport[];
    try {
      reports = positionals.map((file) => validateFile(validator, file, io.cwd, !values['schema-only']));
    } finally {
      validator.dispose();
    }
    for (const report of reports) {
      if (report.readError) io.stderr(io.t('cli.validate.cannotRead', { path: report.file, reason: report.readError }) + '\n');
    }
    // A file that could not be read has nothing to summarise: its error alone is the answer (the
    // JSON and SARIF reports still carry it, with readError, for tools).
    const unreadable = reports.every((report) => report.readError);
    const output = format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, io) : unreadable ? '' : formatText(reports, io);
    io.stdout(output);

    if (reports.some((report) => report.readError)) return EXIT_USAGE_OR_IO;
    const anyError = reports.some((report) => report.result?.diagnostics.some((diagnostic) => diagnostic.severity === 'error'));
    // Placeholders still to fill in fail CI by default, warnings though they are (PS-L036; the
    // harmful ones, PS-L035, are errors anyway).
    const placeholders = values['allow-placeholders'] ? 0 : reports.reduce((count, report) => count + (report.result?.diagnostics.filter((diagnostic) => diagnostic.code === PLACEHOLDER_CODES.sample).length ?? 0), 0);
    if (placeholders > 0 && format === 'text') io.stderr(io.t('cli.validate.placeholdersFail', { count: placeholders }) + '\n');
    return anyError || placeholders > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
