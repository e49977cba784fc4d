// The two platform services this layer needs that ES2022 does not declare. Both exist in every
// place shared/common runs (Node 20, Chromium windows and workers); we look them up on
// globalThis instead of declaring ambient types, which would clash with the DOM lib elsewhere.

interface Utf8Encoder {
  encode(text: string): Uint8Array;
}
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
interface HighResolutionClock {
  now(): number;
}

const platform = globalThis as unknown as {
  TextEncoder: new () => Utf8Encoder;
  TextDecoder: new (label: 'utf-8') => Utf8Decoder;
  performance?: HighResolutionClock;
  /** Node's process: its hrtime is there from the start (see now()). */
  process?: { hrtime?: () => [number, number] };
};

let encoder: Utf8Encoder | undefined;

export function encodeUtf8(text: string): Uint8Array {
  encoder ??= new platform.TextEncoder();
  return encoder.encode(text);
}

let decoder: Utf8Decoder | undefined;

/** UTF-8 bytes to text; a leading byte-order mark is dropped, as every reader of our files does. */
export function decodeUtf8(bytes: Uint8Array): string {
  decoder ??= new platform.TextDecoder('utf-8');
  return decoder.decode(bytes);
}

/**
 * Milliseconds, sub-millisecond where the platform allows (only differences are used). In Node,
 * `performance` is made on first use by loading perf_hooks (nine modules, about 0.7 ms of every
 * `provstudio validate`); `process.hrtime` reads the same monotonic clock and is there already.
 */
export function now(): number {
  const hrtime = platform.process?.hrtime;
  if (hrtime) {
    const [seconds, nanoseconds] = hrtime();
    return seconds * 1000 + nanoseconds / 1e6;
  }
  return platform.performance ? platform.performance.now() : Date.now();
}
