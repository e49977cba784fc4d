// One file per subscriber, in bulk (issue: per-subscriber generation). Measured with the built CLI
// in its own process (wall time and peak RSS from /usr/bin/time):
// - 10,000 rows of the 3 KB example template (default profile, hotspot profile, plan, refresh
//   parameters) rendered, validated and signed with a PFX key, target <= 20 s on this machine;
// - the same 1,000 rows, for the memory comparison (peak RSS at 10,000 within 10 % of 1,000);
// - the yardstick in the same run: a shell loop signing each file with xmlsec1 (one process per
//   file), measured on a subset and extrapolated to 10,000 files;
// - the same with SoftHSM through PKCS#11 (one session; files per second).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOFTHSM_CANDIDATES } from '../../shared/node/keystores/pkcs11-store';
import { makeTestEvKit } from '../../shared/node/signing/test-ev-kit';
import type { BenchSuite } from './report';
import { findRoot } from './validation';

const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
const CLI = path.join(ROOT, 'dist', 'cli', 'provstudio.cjs');
const EXAMPLE = path.join(ROOT, 'examples', 'bulk');
const PASSWORD = 'bench-password';
const XMLSEC_SUBSET = 300;

export interface SubscriberBenchResult {
  templateBytes: number;
  cores: number;
  pfx10k: { seconds: number; cpuSeconds: number; peakRssMb: number; valid: number; loadPerCore: number };
  pfx1k: { seconds: number; cpuSeconds: number; peakRssMb: number; valid: number };
  rssGrowth: number;
  xmlsec1: { subset: number; seconds: number; extrapolated10kSeconds: number } | null;
  ratio: number | null;
  softhsm: { rows: number; seconds: number; filesPerSecond: number } | null;
}

