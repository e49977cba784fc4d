// Builds the CLI as scripts that V8 can compile from a code cache (cli/launch.ts loads them).
//
// Node 20 keeps no compiled code between processes for ES modules; a script compiled with
// `vm.Script` takes V8's `cachedData`. So the CLI is bundled into scripts the launcher compiles:
//
//   cli-pack-NAME-HASH.js  ({ "cli-CHUNK-HASH.js": function (require, module, exports, __filename, __dirname, __importMetaUrl, importLibxml2) { … }, … })
//       the CLI split into chunks by esbuild (`splitting`), grouped in packs: the entry's pack
//       (cli/provstudio.ts, the registry, the English catalogue: all `--help` needs), and one pack
//       per module imported on demand (each command, French, Portuguese) with every chunk it
//       imports, less the entry pack's. A pack is read and compiled only when the process first
//       needs one of its chunks, so each command compiles only its own code, from two files.
//       esbuild writes ES module chunks; each is then turned into CommonJS (esbuild's transform:
//       `import` becomes `require("./cli-…js")`, `import()` a promise of it), which the launcher's
//       `require` resolves to the chunk's function in a pack;
//   libxml2-HASH.js        (async function (require, __filename, __dirname, __importMetaUrl) { …; return libxml2; })
//       libxml2-wasm, which creates its WebAssembly instance with a top-level await: the function
//       is async, so that await stays where it is; cli/libxml2.ts runs it (`importLibxml2()`)
//       before the code that uses libxml2, and the launcher's `require` hands its result to the
//       chunks' imports of libxml2-wasm.
//
// Node's built-in modules and the npm packages (all loadable with `require`) come from the
// launcher's `require`, and `import.meta.url` is the script's own URL, so paths beside the bundle
// hold (every script is in dist/cli/). The build's hash (of every script's final text) names the
// code cache (cli/code-cache.ts): a rebuilt CLI never meets an old cache.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, transform } from 'esbuild';

/** The parameters of the scripts' functions, in order (cli/launch.ts passes them). */
export const SCRIPT_PARAMETERS = ['require', '__filename', '__dirname', '__importMetaUrl'];
export const CHUNK_PARAMETERS = ['require', 'module', 'exports', '__filename', '__dirname', '__importMetaUrl', 'importLibxml2'];

/** Every chunk's name starts so (cli/launch.ts resolves `require("./cli-…")` to them), and every pack's with PACK_PREFIX. */
export const CHUNK_PREFIX = 'cli-';
export const PACK_PREFIX = 'cli-pack-';

/** Every bare import (a built-in or a package) becomes `require(name)` through the launcher's `require`. */
export function requireExternals() {
  return {
    name: 'require-externals',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (path.isAbsolute(args.path)) return undefined;
        // cli/libxml2.ts's dynamic import: kept, and turned into importLibxml2() below.
        if (args.path === 'libxml2-wasm' && args.kind === 'dynamic-import') return { path: args.path, external: true };
        if (args.namespace === 'require-external') return { path: args.path, external: true };
        return { path: args.path, namespace: 'require-external' };
      });
      build.onLoad({ filter: /.*/, namespace: 'require-external' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
    },
  };
}

/** The one entry of the libxml2 script (bundled with scripts/libxml2-wasm-file.mjs). */
export const LIBXML2_SCRIPT_ENTRY = "import * as libxml2 from 'libxml2-wasm';\nexport default libxml2;\n";

function replaceOnce(source, from, to, why) {
  const count = source.split(from).length - 1;
  if (count !== 1) throw new Error(`cli script: expected one ${from} (${why}), found ${count}`);
  return source.replace(from, () => to);
}

/**
 * Makes a script's text ASCII (the launcher reads it as latin1: one byte per character, no UTF-8
 * decoding; esbuild escapes strings, templates and regular expressions already, what is left is
 * in comments, and a \uXXXX escape means the same character anywhere) and wraps it.
 */
