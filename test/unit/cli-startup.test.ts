// CLI start-up (issue 14): each command loads only what it needs. The built CLI is run as a real
// process with V8's coverage on (NODE_V8_COVERAGE), which lists every file the process compiled
// and every function that ran. The CLI runs as packs of chunks bundled by esbuild
// (scripts/cli-script.mjs): a pack is an object of chunk functions named after their chunk, each
// listing its source modules in comments at its top; a chunk's modules ran when its function did (a
// module esbuild wraps in a function named after its source, "node_modules/…"(exports, module) { … },
// only if that function ran too). So the test sees what the process really evaluated.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands/index';
import { separateLibxml2Binary } from '../../scripts/libxml2-wasm-file.mjs';
import { CLI_BIN } from '../support/cli';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI_DIRECTORY = path.join(ROOT, 'dist', 'cli');
const VALID = path.join(ROOT, 'test/fixtures/corpus/cc/complete-document.valid.xml');
const INVALID = path.join(ROOT, 'test/fixtures/corpus/wlan/priority-10.invalid.xml');

interface CoveredFunction {
  functionName: string;
  ranges: { count: number }[];
}

/** The source modules of one of our scripts that ran: its top-level ones, and the wrapped ones whose function ran. */
function evaluatedModules(scriptText: string, ran: ReadonlySet<string>): string[] {
  const modules: string[] = [];
  // esbuild names each source relative to the build's folder ("../…/node_modules/…" when node_modules is a link).
  for (const comment of scriptText.matchAll(/^\/\/ ((?:\S*?\/)?((?:node_modules|shared|cli)\/\S+))$/gm)) {
    const [, raw, source] = comment as unknown as [string, string, string];
    const wrapped = scriptText.includes(`"${raw}"(`);
    if (!wrapped || ran.has(raw)) modules.push(source);
  }
  return modules;
}

/** The source modules that ran of a pack: an object of chunk functions ("cli-chunk-….js": function …), each run or not as a whole. */
function evaluatedPackModules(packText: string, ran: ReadonlySet<string>): string[] {
  const sections = packText.split(/^"(cli-[\w-]+\.js)": /m);
  const modules: string[] = [];
  for (let index = 1; index < sections.length; index += 2) {
    if (ran.has(sections[index]!)) modules.push(...evaluatedModules(sections[index + 1]!, ran));
  }
  return modules;
}

/** Runs the built CLI and lists the files it compiled and the source modules (as esbuild names them) it evaluated. */
function loadedSources(args: string[], env: NodeJS.ProcessEnv = {}) {
  const coverage = mkdtempSync(path.join(tmpdir(), 'provstudio-startup-'));
  try {
    const result = spawnSync(process.execPath, [CLI_BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PROVSTUDIO_LANG: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env, NODE_V8_COVERAGE: coverage, PROVSTUDIO_CODE_CACHE: 'off' },
    });
    const sources = new Set<string>();
    for (const name of readdirSync(coverage)) {
      const report = JSON.parse(readFileSync(path.join(coverage, name), 'utf8')) as { result: { url: string; functions: CoveredFunction[] }[] };
      for (const script of report.result) {
        if (!script.url.startsWith('file:')) continue;
        const file = fileURLToPath(script.url);
        sources.add(path.relative(ROOT, file));
        if (path.dirname(file) !== CLI_DIRECTORY || !file.endsWith('.js')) continue;
        const ran = new Set(script.functions.filter((entry) => (entry.ranges[0]?.count ?? 0) > 0).map((entry) => entry.functionName));
        const text = readFileSync(file, 'utf8');
        for (const source of path.basename(file).startsWith('cli-pack-') ? evaluatedPackModules(text, ran) : evaluatedModules(text, ran)) sources.add(source);
      }
    }
    return { status: result.status, stdout: result.stdout, sources: [...sources] };
  } finally {
    rmSync(coverage, { recursive: true, force: true });
  }
}

