// Whole-process CLI benchmark (issue 14): what a CI step, a pre-commit hook or a shell user waits
// for. Each command runs as its own process, interleaved with its yardsticks in the same run
// (`node -e 0`, Node's own floor, and native `xmllint`), so the ratios stay honest on a shared
// machine. Wall time is measured around the child; peak memory is the child's maximum resident
// set, read by GNU time (`/usr/bin/time -f %M`, Debian package "time").
//
// Rows: validate of a 2 KB file; --help; validate --schema-only of a 20 MB file; the 473-file
// corpus validated in one process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/serve';
import { median, type BenchRow, type BenchSuite } from './report';
import { generateDocument } from './validation';

const GNU_TIME = '/usr/bin/time';
const PROVSTUDIO = path.join(ROOT, 'bin', 'provstudio.cjs');
const DRIVER = path.join(ROOT, 'schemas', 'provisioning.xsd');

export interface ProcessSample {
  ms: number;
  /** Peak resident set in MB (null without GNU time). */
  peakMb: number | null;
  status: number | null;
}

export interface Measured {
  name: string;
  ms: number;
  peakMb: number | null;
}

/** Runs one command once and returns its wall time and peak RSS. */
export function runOnce(command: string, args: readonly string[]): ProcessSample {
  const timed = existsSync(GNU_TIME);
  const started = performance.now();
  const result = timed
    ? spawnSync(GNU_TIME, ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  let peakMb: number | null = null;
  if (timed) {
    // GNU time prints its line last on stderr ("Command exited with non-zero status N" may precede it).
    const lines = result.stderr.trim().split('\n');
    const kilobytes = Number(lines[lines.length - 1]);
    if (Number.isFinite(kilobytes)) peakMb = kilobytes / 1024;
  }
  return { ms, peakMb, status: result.status };
}

interface Contender {
  name: string;
  command: string;
  args: string[];
  /** Exit statuses that mean the command did its job. */
  okStatus: readonly number[];
}

/** Runs the contenders in turn, `runs` rounds, after one warm-up round; medians of time and peak RSS. */
export function interleave(contenders: readonly Contender[], runs: number): Measured[] {
  const samples = contenders.map(() => [] as ProcessSample[]);
  for (let round = -1; round < runs; round++) {
    contenders.forEach((contender, index) => {
      const sample = runOnce(contender.command, contender.args);
      if (!contender.okStatus.includes(sample.status ?? -1)) throw new Error(`${contender.name} exited with ${sample.status}`);
      if (round >= 0) samples[index]!.push(sample);
    });
  }
  return contenders.map((contender, index) => {
    const peaks = samples[index]!.map((sample) => sample.peakMb).filter((value): value is number => value !== null);
    return { name: contender.name, ms: median(samples[index]!.map((sample) => sample.ms)), peakMb: peaks.length ? median(peaks) : null };
  });
}

function corpusFiles(): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.xml')) files.push(full);
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures', 'corpus'));
  return files.sort();
}

export interface CliBenchResult {
  smallBytes: number;
  bigBytes: number;
  corpusFiles: number;
  measured: Measured[];
  /** The machine's 1/5/15-minute load averages when the run started (other work on a shared machine). */
  loadAverage: number[];
}

export function runCliBench(options: { runs?: number; outputDirectory?: string } = {}): CliBenchResult {
  const loadAverage = os.loadavg();
  const runs = options.runs ?? 5;
  const outputDirectory = options.outputDirectory ?? path.join(ROOT, '.bench');
  mkdirSync(outputDirectory, { recursive: true });
  const small = path.join(outputDirectory, 'cli-2KB.xml');
  writeFileSync(small, generateDocument(2048));
  const big = path.join(outputDirectory, 'cli-20MB.xml');
  if (!existsSync(big) || Math.abs(statSync(big).size - 20 * 1024 * 1024) > 2 * 1024 * 1024) writeFileSync(big, generateDocument(20 * 1024 * 1024));
  const corpus = corpusFiles();
  const node = process.execPath;
  const startup = interleave(
    [
      { name: 'node -e 0', command: node, args: ['-e', '0'], okStatus: [0] },
      { name: 'xmllint --schema 2 KB', command: 'xmllint', args: ['--noout', '--nonet', '--schema', DRIVER, small], okStatus: [0] },
      { name: 'provstudio validate 2 KB', command: node, args: [PROVSTUDIO, 'validate', small], okStatus: [0] },
      { name: 'provstudio --help', command: node, args: [PROVSTUDIO, '--help'], okStatus: [0] },
    ],
    runs,
  );
  const bigFile = interleave(
    [
      { name: 'xmllint --schema 20 MB', command: 'xmllint', args: ['--noout', '--nonet', '--schema', DRIVER, big], okStatus: [0] },
      { name: 'xmllint --stream --schema 20 MB', command: 'xmllint', args: ['--noout', '--nonet', '--stream', '--schema', DRIVER, big], okStatus: [0] },
      { name: 'provstudio validate --schema-only 20 MB', command: node, args: [PROVSTUDIO, 'validate', '--schema-only', big], okStatus: [0] },
    ],
    Math.max(3, Math.min(runs, 5)),
  );
  // The corpus holds invalid files on purpose: exit 1 (findings) is the expected outcome.
  const batch = interleave(
    [
      { name: `provstudio validate (${corpus.length} corpus files, one process)`, command: node, args: [PROVSTUDIO, 'validate', ...corpus], okStatus: [1] },
      // xmllint exits 3 when some file fails validation.
      { name: 'xmllint --schema batch', command: 'xmllint', args: ['--noout', '--nonet', '--schema', DRIVER, ...corpus], okStatus: [3] },
    ],
    Math.max(3, Math.min(runs, 5)),
  );
  return { smallBytes: statSync(small).size, bigBytes: statSync(big).size, corpusFiles: corpus.length, measured: [...startup, ...bigFile, ...batch], loadAverage };
}

