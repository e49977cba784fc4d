// provstudio website url build --base URL [--subid V] [--devid V] [--iccid V] [--format text|json]
// provstudio website url parse URL [--format text|json]
// provstudio website cosa check COSA.json [--format text|json]
// provstudio website cosa export COSA.json --format checklist-md|checklist-csv|checklist-json|customizations|apndb [-o OUT]
// provstudio website init|simulate|check …: the landing-page kit, the simulator, the pre-flight (website-site.ts)
// The URL Windows opens for the operator's AccountExperienceURL, built or taken apart, every field
// checked; the operator's COSA entry checked against COSA's rules and exported.
// Exit codes: 0 valid (url) / no error (cosa), 1 an invalid field or a rule broken (nothing is
// written then), 2 usage or I/O error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../shared/node/files/atomic-write';
import { CosaExportError } from '../../shared/common/website/cosa/customizations';
import { COSA_EXPORT_FORMATS, exportCosa, formatCosaFinding } from '../../shared/common/website/cosa/export';
import { readCosaJson, type CosaFinding } from '../../shared/common/website/cosa/model';
import { checkCosaEntry } from '../../shared/common/website/cosa/rules';
import { cliLanguage } from '../language';
import { buildAccountUrl, parseAccountUrl, type AccountUrlAnalysis, type DeviceValues } from '../../shared/common/website/account-url';
import { analysisJson, formatAnalysisText } from '../../shared/common/website/describe';
import { loadNetworkDirectory } from '../../shared/common/website/networks';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo, type Command } from '../command';

const URL_FORMATS = ['text', 'json'] as const;

function checkFormat<T extends string>(value: string | undefined, formats: readonly T[], io: CliIo): T {
  const format = (value ?? formats[0]) as T;
  if (!formats.includes(format)) throw new UsageError(io.t('cli.website.badFormat', { format: value ?? '', formats: formats.join(', ') }));
  return format;
}

function printAnalysis(analysis: AccountUrlAnalysis, format: (typeof URL_FORMATS)[number], io: CliIo): number {
  const language = cliLanguage(io.env);
  io.stdout(format === 'json' ? JSON.stringify(analysisJson(analysis, language), null, 2) + '\n' : formatAnalysisText(analysis, language));
  return analysis.valid ? EXIT_OK : EXIT_FINDINGS;
}

async function runUrl(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'build') {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { base: { type: 'string' }, subid: { type: 'string' }, devid: { type: 'string' }, iccid: { type: 'string' }, format: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(io.t('cli.website.tooManyArgs', { args: positionals.join(' ') }));
    if (values.base === undefined) throw new UsageError(io.t('cli.website.missingBase'));
    const format = checkFormat(values.format, URL_FORMATS, io);
    const device: DeviceValues = {};
    if (values.subid !== undefined) device.SubId = values.subid;
    if (values.devid !== undefined) device.DevId = values.devid;
    if (values.iccid !== undefined) device.IccId = values.iccid;
    return printAnalysis(buildAccountUrl(values.base, device, await loadNetworkDirectory()), format, io);
  }
  if (action === 'parse') {
    const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' } }, strict: true, allowPositionals: true });
    if (positionals.length === 0) throw new UsageError(io.t('cli.website.missingUrl'));
    if (positionals.length > 1) throw new UsageError(io.t('cli.website.tooManyArgs', { args: positionals.slice(1).join(' ') }));
    const format = checkFormat(values.format, URL_FORMATS, io);
    return printAnalysis(parseAccountUrl(positionals[0] as string, await loadNetworkDirectory()), format, io);
  }
  throw new UsageError(io.t('cli.website.unknownSubcommand', { name: `url ${action ?? ''}`.trim() }));
}

/** Reads and checks COSA.json (and its branding icon, relative to it). I/O errors propagate (exit 2). */
async function readAndCheckCosa(file: string, io: CliIo) {
  const fullPath = path.resolve(io.cwd, file);
  const read = readCosaJson(readFileSync(fullPath, 'utf8'));
  if (!read.entry) return { entry: null, findings: read.findings };
  let iconBytes: Uint8Array | null | undefined;
  const icon = read.entry.branding?.icon;
  if (icon) {
    try {
      iconBytes = readFileSync(path.resolve(path.dirname(fullPath), icon));
    } catch {
      iconBytes = null;
    }
  }
  const findings = [...read.findings, ...checkCosaEntry(read.entry, await loadNetworkDirectory(), { iconBytes, locate: read.locate })];
  return { entry: read.entry, findings };
}