describe('provstudio start-up', () => {
  it('registers every command with the same name and help keys as its module', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect({ name: command.name, summaryKey: command.summaryKey, usageKey: command.usageKey }).toEqual({
        name: entry.name,
        summaryKey: entry.summaryKey,
        usageKey: entry.usageKey,
      });
    }
  });

  it('--help loads no command module, no libxml2 and no catalogue but English', () => {
    const run = loadedSources(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('validate');
    expect(run.sources).toContain('shared/common/i18n/en.ts');
    // The native XSD addon is loaded only through shared/node/native-xsd.ts.
    const unwanted = run.sources.filter((source) => /^cli\/commands\/(?!index)|libxml2-wasm|native-xsd|i18n\/(fr|pt)\.ts|schema|node-forge|@peculiar|pkcs11/.test(source));
    expect(unwanted).toEqual([]);
  });

  it('validate loads its own module and the native libxml2 engine (libxml2-wasm only when asked), not the other commands, the form or edit code, or other catalogues', () => {
    const wasm = loadedSources(['validate', VALID], { PROVSTUDIO_XSD_ENGINE: 'wasm' });
    expect(wasm.status).toBe(0);
    expect(wasm.sources).toContain('node_modules/libxml2-wasm/lib/libxml2raw.mjs');
    const run = loadedSources(['validate', VALID]);
    expect(run.status).toBe(0);
    expect(run.sources).toContain('cli/commands/validate.ts');
    expect(run.sources).toContain('shared/node/native-xsd.ts');
    // The addon answers (test/unit/schema/engines.test.ts checks it is built on Linux), so libxml2-wasm never loads.
    if (process.platform === 'linux') expect(run.sources.filter((source) => source.includes('libxml2-wasm'))).toEqual([]);
    // The schema model is read by lint's placeholder rules (PS-L035/PS-L036 need each element's and
    // attribute's type: about 2 ms to parse); the rest of what the forms and editing use is not loaded.
    const unwanted = run.sources.filter((source) => /^cli\/commands\/(?!index|validate)|shared\/common\/(forms|edit|templates)\/|i18n\/(fr|pt)\.ts|node-forge|@peculiar|pkcs11/.test(source));
    expect(unwanted).toEqual([]);
  });

  it('inspect loads only the active catalogue (French here), not the other ones', () => {
    const results = path.join(ROOT, 'test/fixtures/results/mixed-v1.valid.xml');
    const source = path.join(ROOT, 'test/fixtures/results/source-similar-names.xml');
    const run = loadedSources(['inspect', results, '--source', source, '--expected', results], { LANG: 'fr_FR.UTF-8' });
    expect(run.stdout).toContain('Que faire');
    expect(run.sources).toContain('shared/common/i18n/fr.ts');
    const unwanted = run.sources.filter((source) => /i18n\/(semantic\/|website\/)?pt\.ts|node-forge|pkcs11/.test(source));
    expect(unwanted).toEqual([]);
  });

  it('a French user loads the French catalogue and not the Portuguese one', () => {
    const run = loadedSources(['--help'], { LANG: 'fr_FR.UTF-8' });
    expect(run.stdout).toContain('Utilisation');
    expect(run.sources).toContain('shared/common/i18n/fr.ts');
    expect(run.sources).not.toContain('shared/common/i18n/pt.ts');
  });

  it.each(['native', 'wasm'])('the built CLI gives the verdicts xmllint gives, with the %s engine (libxml2-wasm loaded out of dist/cli/libxml2.wasm)', (engine) => {
    for (const [file, expected] of [
      [VALID, 0],
      [INVALID, 1],
    ] as const) {
      const ours = spawnSync(process.execPath, [CLI_BIN, 'validate', '--schema-only', file], { encoding: 'utf8', env: { ...process.env, PROVSTUDIO_XSD_ENGINE: engine } });
      const xmllint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(ROOT, 'schemas/provisioning.xsd'), file], { encoding: 'utf8' });
      expect(ours.status, ours.stdout + ours.stderr).toBe(expected);
      expect(xmllint.status === 0 ? 0 : 1).toBe(expected);
    }
  });

  it('separates libxml2-wasm`s embedded binary into a real WebAssembly module and a glue that reads it', () => {
    const source = readFileSync(fileURLToPath(import.meta.resolve('libxml2-wasm/lib/libxml2raw.mjs')), 'utf8');
    const { glue, binary } = separateLibxml2Binary(source);
    expect(WebAssembly.validate(new Uint8Array(binary))).toBe(true);
    expect(glue).toContain('readFileSync(new URL("./libxml2.wasm",import.meta.url))');
    expect(glue.includes('\0asm')).toBe(false);
    expect(glue.length).toBeLessThan(source.length / 20);
    expect(readFileSync(path.join(ROOT, 'dist/cli/libxml2.wasm')).equals(binary)).toBe(true);
    expect(() => separateLibxml2Binary('export default async function Module() {}')).toThrow(/embedded WebAssembly was not found/);
  });
});
