// Types of scripts/libxml2-wasm-file.mjs for the tests that import it.
import type { Plugin } from 'esbuild';

export function separateLibxml2Binary(source: string): { glue: string; binary: Buffer };
export function libxml2WasmFile(outdir: string): Plugin;
