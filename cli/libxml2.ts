// libxml2-wasm creates its WebAssembly instance with a top-level await. The built CLI runs as one
// script compiled from V8's code cache (cli/launch.ts), and a script cannot wait at the top of a
// module, so libxml2-wasm stays an ES module beside that script: a command imports it here before
// its code that uses libxml2 runs (cli/commands/index.ts does it for every command but `validate`,
// which first tells V8 how to compile it). From the sources (tests) this is a plain import.
export async function loadLibxml2(): Promise<void> {
  await import('libxml2-wasm');
}
