// provstudio set / insert / remove: tree edits from the command line, written as minimal text
// edits so everything else in the file stays byte for byte (see docs/editing.md).
//   exit 0 done (or nothing to change), 1 the path matched nothing, or `set` wrote a value that
//   makes the file invalid (new errors, printed; --allow-invalid accepts them), 2 usage, I/O, a
//   file that is not well-formed, or an edit the document or schema does not allow.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  editsAreDisjoint,
  applyTextEdits,
  insertElement,
  parseXPath,
  removeAttribute,
  removeElement,
  selectElements,
  setAttribute,
  setText,
  XPathError,
  type EditOutcome,
  type ParsedPath,
  type TextEdit,
} from '../../shared/common/edit/index';
import { BUNDLED_SCHEMA_MODEL } from '../../shared/common/schema-model/bundled';
import { possibleChildren, type QualifiedName } from '../../shared/common/schema-model/index';
import { parseXml, positionOf, type XmlDocumentNode, type XmlElementNode } from '../../shared/common/xml/index';
import { DRIVER_SCHEMA } from '../../shared/common/schema/roots';
import type { Diagnostic } from '../../shared/common/xml/diagnostic';
import { writeFileAtomic } from '../../shared/node/files/atomic-write';
import { decodeText, encodeText } from '../../shared/node/files/encoding';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';
import { defaultSchemaDirectory, readSchemaDirectory } from './validate';
import { wasmXsdEngine } from '../../shared/common/schema/libxml';

type EditKind = 'set' | 'insert' | 'remove';

interface EditArguments {
  file: string;
  xpath: string;
  namespaces: Record<string, string>;
  output: string | undefined;
  value: string | undefined;
  element: string | undefined;
  allowInvalid: boolean;
  /** The written file as the user named it (for messages). */
  shownTarget: string;
}

