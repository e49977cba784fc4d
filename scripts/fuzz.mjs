// `npm run fuzz`: bundles test/support/fuzz-cli.ts with esbuild (it imports TypeScript sources)
// and runs it with the given arguments (--seed, --documents, --edits, --signing).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outfile = path.join(root, '.bench', 'fuzz.mjs');
await build({
  entryPoints: [path.join(root, 'test/support/fuzz-cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