function functionText(source, parameters, async, header = '') {
  const statement = /^(import|export)\b.*$/m.exec(source);
  if (statement) throw new Error(`cli script: an ES module statement is left: ${statement[0]}`);
  if (/\bimport\(/.test(source)) throw new Error('cli script: a dynamic import() is left (a script cannot import)');
  const ascii = source.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${header}${async ? 'async ' : ''}function (${parameters.join(', ')}) {\n${ascii}\n}`;
}

function chunkFunction(source, header) {
  return functionText(source, CHUNK_PARAMETERS, false, header);
}

function hashOf(texts) {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Bundles cli/provstudio.ts into pack scripts in `outdir`. Returns the entry chunk's name, the pack
 * of each chunk (where the launcher finds it), and the hash of the packs' texts.
 */
export async function buildCliChunks({ entry, outdir, plugins }) {
  const result = await build({
    entryPoints: [entry],
    outdir,
    write: false,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    entryNames: `${CHUNK_PREFIX}[name]-[hash]`,
    chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
    plugins: [...plugins, requireExternals()],
    define: { 'import.meta.url': '__importMetaUrl' },
    metafile: true,
    logLevel: 'warning',
  });
  const entryOutput = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint && path.resolve(output.entryPoint) === path.resolve(entry));
  if (!entryOutput) throw new Error('cli script: esbuild wrote no chunk for the entry');
  let libxml2Imports = 0;
  /** Each chunk: its function's text, and the chunks it imports statically and on demand. */
  const chunks = new Map();
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue;
    let source = file.text;
    if (source.includes('import("libxml2-wasm")')) {
      source = replaceOnce(source, 'import("libxml2-wasm")', 'importLibxml2()', 'cli/libxml2.ts');
      libxml2Imports++;
    }
    const { code } = await transform(source, { format: 'cjs', target: 'node20', loader: 'js', supported: { 'dynamic-import': false }, sourcefile: path.basename(file.path) });
    // The transform drops esbuild's "// path" comment before each module: the chunk lists them at its top.
    const output = result.metafile.outputs[path.relative(process.cwd(), file.path)];
    const modules = Object.keys(output?.inputs ?? {}).filter((input) => !input.includes(':'));
    const header = modules.map((input) => `// ${input}\n`).join('');
    const imports = (kind) => (output?.imports ?? []).filter((entry) => entry.kind === kind && !entry.external).map((entry) => path.basename(entry.path));
    chunks.set(path.basename(file.path), { text: chunkFunction(code, header), imports: imports('import-statement'), onDemand: imports('dynamic-import') });
  }
  if (libxml2Imports !== 1) throw new Error(`cli script: expected one import("libxml2-wasm") (cli/libxml2.ts), found ${libxml2Imports}`);

  // The CLI's entry pack: its chunk and every chunk it imports statically (all run at start).
  // Then one pack per entry imported on demand: its chunk and every chunk it imports, statically
  // or on demand (validate's pack holds the validator it imports once it has chosen its engine),
  // less the entry pack's. A chunk two packs need is in both; the launcher runs it once, from the
  // first pack loaded that holds it. A pack's code that does not run is read, never compiled.
  const closure = (name, onDemandToo, into = new Set()) => {
    if (!into.has(name)) {
      into.add(name);
      const chunk = chunks.get(name);
      for (const imported of onDemandToo ? [...chunk.imports, ...chunk.onDemand] : chunk.imports) closure(imported, onDemandToo, into);
    }
    return into;
  };
  const mainEntry = path.basename(entryOutput[0]);
  const entries = [mainEntry, ...[...new Set([...chunks.values()].flatMap((chunk) => chunk.onDemand))].sort()];
  const core = closure(mainEntry, false);
  const packs = [];
  /** The pack to load for a chunk not in any pack loaded so far: the first one that holds it. */
  const packOf = {};
  for (const name of entries) {
    const members = [...(name === mainEntry ? core : [...closure(name, true)].filter((member) => !core.has(member)))].sort();
    const text = `({\n${members.map((member) => `${JSON.stringify(member)}: ${chunks.get(member).text},\n`).join('')}})\n`;
    const pack = `${PACK_PREFIX}${name.slice(CHUNK_PREFIX.length)}`;
    packs.push({ name: pack, text });
    for (const member of members) packOf[member] ??= pack;
  }
  const unpacked = [...chunks.keys()].filter((name) => packOf[name] === undefined);
  if (unpacked.length > 0) throw new Error(`cli script: chunks in no pack: ${unpacked.join(', ')}`);
  mkdirSync(outdir, { recursive: true });
  for (const pack of packs) writeFileSync(path.join(outdir, pack.name), pack.text);
  return { entry: mainEntry, packOf, hash: hashOf(packs.map((pack) => `${pack.name}\0${pack.text}`)) };
}

/** The libxml2 script from esbuild's output; returns its file name. */
export function finishLibxml2Script(outfile) {
  let source = readFileSync(outfile, 'utf8');
  // The glue imports node:module to make its own `require`; a script has process.getBuiltinModule (Node 20.16+).
  source = replaceOnce(source, 'await ((m) => import(m))("node:module")', 'process.getBuiltinModule("node:module")', "libxml2-wasm's Node glue");
  const ending = /\nexport \{\n {2}(\w+) as default\n\};\n$/.exec(source);
  if (!ending) throw new Error('cli script: the libxml2 bundle does not end with its default export');
  source = `${source.slice(0, ending.index)}\nreturn ${ending[1]};\n`;
  const script = `(${functionText(source, SCRIPT_PARAMETERS, true)})\n`;
  const name = `libxml2-${hashOf([script])}.js`;
  writeFileSync(path.join(path.dirname(outfile), name), script);
  rmSync(outfile);
  return name;
}