function readArguments(kind: EditKind, args: string[], io: CliIo): EditArguments {
  const { values, positionals } = parseArgs({
    args,
    options: {
      xpath: { type: 'string' },
      value: { type: 'string' },
      element: { type: 'string' },
      ns: { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      ...(kind === 'set' ? { 'allow-invalid': { type: 'boolean' as const, default: false } } : {}),
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError(io.t('cli.edit.oneFile'));
  if (values.xpath === undefined) throw new UsageError(io.t('cli.edit.missingOption', { option: '--xpath' }));
  if (kind === 'set' && values.value === undefined) throw new UsageError(io.t('cli.edit.missingOption', { option: '--value' }));
  if (kind === 'insert' && values.element === undefined) throw new UsageError(io.t('cli.edit.missingOption', { option: '--element' }));
  const namespaces: Record<string, string> = {};
  for (const binding of values.ns ?? []) {
    const equals = binding.indexOf('=');
    if (equals <= 0) throw new UsageError(io.t('cli.edit.badNamespace', { value: binding }));
    namespaces[binding.slice(0, equals)] = binding.slice(equals + 1);
  }
  return {
    file: path.resolve(io.cwd, positionals[0]!),
    xpath: values.xpath,
    namespaces,
    output: values.output === undefined ? undefined : path.resolve(io.cwd, values.output),
    value: values.value,
    element: values.element,
    allowInvalid: (values as { 'allow-invalid'?: boolean })['allow-invalid'] === true,
    shownTarget: values.output ?? positionals[0]!,
  };
}

/** The element name for insert: `p:Name` (prefix bound by --ns) or a local name the schema offers under `parent`. */
function resolveNewElement(written: string, parent: XmlElementNode, namespaces: Record<string, string>): QualifiedName | string {
  const colon = written.indexOf(':');
  if (colon > 0) {
    const namespace = namespaces[written.slice(0, colon)];
    if (namespace === undefined) return `the prefix "${written.slice(0, colon)}" is not bound (use --ns)`;
    return { namespace, localName: written.slice(colon + 1) };
  }
  const offered = possibleChildren(BUNDLED_SCHEMA_MODEL, parent).filter((child) => child.localName === written);
  const named = offered.find((child) => !child.viaWildcard) ?? offered[0];
  return named ? { namespace: named.namespace, localName: named.localName } : { namespace: parent.namespaceUri, localName: written };
}

function describe(document: XmlDocumentNode, element: XmlElementNode, attribute?: string): string {
  const position = positionOf(document, element.start);
  return `${element.name}${attribute ? `/@${attribute}` : ''} (${position.line}:${position.column})`;
}

/** Descendants of elements already being removed need no edit of their own. */
function outermostOnly(elements: XmlElementNode[]): XmlElementNode[] {
  const chosen = new Set(elements);
  return elements.filter((element) => {
    for (let ancestor = element.parent; ancestor; ancestor = ancestor.parent) if (chosen.has(ancestor)) return false;
    return true;
  });
}

async function runEdit(kind: EditKind, args: string[], io: CliIo): Promise<number> {
  const options = readArguments(kind, args, io);
  let parsedPath: ParsedPath;
  try {
    parsedPath = parseXPath(options.xpath, options.namespaces);
  } catch (error) {
    if (error instanceof XPathError) throw new UsageError(io.t('cli.edit.badXpath', { xpath: options.xpath, detail: error.message }));
    throw error;
  }
  if (kind === 'insert' && parsedPath.attribute !== undefined) throw new UsageError(io.t('cli.edit.elementOnly'));

  let bytes: Uint8Array;
  let decoded: ReturnType<typeof decodeText>;
  try {
    bytes = await readFile(options.file);
    decoded = decodeText(bytes);
  } catch (error) {
    io.stderr(io.t('cli.edit.readFailed', { file: options.file, message: error instanceof Error ? error.message : String(error) }) + '\n');
    return EXIT_USAGE_OR_IO;
  }
  const parsed = parseXml(decoded.text);
  if (!parsed.ok) {
    const at = parsed.error.range.start;
    io.stderr(io.t('cli.edit.notWellFormed', { file: options.file, line: at.line, column: at.column, message: parsed.error.message }) + '\n');
    return EXIT_USAGE_OR_IO;
  }
  const document = parsed.document;
  let elements = selectElements(document, parsedPath);
  const attribute = parsedPath.attribute;
  if (kind === 'remove' && attribute !== undefined) elements = elements.filter((element) => element.attributes.some((candidate) => candidate.name === attribute));
  if (kind === 'remove' && attribute === undefined) elements = outermostOnly(elements);
  if (elements.length === 0) {
    io.stderr(io.t('cli.edit.noMatch', { xpath: options.xpath }) + '\n');
    return EXIT_FINDINGS;
  }

  const edits: TextEdit[] = [];
  for (const element of elements) {
    let outcome: EditOutcome;
    if (kind === 'set') {
      outcome = attribute !== undefined ? setAttribute(document, element, attribute, options.value!) : setText(document, element, options.value!);
    } else if (kind === 'remove') {
      outcome = attribute !== undefined ? removeAttribute(document, element, attribute) : removeElement(document, element);
    } else {
      const name = resolveNewElement(options.element!, element, options.namespaces);
      if (typeof name === 'string') throw new UsageError(name);
      outcome = insertElement(document, element, name, { model: BUNDLED_SCHEMA_MODEL });
    }
    if (!outcome.ok) {
      io.stderr(io.t('cli.edit.failed', { target: describe(document, element, attribute), message: io.t(outcome.messageKey, outcome.params) }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    edits.push(...outcome.edits);
  }
  if (!editsAreDisjoint(edits)) {
    io.stderr(io.t('cli.edit.failed', { target: options.xpath, message: 'the selected nodes overlap' }) + '\n');
    return EXIT_USAGE_OR_IO;
  }

  const target = options.output ?? options.file;
  if (edits.length === 0 && options.output === undefined) {
    io.stdout(io.t('cli.edit.unchanged', { file: target }) + '\n');
    return EXIT_OK;
  }
  try {
    await writeFileAtomic(target, encodeText(applyTextEdits(decoded.text, edits), decoded.encoding));
  } catch (error) {
    io.stderr(io.t('cli.edit.writeFailed', { file: target, message: error instanceof Error ? error.message : String(error) }) + '\n');
    return EXIT_USAGE_OR_IO;
  }
  io.stdout(io.t(edits.length === 0 ? 'cli.edit.unchanged' : 'cli.edit.done', { file: target, count: edits.length }) + '\n');
  if (kind !== 'set' || edits.length === 0) return EXIT_OK;
  return reportNewErrors(decoded.text, applyTextEdits(decoded.text, edits), options.shownTarget, options.allowInvalid, io);
}

/** "code message" of each error, to tell the errors an edit brought from those the file had (positions move). */
function errorKeys(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`);
}

/**
 * `set` checks what it wrote: the errors (schema or lint) the new text has and the old one had
 * not are printed like `validate` prints them; exit 1 unless --allow-invalid. The edit stays
 * written either way: the user asked for it, and the finding says what to change.
 */
async function reportNewErrors(before: string, after: string, file: string, allowInvalid: boolean, io: CliIo): Promise<number> {
  const schemaDirectory = defaultSchemaDirectory(import.meta.url, io.env);
  if (!existsSync(path.join(schemaDirectory, DRIVER_SCHEMA))) {
    io.stderr(io.t('cli.validate.schemasNotFound', { path: path.join(schemaDirectory, DRIVER_SCHEMA) }) + '\n');
    return EXIT_USAGE_OR_IO;
  }
  const { ProvisioningValidator } = await import('../../shared/common/validation/index');
  const validator = ProvisioningValidator.create(wasmXsdEngine, readSchemaDirectory(schemaDirectory));
  try {
    const remaining = errorKeys(validator.validate(before).diagnostics);
    const introduced = validator.validate(after).diagnostics.filter((diagnostic) => {
      if (diagnostic.severity !== 'error') return false;
      const index = remaining.indexOf(`${diagnostic.code} ${diagnostic.message}`);
      if (index === -1) return true;
      remaining.splice(index, 1);
      return false;
    });
    if (introduced.length === 0) return EXIT_OK;
    for (const diagnostic of introduced) {
      const { line, column } = diagnostic.range.start;
      io.stderr(`${file}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code}: ${io.t(diagnostic.messageKey, diagnostic.params)}\n`);
    }
    io.stderr(io.t(allowInvalid ? 'cli.edit.invalidAccepted' : 'cli.edit.madeInvalid', { file, count: introduced.length }) + '\n');
    return allowInvalid ? EXIT_OK : EXIT_FINDINGS;
  } finally {
    validator.dispose();
  }
}

export const setCommand: Command = {
  name: 'set',
  summaryKey: 'cli.set.summary',
  usageKey: 'cli.set.usage',
  run: (args, io) => runEdit('set', args, io),
};

export const insertCommand: Command = {
  name: 'insert',
  summaryKey: 'cli.insert.summary',
  usageKey: 'cli.insert.usage',
  run: (args, io) => runEdit('insert', args, io),
};

export const removeCommand: Command = {
  name: 'remove',
  summaryKey: 'cli.remove.summary',
  usageKey: 'cli.remove.usage',
  run: (args, io) => runEdit('remove', args, io),
};
