// An esbuild plugin for the CLI bundle: libxml2-wasm ships its WebAssembly inside its JavaScript,
// as one 840 000-character string literal that Node has to parse and decode on every start
// (about 40 ms and 15 MB). The plugin bundles libxml2-wasm with the CLI, writes the binary once
// as <outdir>/libxml2.wasm at build time, and makes the library's loader read that file instead,
// so V8 compiles the module from bytes (lazily, function by function) without the detour through
// a string. Measured in `npm run bench` (CLI start-up rows); docs/performance.md has the choice.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The loader line that holds the binary: `pa??=ea('\0asm…')` (minified names, checked below). */
const BINARY_ASSIGNMENT = /([A-Za-z_$][\w$]*)\?\?=([A-Za-z_$][\w$]*)\('\0asm/;

/** The end of the single-quoted literal that starts at `open` (the quote), honouring escapes. */
function literalEnd(source, open) {
  for (let index = open + 1; index < source.length; index++) {
    if (source[index] === '\\') index++;
    else if (source[index] === "'") return index;
  }
  throw new Error('libxml2-wasm: unterminated WebAssembly literal');
}

/** Splits libxml2raw.mjs into its glue (with a file read in place of the literal) and the binary. */
export function separateLibxml2Binary(source) {
  const match = BINARY_ASSIGNMENT.exec(source);
  if (!match) throw new Error('libxml2-wasm: the embedded WebAssembly was not found; update scripts/libxml2-wasm-file.mjs for this version');
  const open = match.index + match[0].length - "'\0asm".length;
  const close = literalEnd(source, open);
  if (source[close + 1] !== ')') throw new Error('libxml2-wasm: unexpected shape around the WebAssembly literal');
  const text = new Function(`return ${source.slice(open, close + 1)}`)();
  const binary = Buffer.from(text, 'latin1');
  if (binary.readUInt32LE(0) !== 0x6d736100) throw new Error('libxml2-wasm: the embedded literal is not WebAssembly');
  // The glue defines `require` (createRequire) in Node before it gets here.
  const read = `${match[1]}??=require("node:fs").readFileSync(new URL("./libxml2.wasm",import.meta.url))`;
  return { glue: source.slice(0, match.index) + read + source.slice(close + 2), binary };
}

export function libxml2WasmFile(outdir) {
  return {
    name: 'libxml2-wasm-file',
    setup(build) {
      // Bundle libxml2-wasm (every other package stays external).
      build.onResolve({ filter: /^libxml2-wasm$/ }, () => ({ path: fileURLToPath(import.meta.resolve('libxml2-wasm')) }));
      build.onLoad({ filter: /libxml2-wasm[\\/]lib[\\/]libxml2raw\.mjs$/ }, (args) => {
        const { glue, binary } = separateLibxml2Binary(readFileSync(args.path, 'utf8'));
        mkdirSync(outdir, { recursive: true });
        writeFileSync(path.join(outdir, 'libxml2.wasm'), binary);
        return { contents: glue, loader: 'js' };
      });
    },
  };
}
