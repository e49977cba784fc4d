// Our verdict must be libxml2's native verdict (what `xmllint --schema schemas/provisioning.xsd`
// says) for every corpus file whose root we accept. Skipped when xmllint is not installed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIRECTORY, SCHEMA_DIRECTORY, WINDOWS11_CORPUS_DIRECTORY, listFiles, sharedValidator } from './schema-files';
import type { WindowsTarget } from '../../../shared/common/windows/targets';

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const files = [...listFiles(CORPUS_DIRECTORY, '.xml'), ...listFiles(WINDOWS11_CORPUS_DIRECTORY, '.xml')];

/** The windows11 schema set as xmllint reads it: schemas/ with schemas/windows11/ laid over it, in a temporary folder. */
function windows11SchemaFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'provstudio-windows11-'));
  for (const name of readdirSync(SCHEMA_DIRECTORY)) if (name.endsWith('.xsd')) copyFileSync(path.join(SCHEMA_DIRECTORY, name), path.join(folder, name));
  for (const name of readdirSync(path.join(SCHEMA_DIRECTORY, 'windows11'))) copyFileSync(path.join(SCHEMA_DIRECTORY, 'windows11', name), path.join(folder, name));
  return folder;
}

describe.skipIf(!hasXmllint)('agreement with native xmllint', () => {
  it.each(['windows10', 'windows11'] as WindowsTarget[])('gives the same verdict on the whole corpus for %s (roots we refuse count as invalid on both sides)', (target) => {
    const folder = target === 'windows10' ? SCHEMA_DIRECTORY : windows11SchemaFolder();
    // One xmllint run over all files: it prints "<file> validates" or "<file> fails to validate".
    const native = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(folder, 'provisioning.xsd'), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (folder !== SCHEMA_DIRECTORY) rmSync(folder, { recursive: true });
    expect(native.stderr).toContain('validates');
    const disagreements: string[] = [];
    for (const file of files) {
      const nativeValid = native.stderr.includes(`${file} validates`);
      const result = sharedValidator(target).validate(readFileSync(file, 'utf8'), { lint: false });
      // xmllint has no root restriction: a stray global element "validates" natively but not here.
      const rootRefused = result.diagnostics.some((diagnostic) => diagnostic.code === 'XSD_ROOT_NOT_ALLOWED');
      const ours = result.valid;
      if (ours !== nativeValid && !(rootRefused && nativeValid === true)) disagreements.push(`${path.relative(CORPUS_DIRECTORY, file)}: xmllint ${nativeValid}, ours ${ours}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('the bytes path (validate --schema-only without decoding) answers only for files xmllint accepts, and for all of those', () => {
    const native = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMA_DIRECTORY, 'provisioning.xsd'), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const disagreements: string[] = [];
    let answered = 0;
    for (const file of files) {
      const nativeValid = native.stderr.includes(`${file} validates`);
      const bytes = readFileSync(file);
      const fast = sharedValidator().validateUtf8WithoutFindings(bytes);
      if (fast) answered++;
      // Null means "decode and look closer" (findings, a DOCTYPE, a root we refuse): never a verdict.
      if (fast && (!nativeValid || !fast.valid)) disagreements.push(`${path.relative(CORPUS_DIRECTORY, file)}: bytes path valid, xmllint ${nativeValid}`);
      if (!fast && nativeValid && !bytes.includes('<!DOCTYPE') && sharedValidator().validate(bytes.toString('utf8'), { lint: false }).valid) {
        disagreements.push(`${path.relative(CORPUS_DIRECTORY, file)}: valid but the bytes path declined`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(answered).toBeGreaterThan(100);
  });
});
