// The built CLI's entry (dist/cli/provstudio.mjs; bin/provstudio.mjs imports it). It runs the CLI
// as two scripts beside it (scripts/cli-script.mjs): provstudio-HASH.js, the whole CLI, and, when
// a command needs it, libxml2-HASH.js, libxml2-wasm's JavaScript; each compiled from V8's code
// cache when there is one.
//
// Node 20 compiles every ES module from source in every process; a script compiled with
// `vm.Script` can take the code V8 compiled in an earlier run (`cachedData`). The cache is made
// at the end of a run (`createCachedData()` after the command ran), so it holds the functions the
// command actually used, not only the top level; one file per script and command (code-cache.ts).
// When there is no cache, or V8 rejects it (another V8 or other flags, a damaged file), the script
// compiles from source as it would without one, and the cache is written anew after the run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { cacheCommand, cacheDirectoryWritable, checkCodeCacheChecksums, codeCacheDirectory, codeCacheFile, readCodeCache, writeCodeCache } from './code-cache';
import { resetWasmTieringFlags } from './wasm-tiering';

/** The scripts' file names, set by the build (scripts/build.mjs). */
declare const CLI_SCRIPT: string;
declare const LIBXML2_SCRIPT: string;

/** The scripts' functions (their parameters: scripts/cli-script.mjs). */
type ScriptRequire = (id: string) => unknown;
type Libxml2Script = (require: ScriptRequire, filename: string, dirname: string, importMetaUrl: string) => Promise<unknown>;
type CliScript = (require: ScriptRequire, filename: string, dirname: string, importMetaUrl: string, importLibxml2: () => Promise<unknown>) => Promise<void>;

interface CompiledScript {
  file: string;
  script: vm.Script;
  /** Where its cache goes, when the cache is on and this run did not use one. */
  writeCacheTo: string | null;
  /** The cache to write, made once the script has done its work. */
  cache?: Buffer;
}

const directory = path.dirname(fileURLToPath(import.meta.url));
const cacheDirectory = codeCacheDirectory(process.env);
if (cacheDirectory !== null) checkCodeCacheChecksums();
const command = cacheCommand(process.argv.slice(2));

let writable: boolean | undefined;
/** Asked only when a cache is missing or rejected (a run that uses its caches writes nothing). */
function cacheWritable(): boolean {
  writable ??= cacheDirectory !== null && cacheDirectoryWritable(cacheDirectory);
  return writable;
}

function compile(name: string): CompiledScript {
  const file = path.join(directory, name);
  // The build writes the scripts in ASCII: latin1 reads them without UTF-8 decoding.
  const source = readFileSync(file, 'latin1');
  const cacheFile = cacheDirectory === null ? null : codeCacheFile(cacheDirectory, name, command);
  const cachedData = cacheFile === null ? undefined : readCodeCache(cacheFile);
  const script = new vm.Script(source, { filename: file, cachedData });
  const cacheUsed = cachedData !== undefined && script.cachedDataRejected !== true;
  return { file, script, writeCacheTo: cacheUsed || cacheFile === null || !cacheWritable() ? null : cacheFile };
}

function run<T>(compiled: CompiledScript, ...rest: unknown[]): T {
  const main = compiled.script.runInThisContext() as (...parameters: unknown[]) => T;
  return main(scriptRequire, compiled.file, directory, pathToFileURL(compiled.file).href, ...rest);
}

// libxml2-wasm (cli/libxml2.ts): its script runs on demand, then the CLI script's `require` gives it.
const nodeRequire = createRequire(import.meta.url);
let libxml2Script: CompiledScript | undefined;
let libxml2: unknown;
function scriptRequire(id: string): unknown {
  if (id !== 'libxml2-wasm') return nodeRequire(id);
  if (libxml2 === undefined) throw new Error('libxml2-wasm was used before loadLibxml2() (cli/libxml2.ts) loaded it');
  return libxml2;
}
async function importLibxml2(): Promise<unknown> {
  if (libxml2 === undefined) {
    libxml2Script ??= compile(LIBXML2_SCRIPT);
    libxml2 = await run<ReturnType<Libxml2Script>>(libxml2Script);
    // Its cache is made now, with the V8 flags it was compiled with (validate chooses the wasm
    // tiering just before; a cache made under other flags would be rejected).
    if (libxml2Script.writeCacheTo) libxml2Script.cache = libxml2Script.script.createCachedData();
  }
  return libxml2;
}

const cli = compile(CLI_SCRIPT);
await run<ReturnType<CliScript>>(cli, importLibxml2);

if (cli.writeCacheTo) {
  // The CLI script was compiled before validate chose the wasm tiering (cli/wasm-tiering.ts): its
  // cache is made with the flags a new process starts with, the ones V8 will compare it against.
  resetWasmTieringFlags();
  cli.cache = cli.script.createCachedData();
}
for (const compiled of [cli, libxml2Script]) {
  if (compiled?.writeCacheTo && compiled.cache) await writeCodeCache(compiled.writeCacheTo, compiled.cache, [CLI_SCRIPT, LIBXML2_SCRIPT]);
}
