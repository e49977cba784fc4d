// The CLI's two libxml2 engines must give the same answers: the native one (our N-API addon over
// the system's libxml2, streaming) and libxml2-wasm (the app's, and the CLI's fallback). Every
// fixture is validated by both, as a validator and through the built CLI; big and malformed
// files and the streaming path are checked against native xmllint, an independent reader.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmXsdEngine } from '../../../shared/common/schema/libxml';
import { resolveNodePath } from '../../../shared/common/schema/map-issues';
import { DRIVER_SCHEMA } from '../../../shared/common/schema/roots';
import { ProvisioningValidator } from '../../../shared/common/validation/index';
import { schemaSetFor, type WindowsTarget } from '../../../shared/common/windows/targets';
import { parseXml } from '../../../shared/common/xml/parse';
import { loadNativeXsdEngine, loadNativeXsdEngineFrom } from '../../../shared/node/native-xsd';
import { runBuiltCli } from '../../support/cli';
import { generateDocument } from '../../bench/validation';
import { CORPUS_DIRECTORY, ROOT, SCHEMA_DIRECTORY, WINDOWS11_CORPUS_DIRECTORY, listFiles, readSchemaFiles } from './schema-files';

const native = loadNativeXsdEngine();
const nativeEngine = native.engine!;
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const allFixtures = listFiles(FIXTURES, '.xml');
const library = readSchemaFiles();
const temporary = mkdtempSync(path.join(os.tmpdir(), 'provstudio-engines-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const validators = new Map<string, ProvisioningValidator>();
function validator(engine: 'wasm' | 'native', target: WindowsTarget): ProvisioningValidator {
  const key = `${engine} ${target}`;
  let found = validators.get(key);
  if (!found) validators.set(key, (found = ProvisioningValidator.create(engine === 'wasm' ? wasmXsdEngine : nativeEngine, library, target)));
  return found;
}

/** The CLI's report without the timings (they differ from run to run). */
function withoutTimings(json: string): unknown {
  const report = JSON.parse(json) as { files: { timings: unknown }[] };
  for (const file of report.files) file.timings = null;
  return report;
}

describe('the native libxml2 engine', () => {
  it('is built and loads on Linux (scripts/build-native.mjs; libxml2-dev from scripts/setup.sh)', () => {
    if (process.platform !== 'linux') return;
    expect(native.engine ? native.libxmlVersion : native.reason).toMatch(/^2\.\d+\.\d+$/);
  });

  it('says why when the addon cannot load, so the CLI falls back to libxml2-wasm', () => {
    const broken = path.join(temporary, 'broken.node');
    writeFileSync(broken, 'not a shared object');
    const load = loadNativeXsdEngineFrom([path.join(temporary, 'missing.node'), broken]);
    expect(load.engine).toBeNull();
    expect(load.engine === null && load.reason).toMatch(/broken\.node could not be loaded/);
    expect(loadNativeXsdEngineFrom([path.join(temporary, 'missing.node')])).toMatchObject({ engine: null, reason: expect.stringMatching(/was not built/) });
  });
});

describe.skipIf(!native.engine)('native and WebAssembly libxml2 agree', () => {
  it.each(['windows10', 'windows11'] as WindowsTarget[])('on every fixture (%s): the same verdict and the same findings, with and without lint', (target) => {
    expect(allFixtures.length).toBeGreaterThan(500);
    const disagreements: string[] = [];
    for (const file of allFixtures) {
      const text = readFileSync(file, 'utf8');
      for (const lint of [false, true]) {
        const wasm = validator('wasm', target).validate(text, { lint });
        const ours = validator('native', target).validate(text, { lint });
        const shape = (result: typeof wasm) => ({ valid: result.valid, documentKind: result.documentKind, diagnostics: result.diagnostics });
        if (JSON.stringify(shape(wasm)) !== JSON.stringify(shape(ours))) disagreements.push(`${path.relative(FIXTURES, file)} (lint ${lint})`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("gives libxml2's own findings with the same messages, levels and lines, about the same elements", () => {
    const set = schemaSetFor(library, 'windows10');
    const wasm = wasmXsdEngine.compile(set, DRIVER_SCHEMA);
    const ours = nativeEngine.compile(set, DRIVER_SCHEMA);
    const disagreements: string[] = [];
    let schemaFindings = 0;
    for (const file of allFixtures) {
      const bytes = readFileSync(file);
      const expected = wasm.validate(bytes);
      const actual = ours.validate(bytes);
      const name = path.relative(FIXTURES, file);
      if (expected.some((issue) => issue.parseError)) {
        // Malformed: both stop at the parse. libxml2 2.9 may add a later fatal error ("Premature end
        // of data" after a tag mismatch) that newer versions, as in libxml2-wasm, do not report.
        if (!actual.every((issue) => issue.parseError) || actual[0]?.message !== expected[0]!.message || actual[0]?.line !== expected[0]!.line) disagreements.push(`${name}: parse ${JSON.stringify(actual[0])}`);
        continue;
      }
      const strip = (issues: typeof expected) => issues.map(({ message, level, line, parseError }) => ({ message, level, line, parseError }));
      if (JSON.stringify(strip(expected)) !== JSON.stringify(strip(actual))) {
        disagreements.push(`${name}: ${JSON.stringify(strip(actual))} instead of ${JSON.stringify(strip(expected))}`);
        continue;
      }
      if (expected.length === 0) continue;
      // Our path (one step per level, by position) names the element libxml2's tree path names.
      const parsed = parseXml(bytes.toString('utf8'));
      if (!parsed.ok) continue;
      expected.forEach((issue, index) => {
        schemaFindings++;
        const nativePath = actual[index]!.path!;
        expect(nativePath).toMatch(/^(\/\*\[\d+\])+$/);
        const theirs = issue.path ? resolveNodePath(parsed.document, issue.path) : undefined;
        if (theirs && theirs !== resolveNodePath(parsed.document, nativePath)) disagreements.push(`${name}: ${nativePath} is not ${issue.path}`);
      });
    }
    wasm.dispose();
    ours.dispose();
    expect(disagreements).toEqual([]);
    expect(schemaFindings).toBeGreaterThan(200);
  });

  it.each([
    ['--schema-only', 'windows10'],
    ['--schema-only', 'windows11'],
    ['', 'windows10'],
  ])('the built CLI prints the same report with either engine over every fixture (%s, %s)', (mode, target) => {
    const args = ['validate', ...(mode ? [mode] : []), '--target', target, '--format', 'json', ...allFixtures];
    const wasm = runBuiltCli(args, { env: { PROVSTUDIO_XSD_ENGINE: 'wasm' } });
    const ours = runBuiltCli(args, { env: { PROVSTUDIO_XSD_ENGINE: 'native' } });
    expect(ours.status).toBe(1);
    expect(ours.stderr).toBe(wasm.stderr);
    expect(withoutTimings(ours.stdout)).toEqual(withoutTimings(wasm.stdout));
    const text = (engine: string) => runBuiltCli(['validate', ...(mode ? [mode] : []), '--target', target, ...allFixtures], { env: { PROVSTUDIO_XSD_ENGINE: engine } }).stdout;
    expect(text('native')).toBe(text('wasm'));
  });

  it.skipIf(!hasXmllint)('streams a file only to accept it: answers for every file xmllint accepts (roots we take, no DOCTYPE) and for no other', () => {
    const files = [...listFiles(CORPUS_DIRECTORY, '.xml'), ...listFiles(WINDOWS11_CORPUS_DIRECTORY, '.xml'), ...listFiles(path.join(FIXTURES, 'malformed'), '.xml')];
    const xmllint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMA_DIRECTORY, DRIVER_SCHEMA), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const disagreements: string[] = [];
    let answered = 0;
    for (const file of files) {
      const accepted = xmllint.stderr.includes(`${file} validates`);
      const streamed = validator('native', 'windows10').validateFileWithoutFindings(file);
      if (streamed) answered++;
      if (streamed && !accepted) disagreements.push(`${file}: streamed valid, xmllint refuses`);
      if (!streamed && accepted && validator('wasm', 'windows10').validate(readFileSync(file, 'utf8'), { lint: false }).valid) disagreements.push(`${file}: valid but the stream declined`);
    }
    expect(disagreements).toEqual([]);
    expect(answered).toBeGreaterThan(100);
  });

  it('stops at a DOCTYPE without reading what it declares, and leaves the finding to our scanner', () => {
    const file = path.join(temporary, 'doctype.xml');
    writeFileSync(file, '<?xml version="1.0"?>\n<!DOCTYPE CarrierProvisioning [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">&b;</CarrierProvisioning>\n');
    expect(validator('native', 'windows10').validateFileWithoutFindings(file)).toBeNull();
    const run = (engine: string) => runBuiltCli(['validate', '--schema-only', file], { env: { PROVSTUDIO_XSD_ENGINE: engine } });
    expect(run('native')).toEqual(run('wasm'));
    expect(run('native').stdout).toMatch(/doctype\.xml:2:1: error XML_/);
  });

  it('stops at the depth libxml2-wasm stops at (2048 nested elements), with the same finding', () => {
    const deep = (depth: number) => `<?xml version="1.0"?>\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">${'<a>'.repeat(depth - 1)}${'</a>'.repeat(depth - 1)}</CarrierProvisioning>\n`;
    for (const depth of [2048, 2049, 3000]) {
      const text = deep(depth);
      expect(validator('native', 'windows10').validate(text, { lint: false }).diagnostics).toEqual(validator('wasm', 'windows10').validate(text, { lint: false }).diagnostics);
    }
    expect(validator('native', 'windows10').validate(deep(2049), { lint: false }).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['XML_PARSER_LIMIT']);
  });

  it('refuses schema files outside the set it was given (no file, no network)', () => {
    const xsd = (location: string) => `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="${location}"/></xs:schema>`;
    for (const location of ['file:///etc/hostname', '/etc/hostname', 'http://127.0.0.1:9/evil.xsd', '../schemas/base.xsd']) {
      expect(() => nativeEngine.compile({ 'entry.xsd': xsd(location) }, 'entry.xsd')).toThrow();
    }
    // The same include of a file in the set compiles.
    expect(() => nativeEngine.compile({ 'entry.xsd': xsd('other.xsd'), 'other.xsd': '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>' }, 'entry.xsd').dispose()).not.toThrow();
  });
});

describe.skipIf(!native.engine || !hasXmllint)('big files through the built CLI', () => {
  const big = path.join(temporary, 'big.xml');
  const invalid = path.join(temporary, 'big-invalid.xml');
  let bigBytes = 0;
  let expectedLine = 0;
  beforeAll(() => {
    const text = generateDocument(20 * 1024 * 1024);
    writeFileSync(big, text);
    bigBytes = text.length;
    // An element out of place after the last plan, near the end of the file.
    const at = text.lastIndexOf('</Plans>');
    writeFileSync(invalid, `${text.slice(0, at)}    <Surprise xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1"/>\n${text.slice(at)}`);
    expectedLine = text.slice(0, at).split('\n').length;
  });

  // The native engine only: the WebAssembly one gives the same report on every fixture (above) and takes twice as long here.
  it('reports an error near the end of a 20 MB file on the line xmllint gives', () => {
    // xmllint's streaming reader: its tree mode, without big line numbers, places an empty element
    // past line 65535 by the text after it (one line too far here).
    const xmllint = spawnSync('xmllint', ['--noout', '--nonet', '--stream', '--schema', path.join(SCHEMA_DIRECTORY, DRIVER_SCHEMA), invalid], { encoding: 'utf8' });
    expect(expectedLine).toBeGreaterThan(500_000);
    expect(xmllint.stderr).toContain(`${invalid}:${expectedLine}: Schemas validity error : Element '{http://www.microsoft.com/networking/CarrierControl/Plans/v1}Surprise'`);
    const run = runBuiltCli(['validate', '--schema-only', invalid], { env: { PROVSTUDIO_XSD_ENGINE: 'native' } });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`big-invalid\\.xml:${expectedLine}:7: error XSD_UNEXPECTED_ELEMENT: Surprise `));
  });

  it.skipIf(!spawnSync('/usr/bin/time', ['-f', '%M', 'true']).stderr)('validates a valid 20 MB file without holding it: peak memory well under the file size plus Node', () => {
    const small = path.join(temporary, 'small.xml');
    writeFileSync(small, generateDocument(2048));
    const peakKilobytes = (file: string) => {
      const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(ROOT, 'bin', 'provstudio.cjs'), 'validate', '--schema-only', file], { encoding: 'utf8', env: { ...process.env, PROVSTUDIO_XSD_ENGINE: 'native' } });
      expect(run.status, run.stderr).toBe(0);
      return Number(run.stderr.trim().split('\n').pop());
    };
    // The same process on a 2 KB file: the 20 MB file adds less than a quarter of its size (a copy
    // of its bytes alone would add all of it; libxml2-wasm's tree about five times it).
    expect(peakKilobytes(big) - peakKilobytes(small)).toBeLessThan(bigBytes / 1024 / 4);
  });
});
