// `npm run bench`: bundles test/bench/run.ts with esbuild (the benchmarks import TypeScript
// sources) and runs it. Results go to .bench/results.json and are printed as tables.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outfile = path.join(root, '.bench', 'run.mjs');
await build({
  entryPoints: [path.join(root, 'test/bench/run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
