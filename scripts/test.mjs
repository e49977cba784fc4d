// The test run of `npm test`: two Vitest processes side by side, each line of their output
// prefixed with its lane:
//   [e2e]   the e2e project, one file at a time (one browser and one host at a time);
//   [unit]  the unit project, then the stress project (sequence.groupOrder in vitest.config.ts).
// In a single `vitest run` the files of every project would run one after another on a two-core
// machine: Vitest gives the unit project one worker there (cores - 1), and moves a project whose
// files may not run in parallel (e2e) behind every other group. Side by side, the e2e files run
// while the unit files run. Arguments are passed to both (`node scripts/test.mjs test/unit/xml`).
// The exit code is the first non-zero exit code of the two, else 0.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
// A file filter may match files of one lane only: the other lane then has nothing to run.
const extra = process.argv.length > 2 ? ['--passWithNoTests', ...process.argv.slice(2)] : [];
const lanes = [
  { name: 'e2e', projects: ['e2e'] },
  { name: 'unit', projects: ['unit', 'stress'] },
];
const width = Math.max(...lanes.map((lane) => lane.name.length));

function run(lane) {
  const started = Date.now();
  const args = [vitest, 'run', ...lane.projects.flatMap((project) => ['--project', project]), ...extra];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}) } });
  const prefix = `[${lane.name}]`.padEnd(width + 3);
  for (const [stream, sink] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => sink.write(`${prefix}${line}\n`));
  }
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ lane, code: 1, seconds: 0, error }));
    child.on('close', (code, signal) => resolve({ lane, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 }));
  });
}

const started = Date.now();
const results = await Promise.all(lanes.map(run));
for (const { lane, code, seconds, error } of results) {
  const outcome = error ? `could not start: ${error.message}` : code === 0 ? 'passed' : `FAILED (exit code ${code})`;
  console.log(`${lane.name} (${lane.projects.join(', ')}): ${outcome} in ${seconds.toFixed(1)} s`);
}
console.log(`tests: ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(results.find((result) => result.code !== 0)?.code ?? 0);
