// Builds everything the app and the CLI run from:
//   dist/cli/provstudio.cjs      the CLI's launcher (Node, CommonJS, cli/launch.ts): runs the CLI
//                                as scripts compiled from V8's code cache: dist/cli/cli-*.js (the
//                                CLI in chunks, each compiled when a command first needs it) and,
//                                when a command needs it, libxml2-HASH.js (libxml2-wasm; its
//                                WebAssembly as dist/cli/libxml2.wasm)
//   dist/native/provstudio-xsd.node  the CLI's native XSD engine (C, the system's libxml2), where
//                                a C compiler and libxml2-dev are there (scripts/build-native.mjs)
//   dist/electron/main.cjs       Electron main process
//   dist/cli/generate-worker.mjs the batch workers of `provstudio generate` (also in dist/electron/)
//   dist/lib/provstudio.mjs      the library for servers: render(template, bindings, row), sign(bytes, signer)
//   dist/electron/preload.cjs    Electron preload (sandboxed: one CommonJS file, only `electron` external)
//   dist/renderer/               the React + Monaco renderer (Vite)
// `node scripts/build.mjs --if-needed` (npm test, npm start) skips the Node bundles and the renderer
// when each is newer than its sources and the build's own inputs (these scripts, the Vite config,
// the lockfile): `npm ci` has just built them through `prepare`.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { jsonAsParse } from './json-as-parse.mjs';
import { libxml2WasmFile } from './libxml2-wasm-file.mjs';
import { buildCliChunks, finishLibxml2Script, LIBXML2_SCRIPT_ENTRY, requireExternals } from './cli-script.mjs';
import { buildNativeXsd } from './build-native.mjs';

const root = path.resolve(import.meta.dirname, '..');
const ifNeeded = process.argv.includes('--if-needed');

/** The newest modification time of a file, or of the files under a folder. */
function newestMtime(file) {
  const stats = statSync(file);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(file)) {
    if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(path.join(file, entry)));
  }
  return newest;
}

const BUILD_INPUTS = ['scripts', 'vite.renderer.config.ts', 'package-lock.json'];

function upToDate(output, sources) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return [...sources, ...BUILD_INPUTS].every((source) => newestMtime(path.join(root, source)) < built);
}

const started = Date.now();
// The schema model the renderer loads (shared/common/schema-model/generated) follows schemas/*.xsd.
const schemaModel = spawnSync(process.execPath, [path.join(root, 'scripts/compile-schema-model.mjs')], { stdio: 'inherit' });
if (schemaModel.status !== 0) process.exit(schemaModel.status ?? 1);

// The CLI's native XSD engine; without it the CLI validates with libxml2-wasm (same verdicts).
const native = buildNativeXsd(root);
if (!native.built) console.warn(`build: native XSD engine not built (${native.reason}); the CLI will use libxml2-wasm`);

const nodeSources = ['cli', 'shared', 'electron'];
if (!(ifNeeded && upToDate(path.join(root, 'dist/cli/provstudio.cjs'), nodeSources))) {
  // The CLI starts once per call, so it compiles and evaluates only what the command needs: each
  // command's modules and each non-English catalogue are chunks of their own, read on first use
  // and compiled from V8's code cache (scripts/cli-script.mjs, cli/launch.ts, docs/performance.md).
  const cliDirectory = path.join(root, 'dist/cli');
  for (const entry of existsSync(cliDirectory) ? readdirSync(cliDirectory) : []) {
    if (/\.(mjs|mjs\.map|cjs|cjs\.map|js|wasm)$/.test(entry)) rmSync(path.join(cliDirectory, entry));
  }
  const cli = await buildCliChunks({ entry: path.join(root, 'cli/provstudio.ts'), outdir: cliDirectory, plugins: [jsonAsParse()] });
  const libxml2Output = path.join(cliDirectory, 'libxml2-script.js');
  await esbuild({
    stdin: { contents: LIBXML2_SCRIPT_ENTRY, resolveDir: root, loader: 'js' },
    outfile: libxml2Output,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [libxml2WasmFile(cliDirectory), requireExternals()],
    define: { 'import.meta.url': '__importMetaUrl' },
    logLevel: 'warning',
  });
  const libxml2Script = finishLibxml2Script(libxml2Output);
  // The launcher (bin/provstudio.cjs requires it): CommonJS, so Node does not load its ES module loader.
  await esbuild({
    entryPoints: [path.join(root, 'cli/launch.ts')],
    outfile: path.join(cliDirectory, 'provstudio.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    define: {
      CLI_ENTRY: JSON.stringify(cli.entry),
      CLI_PACKS: JSON.stringify(cli.packOf),
      CLI_BUILD: JSON.stringify(createHash('sha256').update(`${cli.hash}\0${libxml2Script}`).digest('hex').slice(0, 16)),
      LIBXML2_SCRIPT: JSON.stringify(libxml2Script),
    },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // The batch workers of `provstudio generate` (and of the app's Data panel): one bundle beside each host.
  for (const directory of ['dist/cli', 'dist/electron']) {
    await esbuild({
      entryPoints: [path.join(root, 'shared/node/subscriber/worker.ts')],
      outfile: path.join(root, directory, 'generate-worker.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      plugins: [jsonAsParse()],
      sourcemap: 'linked',
      logLevel: 'warning',
    });
  }
  // The library entry point for servers (render + sign on demand; see docs/subscribers.md).
  await esbuild({
    entryPoints: [path.join(root, 'shared/node/subscriber/library.ts')],
    outfile: path.join(root, 'dist/lib/provstudio.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [jsonAsParse()],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const name of ['main', 'preload', 'secret-preload']) {
    await esbuild({
      entryPoints: [path.join(root, `electron/${name}.ts`)],
      outfile: path.join(root, `dist/electron/${name}.cjs`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Preloads run sandboxed: everything but `electron` must be inlined.
      external: name.endsWith('preload') ? ['electron'] : ['electron', ...Object.keys((await import('../package.json', { with: { type: 'json' } })).default.dependencies)],
      plugins: [jsonAsParse()],
      sourcemap: 'linked',
      logLevel: 'warning',
      // Modules shared with the ESM CLI read `__dirname ?? import.meta.url`; in CommonJS the first is set.
      logOverride: { 'empty-import-meta': 'silent' },
    });
  }
}

// The OS key-store helpers run as scripts (PowerShell on Windows, Swift on macOS): ship them beside the bundles.
for (const target of ['dist/cli/keystores', 'dist/electron/keystores']) {
  for (const helper of ['windows', 'macos']) {
    cpSync(path.join(root, 'shared/node/keystores', helper), path.join(root, target, helper), { recursive: true });
  }
}

if (!(ifNeeded && upToDate(path.join(root, 'dist/renderer/index.html'), ['renderer', 'shared/common', 'schemas']))) {
  await viteBuild({ configFile: path.join(root, 'vite.renderer.config.ts'), logLevel: 'warn' });
}
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
