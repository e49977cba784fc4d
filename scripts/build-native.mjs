// Builds the CLI's native XSD engine, dist/native/provstudio-xsd.node, from native/xsd/provstudio_xsd.c
// (an N-API module in C against the system's libxml2; see shared/node/native-xsd.ts). It needs a C
// compiler (`cc`, or $CC), pkg-config with libxml2's development files (Debian: libxml2-dev,
// pkg-config, gcc; scripts/setup.sh installs them) and Node's headers (node_api.h, shipped with
// Node under <prefix>/include/node). Where any is missing, or on Windows, nothing is built and the
// CLI validates with libxml2-wasm, as the app does: a note says why, and the build goes on.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCE = 'native/xsd/provstudio_xsd.c';
export const NATIVE_OUTPUT = 'dist/native/provstudio-xsd.node';

/** Node's own headers: $npm_config_nodedir, then beside the running node (<prefix>/bin/node -> <prefix>/include/node). */
function nodeHeaders() {
  const candidates = [process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include', 'node'), path.resolve(path.dirname(process.execPath), '..', 'include', 'node')];
  return candidates.find((directory) => directory && existsSync(path.join(directory, 'node_api.h')));
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Returns { built: true, file } or { built: false, reason }. */
export function buildNativeXsd(root) {
  const output = path.join(root, NATIVE_OUTPUT);
  const source = path.join(root, SOURCE);
  if (process.platform === 'win32') return { built: false, reason: 'Windows: no system libxml2 (the CLI uses libxml2-wasm)' };
  if (existsSync(output) && statSync(output).mtimeMs > statSync(source).mtimeMs) return { built: true, file: output, upToDate: true };
  const headers = nodeHeaders();
  if (!headers) return { built: false, reason: "Node's headers (node_api.h) were not found" };
  const libxml = run('pkg-config', ['--cflags', '--libs', 'libxml-2.0']);
  if (!libxml.ok) return { built: false, reason: `pkg-config found no libxml-2.0 (${libxml.output || 'not installed'})` };
  mkdirSync(path.dirname(output), { recursive: true });
  const linkFlags = process.platform === 'darwin' ? ['-bundle', '-undefined', 'dynamic_lookup'] : ['-shared'];
  const compiler = process.env.CC || 'cc';
  const compiled = run(compiler, ['-O2', '-std=c11', '-D_POSIX_C_SOURCE=200809L', '-Wall', '-fPIC', '-fvisibility=hidden', `-I${headers}`, ...libxml.output.split(/\s+/).filter((flag) => flag.startsWith('-I') || flag.startsWith('-D')), ...linkFlags, '-o', output, source, ...libxml.output.split(/\s+/).filter((flag) => flag.startsWith('-l') || flag.startsWith('-L'))]);
  if (!compiled.ok) {
    rmSync(output, { force: true });
    return { built: false, reason: `${compiler} failed: ${compiled.output}` };
  }
  return { built: true, file: output };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = buildNativeXsd(path.resolve(import.meta.dirname, '..'));
  console.log(result.built ? `native XSD engine: ${result.file}` : `native XSD engine not built: ${result.reason}`);
}
