// provstudio validate: exit codes, the three output formats and --schema-only.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand, defaultSchemaDirectory, sarifRules } from '../../../cli/commands/validate';
import { ROOT, SCHEMA_DIRECTORY } from './schema-files';
import { runCaptured } from '../../support/cli';


async function run(...args: string[]) {
  const { exitCode, out, err } = await runCaptured(['validate', ...args], { cwd: ROOT }, [validateCommand]);
  return { code: exitCode, stdout: out, stderr: err };
}

const VALID = 'test/fixtures/corpus/cc/complete-document.valid.xml';
const INVALID = 'test/fixtures/corpus/wlan/priority-10.invalid.xml';
const LINT_ERROR = 'test/fixtures/lint/PS-L001.fail.xml';
const LINT_WARNING = 'test/fixtures/lint/PS-L003.fail.xml';

describe('provstudio validate', () => {
  it('finds the schemas next to the built CLI', () => {
    expect(defaultSchemaDirectory(new URL(`file://${path.join(ROOT, 'dist/cli/provstudio.cjs')}`).href, {})).toBe(SCHEMA_DIRECTORY);
    expect(defaultSchemaDirectory(undefined, { PROVSTUDIO_SCHEMAS: '/x/y' })).toBe('/x/y');
  });

  it('exit 0 with warnings only; 1 with a schema error; 1 with a lint error', async () => {
    expect((await run(LINT_WARNING)).code).toBe(0);
    const invalid = await run(INVALID);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/^test\/fixtures\/corpus\/wlan\/priority-10\.invalid\.xml:9:\d+: error XSD_RANGE: /m);
    expect((await run(LINT_ERROR)).code).toBe(1);
  });

  it('--schema-only drops lint findings', async () => {
    const result = await run('--schema-only', LINT_ERROR);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('PS-L');
  });

  it('exit 2 on a missing file, an unknown format or no file', async () => {
    const missing = await run(VALID, 'does/not/exist.xml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does/not/exist.xml');
    expect((await run('--format', 'xml', VALID)).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run('--bogus', VALID)).code).toBe(2);
  });

  it('JSON output for scripts', async () => {
    const result = await run('--format', 'json', VALID, INVALID);
    const json = JSON.parse(result.stdout);
    expect(json.files).toHaveLength(2);
    expect(json.files[0]).toMatchObject({ file: VALID, valid: true });
    expect(json.files[1].diagnostics[0]).toMatchObject({ code: 'XSD_RANGE', severity: 'error', source: 'schema', range: { start: { line: 9 } } });
  });

  it('SARIF 2.1.0 with the required fields', async () => {
    const result = await run('--format', 'sarif', INVALID, LINT_WARNING);
    const sarif = JSON.parse(result.stdout);
    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'provstudio' });
    expect(typeof driver.version).toBe('string');
    expect(driver.rules.length).toBe(sarifRules().length);
    const ids = new Set(driver.rules.map((rule: { id: string }) => rule.id));
    for (const item of sarif.runs[0].results) {
      expect(ids.has(item.ruleId)).toBe(true);
      expect(['error', 'warning', 'note']).toContain(item.level);
      expect(item.message.text.length).toBeGreaterThan(0);
      const location = item.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/^test\/fixtures\//);
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) expect(location.region[key]).toBeGreaterThan(0);
    }
    expect(sarif.runs[0].results.map((item: { ruleId: string }) => item.ruleId)).toEqual(['XSD_RANGE', 'PS-L003']);
  });
});

describe('validate and placeholders', () => {
  it('fails on placeholders by default (warnings included); --allow-placeholders accepts the warnings only', async () => {
    const withSamples = 'test/fixtures/lint/PS-L036.fail.xml';
    const failing = await run(withSamples);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('warning PS-L036: SubscriberId still holds a placeholder: all zeros.');
    expect(failing.stderr).toBe('3 placeholders are still to fill in (PS-L036): validate fails on them; pass --allow-placeholders to accept them.\n');
    expect((await run('--allow-placeholders', withSamples)).code).toBe(0);
    // The harmful ones are errors: no option turns them off.
    const harmful = await run('--allow-placeholders', 'test/fixtures/lint/PS-L035.fail.xml');
    expect(harmful.code).toBe(1);
    expect(harmful.stdout).toContain('error PS-L035: DeviceId 000000000000000 is all zeros, a placeholder.');
    expect((await run('test/fixtures/lint/PS-L036.pass.xml')).code).toBe(0);
  });
});
