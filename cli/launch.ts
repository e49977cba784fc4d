// The built CLI's entry (dist/cli/provstudio.cjs, CommonJS; bin/provstudio.cjs requires it). It
// runs the CLI as scripts beside it (scripts/cli-script.mjs): the packs cli-pack-NAME-HASH.js,
// each holding the chunks one entry needs (the CLI's entry for every command, a command's own
// chunks only when it runs), read and compiled the first time the process needs one of them, and,
// when a command needs it, libxml2-HASH.js, libxml2-wasm's JavaScript; each compiled from V8's
// code cache when there is one.
//
// Node 20 compiles every ES module from source in every process; a script compiled with
// `vm.Script` can take the code V8 compiled in an earlier run (`cachedData`). The cache is made
// at the end of a run (`createCachedData()` after the command ran), so it holds the functions the
// command actually used, not only the top level; one file per build and command holds the cache of
// every script the command compiled (code-cache.ts). When there is no cache, or V8 rejects a
// script's (another V8 or other flags, damaged data), that script compiles from source as it would
// without one, and the file is written anew after the run.
//
// CommonJS, not an ES module: an ES module entry makes Node load its ES module loader (about 20
// internal modules, among them fs/promises, readline and streams), about 8 ms of every start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { cacheCommand, cacheDirectoryWritable, codeCacheDirectory, codeCacheFile, parseCodeCaches, readCodeCache, serializeCodeCaches, writeCodeCache } from './code-cache';
import { resetWasmTieringFlags, wasmTieringSwitched } from './wasm-tiering';

/** Set by the build (scripts/build.mjs): the entry chunk's name, the pack holding each chunk, the build's hash, libxml2's script. */
declare const CLI_ENTRY: string;
declare const CLI_PACKS: Record<string, string>;
declare const CLI_BUILD: string;
declare const LIBXML2_SCRIPT: string;

/** The scripts' functions (their parameters: scripts/cli-script.mjs). */
type ScriptRequire = (id: string) => unknown;
interface ChunkModule {
  exports: unknown;
}
type ChunkFunction = (require: ScriptRequire, module: ChunkModule, exports: unknown, filename: string, dirname: string, importMetaUrl: string, importLibxml2: () => Promise<unknown>) => void;
type Libxml2Script = (require: ScriptRequire, filename: string, dirname: string, importMetaUrl: string) => Promise<unknown>;

interface CompiledScript {
  name: string;
  script: vm.Script;
  /** V8 took this script's cache. */
  cacheUsed: boolean;
  /** Compiled while validate had V8's wasm flags switched (cli/wasm-tiering.ts): its cache is made under them. */
  underSwitchedFlags: boolean;
}

// Built as CommonJS: the launcher's own folder, where every script is (file names are ASCII
// letters, digits, '-' and '.': the folder's URL and a name make the script's URL).
const directory = __dirname;
const directoryUrl = `${pathToFileURL(directory).href}/`;
const cacheDirectory = codeCacheDirectory(process.env);
const cacheFile = cacheDirectory === null ? null : codeCacheFile(cacheDirectory, CLI_BUILD, cacheCommand(process.argv.slice(2)));
const caches = parseCodeCaches(cacheFile === null ? undefined : readCodeCache(cacheFile));
const compiled: CompiledScript[] = [];

function compile(name: string): vm.Script {
  // The build writes the scripts in ASCII: latin1 reads them without UTF-8 decoding.
  const source = readFileSync(path.join(directory, name), 'latin1');
  const cachedData = caches.get(name);
  const script = new vm.Script(source, { filename: path.join(directory, name), cachedData });
  compiled.push({ name, script, cacheUsed: cachedData !== undefined && script.cachedDataRejected !== true, underSwitchedFlags: wasmTieringSwitched() });
  return script;
}

/** The chunks' functions of the packs loaded so far (a pack is an object of them, by chunk name). */
const chunkFunctions = new Map<string, ChunkFunction>();
function loadPack(pack: string): void {
  const functions = compile(pack).runInThisContext() as Record<string, ChunkFunction>;
  for (const [name, run] of Object.entries(functions)) if (!chunkFunctions.has(name)) chunkFunctions.set(name, run);
}

/** A chunk's exports, running it the first time it is required (CommonJS, as esbuild wrote it). */
const chunks = new Map<string, ChunkModule>();
function requireChunk(name: string): unknown {
  let module = chunks.get(name);
  if (module === undefined) {
    if (!chunkFunctions.has(name)) loadPack(CLI_PACKS[name] ?? name);
    const run = chunkFunctions.get(name);
    if (run === undefined) throw new Error(`the built CLI has no chunk ${name}`);
    module = { exports: {} };
    chunks.set(name, module);
    run(scriptRequire, module, module.exports, path.join(directory, name), directory, directoryUrl + name, importLibxml2);
  }
  return module.exports;
}

// libxml2-wasm (cli/libxml2.ts): its script runs on demand, then the chunks' `require` gives it.
let libxml2: unknown;
function scriptRequire(id: string): unknown {
  if (id.startsWith('./')) return requireChunk(id.slice(2));
  // Built-in modules and npm packages: the launcher is CommonJS, its own `require` resolves them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (id !== 'libxml2-wasm') return require(id);
  if (libxml2 === undefined) throw new Error('libxml2-wasm was used before loadLibxml2() (cli/libxml2.ts) loaded it');
  return libxml2;
}
async function importLibxml2(): Promise<unknown> {
  if (libxml2 === undefined) {
    const file = path.join(directory, LIBXML2_SCRIPT);
    const run = compile(LIBXML2_SCRIPT).runInThisContext() as Libxml2Script;
    libxml2 = await run(scriptRequire, file, directory, directoryUrl + LIBXML2_SCRIPT);
  }
  return libxml2;
}

/**
 * The caches of this run's scripts, each made under the V8 flags it was compiled with (V8 keys a
 * cache by its flags): first those compiled after validate switched the wasm tiering, then, with
 * the flags a new process starts with, the others.
 */
function makeCaches(): Map<string, Uint8Array> {
  const made = new Map<string, Uint8Array>(caches);
  if (wasmTieringSwitched()) {
    for (const entry of compiled.filter((candidate) => candidate.underSwitchedFlags)) made.set(entry.name, entry.script.createCachedData());
    resetWasmTieringFlags();
  }
  for (const entry of compiled.filter((candidate) => !candidate.underSwitchedFlags)) made.set(entry.name, entry.script.createCachedData());
  return made;
}

async function main(): Promise<void> {
  const entry = requireChunk(CLI_ENTRY) as { main(): Promise<void> };
  await entry.main();
  // A run that used its caches writes nothing; otherwise, where the folder can be written.
  if (cacheFile === null || compiled.every((entry) => entry.cacheUsed) || !cacheDirectoryWritable(path.dirname(cacheFile))) return;
  await writeCodeCache(cacheFile, serializeCodeCaches(makeCaches()), CLI_BUILD);
}

void main();
