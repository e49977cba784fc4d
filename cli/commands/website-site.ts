// provstudio website init DIR
// provstudio website simulate URL [--device imsi=…,imei=…,iccid=…] [--pc windows10-2004|internet-explorer]
//   [--language en|fr|pt] [--sim operator|none] [--wifi yes|no] [--mbn yes|no] [--trusted CERT]...
//   [--previous FILE] [--consent accept|decline] [--tls-trust CERT]... [--click SELECTOR]
//   [--timeout SECONDS] [--screenshot PNG] [--results XML] [--save-file XML] [--format text|json]
// provstudio website check URL [--subid IMSI] [--endpoint PATH] [--trusted CERT]... [--tls-trust CERT]...
//   [--format text|json]
// The landing-page kit, the simulator and the pre-flight check of web-site provisioning
// (docs/website.md). Exit codes: 0 the flow works / the check passes, 1 it does not, 2 usage or I/O.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Language } from '../../shared/common/i18n/index';
import type { SimPresence } from '../../shared/common/semantic/dry-run';
import type { DeviceValues } from '../../shared/common/website/account-url';
import { loadNetworkDirectory } from '../../shared/common/website/networks';
import { writeFileAtomic } from '../../shared/node/files/atomic-write';
import { decodeText } from '../../shared/node/files/encoding';
import { certificatesFromPemOrDer } from '../../shared/node/signing/certificates';
import { checkSite } from '../../shared/node/website/check';
import { KitError, writeLandingKit } from '../../shared/node/website/kit';
import { checkText, simulationText } from '../../shared/node/website/report-text';
import { simulate, SimulateError, type SimulatedPc } from '../../shared/node/website/simulate';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo } from '../command';
import { cliLanguage } from '../language';

function choice<T extends string>(io: CliIo, option: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(io.t('cli.website.badChoice', { option, value, choices: choices.join(', ') }));
}

function readCertificates(files: string[], io: CliIo): Uint8Array[] {
  const certificates: Uint8Array[] = [];
  for (const file of files) {
    const full = path.resolve(io.cwd, file);
    try {
      certificates.push(...certificatesFromPemOrDer(new Uint8Array(readFileSync(full))));
    } catch (error) {
      throw new UsageError(io.t('cli.website.badCertificate', { path: full, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
    }
  }
  return certificates;
}

/** imsi=…,imei=…,iccid=… (also min, esn, meid) into the three URL parameters. */
export function deviceFromOption(value: string | undefined, io: CliIo): DeviceValues {
  const device: DeviceValues = {};
  if (!value) return device;
  const parameterOf: Record<string, keyof DeviceValues> = { imsi: 'SubId', min: 'SubId', subid: 'SubId', imei: 'DevId', esn: 'DevId', meid: 'DevId', devid: 'DevId', iccid: 'IccId' };
  for (const part of value.split(',')) {
    const equals = part.indexOf('=');
    const name = parameterOf[part.slice(0, equals).trim().toLowerCase()];
    if (equals < 0 || !name) throw new UsageError(io.t('cli.website.badDevice', { part }));
    device[name] = part.slice(equals + 1).trim();
  }
  return device;
}

export async function runInit(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? io.t('cli.website.missingDir') : io.t('cli.website.tooManyArgs', { args: positionals.slice(1).join(' ') }));
  const target = path.resolve(io.cwd, positionals[0]!);
  try {
    const { files } = await writeLandingKit(target);
    io.stdout(io.t('cli.website.initDone', { path: target, files: files.join(', ') }) + '\n');
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof KitError)) throw error;
    io.stderr(io.t(error.code === 'notEmpty' ? 'cli.website.initNotEmpty' : 'cli.website.initSourceMissing', { path: error.target }) + '\n');
    return EXIT_USAGE_OR_IO;
  }
}

