// How V8 should compile libxml2's WebAssembly in this process, chosen before libxml2 loads.
//
// V8 compiles wasm functions lazily with its baseline compiler (Liftoff) and recompiles the hot
// ones with its optimizing compiler (TurboFan) on background threads. A short CLI call (a few
// small files) ends before the optimized code pays off, and Node then waits for those background
// compilations before it exits: measured on 2 cores, validating a 2 KB file took 290 ms and 77 MB
// with tier-up, 150 ms and 57 MB with Liftoff only; the 473-file corpus 1.5 s against 0.85 s.
// A large input is the other way round (20 MB: libxml2's parse 330 ms with TurboFan, 600 ms
// with Liftoff only), so tier-up stays on from LIFTOFF_ONLY_BELOW_BYTES of input.
import { statSync } from 'node:fs';

export const LIFTOFF_ONLY_BELOW_BYTES = 4 * 1024 * 1024;

/** V8's flags, set through node:v8, loaded only to set one (the launcher imports this module for every command). */
function setV8Flags(flags: string): void {
  process.getBuiltinModule('node:v8').setFlagsFromString(flags);
}

let chosen = false;

/**
 * Marks V8's wasm flags as switched from their defaults. V8's flags belong to the process, and so
 * does this mark: the launcher (cli/launch.ts, a bundle of its own with its own copy of this
 * module) reads it to make each script's code cache under the flags that script was compiled with.
 */
const SWITCHED = Symbol.for('provstudio.wasm-tiering-switched');

/** True while V8's wasm tiering flags are not the ones a new process starts with. */
export function wasmTieringSwitched(): boolean {
  return (globalThis as Record<symbol, unknown>)[SWITCHED] === true;
}

/** Total size of the files (missing ones count as 0: their error comes later, from the command). */
export function totalBytes(files: readonly string[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += statSync(file).size;
    } catch {
      // Reported by the command when it reads the file.
    }
  }
  return total;
}

/**
 * Picks Liftoff-only compilation for small inputs. Only the first call in a process decides (the
 * flag cannot change once libxml2 is compiled); a long-lived process (serve, tests) never calls it.
 */
export function chooseWasmTiering(inputBytes: number): void {
  if (chosen) return;
  chosen = true;
  if (inputBytes < LIFTOFF_ONLY_BELOW_BYTES) {
    setV8Flags('--liftoff-only');
    (globalThis as Record<symbol, unknown>)[SWITCHED] = true;
  }
}

/**
 * Puts V8's wasm tiering flags back to their defaults. V8 keys a code cache by its flags, so the
 * launcher (cli/launch.ts) makes its cache with the flags a new process starts with.
 */
export function resetWasmTieringFlags(): void {
  setV8Flags('--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering');
  (globalThis as Record<symbol, unknown>)[SWITCHED] = false;
}