function find(result: CliBenchResult, prefix: string): Measured {
  const found = result.measured.find((entry) => entry.name.startsWith(prefix));
  if (!found) throw new Error(`no measurement ${prefix}`);
  return found;
}

/** The table: each row with its yardstick from the same run and the ratio. */
export function cliSuite(result: CliBenchResult): BenchSuite {
  const nodeFloor = find(result, 'node -e 0');
  const xmllintSmall = find(result, 'xmllint --schema 2 KB');
  const validateSmall = find(result, 'provstudio validate 2 KB');
  const help = find(result, 'provstudio --help');
  const xmllintBig = find(result, 'xmllint --schema 20 MB');
  const xmllintStream = find(result, 'xmllint --stream');
  const validateBig = find(result, 'provstudio validate --schema-only');
  const batch = find(result, 'provstudio validate (');
  const xmllintBatch = find(result, 'xmllint --schema batch');
  const mb = (value: number | null) => value ?? NaN;
  const rows: BenchRow[] = [
    { name: `validate ${result.smallBytes} B file`, value: validateSmall.ms, unit: 'ms', target: { comparison: '<=', value: 150 } },
    { name: 'validate 2 KB, peak memory', value: mb(validateSmall.peakMb), unit: 'MB', target: { comparison: '<=', value: 60 } },
    { name: 'yardstick: node -e 0', value: nodeFloor.ms, unit: 'ms', note: `${mb(nodeFloor.peakMb).toFixed(0)} MB` },
    { name: 'yardstick: xmllint --schema 2 KB', value: xmllintSmall.ms, unit: 'ms', note: `${mb(xmllintSmall.peakMb).toFixed(0)} MB` },
    { name: 'validate 2 KB / node -e 0', value: validateSmall.ms / nodeFloor.ms, unit: 'ratio' },
    { name: 'validate 2 KB / xmllint', value: validateSmall.ms / xmllintSmall.ms, unit: 'ratio' },
    { name: '--help', value: help.ms, unit: 'ms', target: { comparison: '<=', value: 120 } },
    { name: '--help / node -e 0', value: help.ms / nodeFloor.ms, unit: 'ratio' },
    { name: `validate --schema-only ${(result.bigBytes / 1048576).toFixed(1)} MB`, value: validateBig.ms, unit: 'ms' },
    { name: 'yardstick: xmllint --schema 20 MB', value: xmllintBig.ms, unit: 'ms', note: `${mb(xmllintBig.peakMb).toFixed(0)} MB` },
    { name: 'yardstick: xmllint --stream --schema 20 MB', value: xmllintStream.ms, unit: 'ms', note: `${mb(xmllintStream.peakMb).toFixed(0)} MB` },
    { name: '20 MB time / xmllint --schema', value: validateBig.ms / xmllintBig.ms, unit: 'ratio', target: { comparison: '<=', value: 1 } },
    { name: '20 MB peak memory', value: mb(validateBig.peakMb), unit: 'MB' },
    { name: '20 MB memory / xmllint --schema', value: mb(validateBig.peakMb) / mb(xmllintBig.peakMb), unit: 'ratio', target: { comparison: '<=', value: 1 } },
    { name: `batch: ${result.corpusFiles} corpus files in one process`, value: batch.ms, unit: 'ms', note: `${mb(batch.peakMb).toFixed(0)} MB; 900 ms before issue 14` },
    { name: 'yardstick: xmllint --schema, same files, one process', value: xmllintBatch.ms, unit: 'ms' },
    { name: 'batch / xmllint', value: batch.ms / xmllintBatch.ms, unit: 'ratio' },
  ];
  return { suite: `CLI start-up and big files, whole process (medians; yardsticks in the same run; load average ${result.loadAverage.map((value) => value.toFixed(1)).join(' ')})`, rows };
}
