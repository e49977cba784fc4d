// Builds the CLI as scripts that V8 can compile from a code cache (cli/launch.ts loads them).
//
// Node 20 keeps no compiled code between processes for ES modules; a script compiled with
// `vm.Script` takes V8's `cachedData`. So the CLI is bundled into two scripts, each shaped as a
// function expression the launcher calls:
//
//   provstudio-HASH.js  (async function (require, __filename, __dirname, __importMetaUrl, importLibxml2) { … })
//       cli/provstudio.ts and everything it imports; each command's modules are initialised only
//       when the command runs (esbuild's lazy module wrappers for dynamic imports);
//   libxml2-HASH.js     (async function (require, __filename, __dirname, __importMetaUrl) { …; return libxml2; })
//       libxml2-wasm, which creates its WebAssembly instance with a top-level await: the function
//       is async, so that await stays where it is; cli/libxml2.ts runs it (`importLibxml2()`)
//       before the code that uses libxml2, and the launcher's `require` hands its result to the
//       CLI script's imports of libxml2-wasm.
//
// Node's built-in modules and the npm packages (all loadable with `require`) come from the
// launcher's `require`, and `import.meta.url` is the script's own URL, so paths beside the bundle
// hold. A file's name carries a hash of its content; the launcher keys its code cache by that name.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The parameters of the scripts' functions, in order (cli/launch.ts passes them). */
export const SCRIPT_PARAMETERS = ['require', '__filename', '__dirname', '__importMetaUrl'];
export const CLI_SCRIPT_PARAMETERS = [...SCRIPT_PARAMETERS, 'importLibxml2'];

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
 * Checks esbuild's output (format esm) has no ES module statement or import() left, makes it ASCII
 * (the launcher reads it as latin1: one byte per character, no UTF-8 decoding; esbuild escapes
 * strings, templates and regular expressions already, what is left is in comments, and a \uXXXX
 * escape means the same character anywhere), wraps it, and writes it as <prefix>-<hash>.js.
 */
function writeScript(outfile, prefix, parameters, source) {
  const statement = /^(import|export)\b.*$/m.exec(source);
  if (statement) throw new Error(`cli script: an ES module statement is left: ${statement[0]}`);
  if (/\bimport\(/.test(source)) throw new Error('cli script: a dynamic import() is left (a script cannot import)');
  const ascii = source.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const script = `(async function (${parameters.join(', ')}) {\n${ascii}\n})\n`;
  const name = `${prefix}-${createHash('sha256').update(script).digest('hex').slice(0, 16)}.js`;
  writeFileSync(path.join(path.dirname(outfile), name), script);
  rmSync(outfile);
  return name;
}

/** The CLI script from esbuild's output; returns its file name. */
export function finishCliScript(outfile) {
  const source = replaceOnce(readFileSync(outfile, 'utf8'), 'import("libxml2-wasm")', 'importLibxml2()', 'cli/libxml2.ts');
  return writeScript(outfile, 'provstudio', CLI_SCRIPT_PARAMETERS, source);
}

/** The libxml2 script from esbuild's output; returns its file name. */
export function finishLibxml2Script(outfile) {
  let source = readFileSync(outfile, 'utf8');
  // The glue imports node:module to make its own `require`; a script has process.getBuiltinModule (Node 20.16+).
  source = replaceOnce(source, 'await ((m) => import(m))("node:module")', 'process.getBuiltinModule("node:module")', "libxml2-wasm's Node glue");
  const ending = /\nexport \{\n {2}(\w+) as default\n\};\n$/.exec(source);
  if (!ending) throw new Error('cli script: the libxml2 bundle does not end with its default export');
  source = `${source.slice(0, ending.index)}\nreturn ${ending[1]};\n`;
  return writeScript(outfile, 'libxml2', SCRIPT_PARAMETERS, source);
}