export async function runSimulate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      device: { type: 'string' },
      pc: { type: 'string' },
      language: { type: 'string' },
      sim: { type: 'string' },
      wifi: { type: 'string' },
      mbn: { type: 'string' },
      trusted: { type: 'string', multiple: true, default: [] },
      previous: { type: 'string' },
      consent: { type: 'string' },
      'tls-trust': { type: 'string', multiple: true, default: [] },
      click: { type: 'string' },
      timeout: { type: 'string' },
      screenshot: { type: 'string' },
      results: { type: 'string' },
      'save-file': { type: 'string' },
      format: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? io.t('cli.website.missingUrl') : io.t('cli.website.tooManyArgs', { args: positionals.slice(1).join(' ') }));
  const language = choice<Language>(io, 'language', values.language, ['en', 'fr', 'pt'], cliLanguage(io.env));
  const pc = choice<SimulatedPc>(io, 'pc', values.pc, ['windows10-2004', 'internet-explorer'], 'windows10-2004');
  const sim = choice<SimPresence>(io, 'sim', values.sim, ['operator', 'none'], 'operator');
  const wifi = choice(io, 'wifi', values.wifi, ['yes', 'no'] as const, 'yes') === 'yes';
  const mbn = choice(io, 'mbn', values.mbn, ['yes', 'no'] as const, 'yes') === 'yes';
  const consent = choice(io, 'consent', values.consent, ['accept', 'decline'] as const, 'accept');
  const format = choice(io, 'format', values.format, ['text', 'json'] as const, 'text');
  const seconds = values.timeout === undefined ? 30 : Number(values.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(io.t('cli.website.badChoice', { option: 'timeout', value: values.timeout ?? '', choices: '1, 2, …' }));
  const previousText = values.previous ? decodeText(new Uint8Array(readFileSync(path.resolve(io.cwd, values.previous)))).text : undefined;

  let report;
  try {
    report = await simulate({
      url: positionals[0]!,
      device: deviceFromOption(values.device, io),
      pc,
      language,
      sim,
      wifi,
      mbn,
      trustedCertificates: readCertificates(values.trusted ?? [], io),
      tlsTrust: readCertificates(values['tls-trust'] ?? [], io),
      consent,
      timeoutMs: seconds * 1000,
      screenshot: !!values.screenshot,
      networks: await loadNetworkDirectory(),
      ...(previousText !== undefined ? { previousText } : {}),
      ...(values.click ? { click: values.click } : {}),
    });
  } catch (error) {
    if (error instanceof SimulateError || error instanceof TypeError) throw new UsageError(io.t('cli.website.badUrl', { url: positionals[0]! }));
    throw error;
  }
  const last = report.handovers.at(-1);
  const written = async (option: string | undefined, bytes: Uint8Array | undefined, what: string) => {
    if (!option || !bytes) return;
    await writeFileAtomic(path.resolve(io.cwd, option), bytes);
    io.stderr(io.t('cli.website.written', { what, path: option }) + '\n');
  };
  await written(values.screenshot, report.screenshot, 'PNG');
  await written(values.results, last ? new TextEncoder().encode(last.prediction.resultXml) : undefined, 'CarrierProvisioningResult');
  await written(values['save-file'], last ? new TextEncoder().encode(last.text) : undefined, 'CarrierProvisioning');
  if (format === 'json') {
    const { screenshot: _screenshot, ...rest } = report;
    const handovers = rest.handovers.map(({ prediction, ...handover }) => ({ ...handover, outcome: prediction.outcome, exception: prediction.exception ?? null, signature: prediction.signature, resultXml: prediction.resultXml }));
    io.stdout(JSON.stringify({ ...rest, handovers }, null, 2) + '\n');
  } else {
    io.stdout(simulationText(report, language));
  }
  return report.success ? EXIT_OK : EXIT_FINDINGS;
}

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      subid: { type: 'string' },
      endpoint: { type: 'string' },
      trusted: { type: 'string', multiple: true, default: [] },
      'tls-trust': { type: 'string', multiple: true, default: [] },
      format: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? io.t('cli.website.missingUrl') : io.t('cli.website.tooManyArgs', { args: positionals.slice(1).join(' ') }));
  const format = choice(io, 'format', values.format, ['text', 'json'] as const, 'text');
  const language = cliLanguage(io.env);
  try {
    new URL(positionals[0]!);
  } catch {
    throw new UsageError(io.t('cli.website.badUrl', { url: positionals[0]! }));
  }
  const report = await checkSite({
    url: positionals[0]!,
    language,
    trustedCertificates: readCertificates(values.trusted ?? [], io),
    tlsTrust: readCertificates(values['tls-trust'] ?? [], io),
    ...(values.subid ? { subId: values.subid } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  });
  if (format === 'json') {
    const file = report.file ? { ...report.file, prediction: undefined, outcome: report.file.prediction.outcome, exception: report.file.prediction.exception ?? null, resultXml: report.file.prediction.resultXml } : undefined;
    const findings = report.findings.map((finding) => ({ ...finding, message: io.t(finding.key as never, finding.params) }));
    io.stdout(JSON.stringify({ ...report, findings, file }, null, 2) + '\n');
  } else {
    io.stdout(checkText(report, language));
  }
  return report.passed ? EXIT_OK : EXIT_FINDINGS;
}
