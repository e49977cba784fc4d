// Which libxml2 validates in this CLI process: the native one (our addon, shared/node/native-xsd.ts:
// streaming, no tree, about twice as fast as WebAssembly) when it was built and loads, libxml2-wasm
// otherwise. PROVSTUDIO_XSD_ENGINE=wasm forces the WebAssembly engine (the fallback's tests use
// it), =native refuses to fall back (an error says why the addon is missing); anything else is auto.
import type { XsdEngine } from '../shared/common/schema/engine';
import { loadNativeXsdEngine } from '../shared/node/native-xsd';
import { loadLibxml2 } from './libxml2';
import { chooseWasmTiering } from './wasm-tiering';

export const XSD_ENGINE_VARIABLE = 'PROVSTUDIO_XSD_ENGINE';

export class XsdEngineUnavailable extends Error {}

/** `inputBytes`: the total size of the files to validate (how V8 compiles libxml2-wasm, if it is chosen). */
export async function chooseXsdEngine(env: NodeJS.ProcessEnv, inputBytes: number): Promise<XsdEngine> {
  const wanted = env[XSD_ENGINE_VARIABLE];
  if (wanted !== 'wasm') {
    const native = loadNativeXsdEngine();
    if (native.engine) return native.engine;
    if (wanted === 'native') throw new XsdEngineUnavailable(native.reason);
  }
  // libxml2-wasm (and the validator around it) loads only now, once V8 knows how to compile it.
  chooseWasmTiering(inputBytes);
  await loadLibxml2();
  const { wasmXsdEngine } = await import('../shared/common/schema/libxml');
  return wasmXsdEngine;
}