function printCosaFindings(findings: readonly CosaFinding[], file: string, io: CliIo, toStderr: boolean): void {
  const language = cliLanguage(io.env);
  const inFileOrder = [...findings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const text = inFileOrder.map((finding) => formatCosaFinding(finding, language, file) + '\n').join('');
  if (text) (toStderr ? io.stderr : io.stdout)(text);
}

const hasErrors = (findings: readonly CosaFinding[]) => findings.some((finding) => finding.severity === 'error');

async function runCosa(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'check') {
    const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' } }, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? io.t('cli.website.missingCosa') : io.t('cli.website.tooManyArgs', { args: positionals.slice(1).join(' ') }));
    const format = checkFormat(values.format, URL_FORMATS, io);
    const file = positionals[0] as string;
    const { findings } = await readAndCheckCosa(file, io);
    if (format === 'json') {
      const report = findings.map((finding) => ({ path: finding.path, severity: finding.severity, code: finding.code, line: finding.line, column: finding.column, message: io.t(finding.key, finding.params) }));
      io.stdout(JSON.stringify({ file, valid: !hasErrors(findings), findings: report }, null, 2) + '\n');
    } else {
      printCosaFindings(findings, file, io, false);
      io.stdout(io.t(hasErrors(findings) ? 'cosa.verdict.invalid' : 'cosa.verdict.valid') + '\n');
    }
    return hasErrors(findings) ? EXIT_FINDINGS : EXIT_OK;
  }
  if (action === 'export') {
    const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' }, output: { type: 'string', short: 'o' } }, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? io.t('cli.website.missingCosa') : io.t('cli.website.tooManyArgs', { args: positionals.slice(1).join(' ') }));
    if (values.format === undefined) throw new UsageError(io.t('cli.website.missingFormat', { formats: COSA_EXPORT_FORMATS.join(', ') }));
    const format = checkFormat(values.format, COSA_EXPORT_FORMATS, io);
    const file = positionals[0] as string;
    const { entry, findings } = await readAndCheckCosa(file, io);
    printCosaFindings(findings, file, io, true);
    if (!entry || hasErrors(findings)) {
      io.stderr(io.t('cosa.export.notWritten') + '\n');
      return EXIT_FINDINGS;
    }
    let text: string;
    try {
      text = exportCosa(entry, format, cliLanguage(io.env));
    } catch (error) {
      if (!(error instanceof CosaExportError)) throw error;
      io.stderr(`${file}: ${io.t('website.severity.error')} ${error.path}: ${io.t('cosa.export.imsiRangeInCustomizations')} [${error.code}]\n${io.t('cosa.export.notWritten')}\n`);
      return EXIT_FINDINGS;
    }
    if (format === 'apndb') io.stderr(`${io.t('website.severity.warning')}: ${io.t('cosa.export.hardwareIdNote')}\n`);
    if (values.output) {
      await writeFileAtomic(path.resolve(io.cwd, values.output), new TextEncoder().encode(text));
      io.stderr(io.t('cosa.export.written', { path: values.output }) + '\n');
    } else {
      io.stdout(text);
    }
    return EXIT_OK;
  }
  throw new UsageError(io.t('cli.website.unknownSubcommand', { name: `cosa ${action ?? ''}`.trim() }));
}

export const websiteCommand: Command = {
  name: 'website',
  summaryKey: 'cli.website.summary',
  usageKey: 'cli.website.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const [group, ...rest] = args;
    if (group === 'url') return runUrl(rest, io);
    if (group === 'cosa') return runCosa(rest, io);
    if (group === 'init') return (await import('./website-site')).runInit(rest, io);
    if (group === 'simulate') return (await import('./website-site')).runSimulate(rest, io);
    if (group === 'check') return (await import('./website-site')).runCheck(rest, io);
    throw new UsageError(io.t('cli.website.unknownSubcommand', { name: group ?? '' }));
  },
};
