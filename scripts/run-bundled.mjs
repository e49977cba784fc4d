// Runs a TypeScript entry point of the test tree (benchmarks, the long fuzz) the one way they are
// run: bundled by esbuild into .bench/ (they import TypeScript sources), then started in Node with
// the given Node flags and this process's arguments; exits with its status.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export async function runBundled(entryPoint, outputName, nodeFlags = []) {
  const outfile = path.join(root, '.bench', outputName);
  await build({
    entryPoints: [path.join(root, entryPoint)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, [...nodeFlags, outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  process.exit(result.status ?? 1);
}
