// provstudio website url build --base URL [--subid V] [--devid V] [--iccid V] [--format text|json]
// provstudio website url parse URL [--format text|json]
// The URL Windows opens for the operator's AccountExperienceURL, built or taken apart, every field
// checked. Exit codes: 0 every field valid, 1 a field is invalid, 2 usage error.
import { parseArgs } from 'node:util';
import { cliLanguage } from '../main';
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

export const websiteCommand: Command = {
  name: 'website',
  summaryKey: 'cli.website.summary',
  usageKey: 'cli.website.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const [group, ...rest] = args;
    if (group === 'url') return runUrl(rest, io);
    throw new UsageError(io.t('cli.website.unknownSubcommand', { name: group ?? '' }));
  },
};
