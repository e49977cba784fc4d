// provstudio fix FILE [-o OUT]
//
// Applies the mechanical repairs lint findings carry (Diagnostic.fix), today the namespaces that
// are almost right (PS-L032: scheme, case, trailing slash or version digit). Only those
// characters change; the file keeps its encoding and line endings. Writes OUT, or FILE in place,
// atomically. Exit 0 when something was fixed or nothing needed fixing, 2 on a usage or I/O problem.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fixEdits } from '../../shared/common/lint/fixes';
import { nearMissNamespaceDiagnostics } from '../../shared/common/lint/namespaces';
import { parseXml } from '../../shared/common/xml/parse';
import { writeFileAtomic } from '../../shared/node/files/atomic-write';
import { decodeText, encodeText } from '../../shared/node/files/encoding';
import { EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';

export const fixCommand: Command = {
  name: 'fix',
  summaryKey: 'cli.fix.summary',
  usageKey: 'cli.fix.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args, options: { output: { type: 'string', short: 'o' } }, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError(io.t('cli.edit.oneFile'));
    const file = path.resolve(io.cwd, positionals[0]!);
    const output = values.output === undefined ? file : path.resolve(io.cwd, values.output);
    let decoded: ReturnType<typeof decodeText>;
    try {
      decoded = decodeText(await readFile(file));
    } catch (error) {
      io.stderr(io.t('cli.edit.readFailed', { file, message: error instanceof Error ? error.message : String(error) }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    const parsed = parseXml(decoded.text);
    if (!parsed.ok) {
      const at = parsed.error.range.start;
      io.stderr(io.t('cli.edit.notWellFormed', { file, line: at.line, column: at.column, message: parsed.error.message }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    const findings = nearMissNamespaceDiagnostics(parsed.document);
    const edits = fixEdits(findings);
    for (const finding of findings) {
      io.stdout(io.t('cli.fix.applied', { line: finding.range.start.line, column: finding.range.start.column, from: String(finding.params.namespace), to: String(finding.params.intended) }) + '\n');
    }
    if (edits.length === 0) {
      io.stdout(io.t('cli.fix.nothing', { file }) + '\n');
      if (output === file) return EXIT_OK;
    }
    let text = decoded.text;
    for (const edit of edits) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    try {
      await writeFileAtomic(output, encodeText(text, decoded.encoding));
    } catch (error) {
      io.stderr(io.t('cli.edit.writeFailed', { file: output, message: error instanceof Error ? error.message : String(error) }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    return EXIT_OK;
  },
};