function csvRows(count: number): string {
  const header = 'SubscriberId,HotspotUser,HotspotPassword,DataLimitMB,UsageMB,OverLimit,PortalDomains,RefreshUser,RefreshPassword';
  const lines = [header];
  for (let index = 1; index <= count; index++) {
    const id = String(310260000000000 + index);
    lines.push(`${id},wispr${id},Hs${index.toString(36)}Pw!x,${[1024, 5120, 10240][index % 3]},${index % 997},false,www.contosoportal.com${index % 3 === 0 ? '|login.contoso.com' : ''},refresh${id},Rf${index.toString(36)}Pw!y`);
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Runs the CLI under /usr/bin/time: wall seconds, CPU seconds (user + system, all threads) and peak
 * RSS (MB) of the whole process, workers included. The CPU time says what the wall time would be on
 * an otherwise idle machine when other work shares the cores.
 */
function timedGenerate(args: string[], env: NodeJS.ProcessEnv): { seconds: number; cpuSeconds: number; peakRssMb: number; output: string } {
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M %U %S', process.execPath, CLI, 'generate', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const match = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (!match) throw new Error(`generate failed: ${result.stdout}${result.stderr}`);
  return { seconds: Number(match[1]), cpuSeconds: Number(match[3]) + Number(match[4]), peakRssMb: Number(match[2]) / 1024, output: result.stdout + result.stderr };
}

/** The load average over the last minute, per core: above 1, other work competed for the cores. */
function loadPerCore(): number {
  return os.loadavg()[0]! / os.availableParallelism();
}

function validCount(output: string): number {
  return Number(/Written: (\d+)/.exec(output)?.[1] ?? NaN);
}

/** xmlsec1 signs a template: the file with an empty Signature (same profile as ours) before the root's end tag. */
function xmlsecTemplate(text: string): string {
  const signature = `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>`;
  return text.replace('</CarrierProvisioning>', `${signature}</CarrierProvisioning>`);
}

function setUpSoftHsm(directory: string, pfxPath: string): { module: string; env: NodeJS.ProcessEnv } | null {
  const module = SOFTHSM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!module || spawnSync('softhsm2-util', ['--version']).error) return null;
  const tokens = path.join(directory, 'softhsm', 'tokens');
  mkdirSync(tokens, { recursive: true });
  const config = path.join(directory, 'softhsm', 'softhsm2.conf');
  writeFileSync(config, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: config };
  const run = (command: string, args: string[]) => {
    const result = spawnSync(command, args, { encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`${command}: ${result.stderr}`);
  };
  run('softhsm2-util', ['--init-token', '--free', '--label', 'bench', '--pin', '4321', '--so-pin', '87654321']);
  run('openssl', ['pkcs12', '-in', pfxPath, '-passin', `pass:${PASSWORD}`, '-nocerts', '-nodes', '-out', path.join(directory, 'key.pem')]);
  run('openssl', ['pkcs12', '-in', pfxPath, '-passin', `pass:${PASSWORD}`, '-clcerts', '-nokeys', '-out', path.join(directory, 'cert.pem')]);
  run('openssl', ['x509', '-in', path.join(directory, 'cert.pem'), '-outform', 'DER', '-out', path.join(directory, 'cert.der')]);
  run('softhsm2-util', ['--import', path.join(directory, 'key.pem'), '--token', 'bench', '--label', 'signer', '--id', 'c0ffee', '--pin', '4321']);
  run('pkcs11-tool', ['--module', module, '--login', '--pin', '4321', '--token-label', 'bench', '--write-object', path.join(directory, 'cert.der'), '--type', 'cert', '--id', 'c0ffee', '--label', 'signer']);
  rmSync(path.join(directory, 'key.pem'));
  return { module, env: { SOFTHSM2_CONF: config, TOKEN_PIN: '4321' } };
}

export async function runSubscriberBench(): Promise<{ result: SubscriberBenchResult; suite: BenchSuite }> {
  const directory = path.join(os.tmpdir(), `provstudio-bench-subscriber-${process.pid}`);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const kit = await makeTestEvKit(path.join(directory, 'kit'), PASSWORD);
  const template = path.join(EXAMPLE, 'template.xml');
  writeFileSync(path.join(directory, 'rows-10000.csv'), csvRows(10000));
  writeFileSync(path.join(directory, 'rows-1000.csv'), csvRows(1000));
  const env = { BENCH_PFX_PASSWORD: PASSWORD };
  const pfxArgs = (rows: number, out: string) => ['--template', template, '--data', path.join(directory, `rows-${rows}.csv`), '--out', path.join(directory, out), '--pfx', kit.pfxPath, '--password-env', 'BENCH_PFX_PASSWORD'];

  const small = timedGenerate(pfxArgs(1000, 'out-1000'), env);
  const large = timedGenerate(pfxArgs(10000, 'out-10000'), env);
  const load = loadPerCore();

  // The yardstick: one xmlsec1 process per file, as a shell loop would run it.
  let xmlsec1: SubscriberBenchResult['xmlsec1'] = null;
  if (!spawnSync('xmlsec1', ['--version']).error) {
    const inputs = path.join(directory, 'xmlsec-in');
    const outputs = path.join(directory, 'xmlsec-out');
    mkdirSync(inputs);
    mkdirSync(outputs);
    const unsigned = readFileSync(template, 'utf8');
    for (let index = 1; index <= XMLSEC_SUBSET; index++) {
      writeFileSync(path.join(inputs, `${index}.xml`), xmlsecTemplate(unsigned.replace('310260000000000', String(310260000000000 + index))));
    }
    const script = `for f in "$IN"/*.xml; do xmlsec1 --sign --pkcs12 "$PFX" --pwd "$PW" --output "$OUT/$(basename "$f")" "$f" || exit 1; done`;
    const started = performance.now();
    const loop = spawnSync('bash', ['-c', script], { env: { ...process.env, IN: inputs, OUT: outputs, PFX: kit.pfxPath, PW: PASSWORD }, encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    if (loop.status === 0 && readdirSync(outputs).length === XMLSEC_SUBSET) xmlsec1 = { subset: XMLSEC_SUBSET, seconds, extrapolated10kSeconds: (seconds * 10000) / XMLSEC_SUBSET };
    else console.warn(`xmlsec1 loop failed: ${loop.stderr}`);
  }

  let softhsm: SubscriberBenchResult['softhsm'] = null;
  const token = setUpSoftHsm(directory, kit.pfxPath);
  if (token) {
    const run = timedGenerate(['--template', template, '--data', path.join(directory, 'rows-1000.csv'), '--out', path.join(directory, 'out-softhsm'), '--pkcs11-module', token.module, '--token-label', 'bench', '--pin-env', 'TOKEN_PIN'], token.env);
    softhsm = { rows: validCount(run.output), seconds: run.seconds, filesPerSecond: validCount(run.output) / run.seconds };
  }

  const result: SubscriberBenchResult = {
    templateBytes: readFileSync(template).length,
    cores: os.availableParallelism(),
    pfx10k: { seconds: large.seconds, cpuSeconds: large.cpuSeconds, peakRssMb: large.peakRssMb, valid: validCount(large.output), loadPerCore: load },
    pfx1k: { seconds: small.seconds, cpuSeconds: small.cpuSeconds, peakRssMb: small.peakRssMb, valid: validCount(small.output) },
    rssGrowth: large.peakRssMb / small.peakRssMb - 1,
    xmlsec1,
    ratio: xmlsec1 ? xmlsec1.extrapolated10kSeconds / large.seconds : null,
    softhsm,
  };
  rmSync(directory, { recursive: true, force: true });
  const suite: BenchSuite = {
    suite: `One file per subscriber: render + validate + sign (${(result.templateBytes / 1024).toFixed(1)} KB template, ${result.cores} cores)`,
    rows: [
      { name: '10,000 rows, PFX key', value: large.seconds * 1000, unit: 'ms', target: { comparison: '<=', value: 20000 }, note: `${result.pfx10k.valid} files written; load ${load.toFixed(1)} per core during the run` },
      { name: '10,000 rows, CPU time (user + system, all threads)', value: large.cpuSeconds * 1000, unit: 'ms', note: `${((large.cpuSeconds * 1000) / 10000).toFixed(2)} ms per file; / ${result.cores} cores = ${((large.cpuSeconds / result.cores) * 1000).toFixed(0)} ms on idle cores` },
      { name: '1,000 rows, PFX key', value: small.seconds * 1000, unit: 'ms' },
      ...(xmlsec1
        ? [
            { name: 'xmlsec1 shell loop, 10,000 files', value: xmlsec1.extrapolated10kSeconds * 1000, unit: 'ms' as const, note: `measured on ${xmlsec1.subset} files (${xmlsec1.seconds.toFixed(1)} s), extrapolated` },
            { name: 'xmlsec1 loop / ours', value: result.ratio!, unit: 'ratio' as const, target: { comparison: '>=' as const, value: 20 } },
          ]
        : []),
      { name: 'peak RSS at 1,000 rows', value: small.peakRssMb, unit: 'MB' },
      { name: 'peak RSS at 10,000 rows', value: large.peakRssMb, unit: 'MB' },
      { name: 'peak RSS 10,000 / 1,000', value: large.peakRssMb / small.peakRssMb, unit: 'ratio', target: { comparison: '<=', value: 1.1 } },
      ...(softhsm ? [{ name: 'SoftHSM (PKCS#11, one session), files per second', value: softhsm.filesPerSecond, unit: 'count' as const, note: `${softhsm.rows} files in ${softhsm.seconds.toFixed(1)} s` }] : []),
    ],
  };
  return { result, suite };
}
