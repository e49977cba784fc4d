// Golden files for every template (one per documented scenario): the English summary and the
// predicted results file of a dry run (operator app, operator SIM, Wi-Fi and mobile broadband
// present), which must validate against schemas/results-v1.xsd, checked by our validator and by
// xmllint. Written by
// `UPDATE_GOLDEN=1 npx vitest run test/unit/semantic/golden.test.ts`; reviewed by hand, then
// compared on every run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults } from '../../../shared/common/results/reader';
import { predictDryRun } from '../../../shared/common/semantic/dry-run';
import { readProvisioningModel } from '../../../shared/common/semantic/model';
import { loadResultsValidator } from '../../../shared/node/reports/index';
import { rangeOf } from '../../../shared/common/semantic/positions';
import { renderSentence, summarize } from '../../../shared/common/semantic/summary';
import { TEMPLATES } from '../../../shared/common/templates/index';

const GOLDEN = path.resolve(import.meta.dirname, '../../fixtures/semantic/golden');
const RESULTS_XSD = path.resolve(import.meta.dirname, '../../../schemas/results-v1.xsd');

export function compareGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  // A new template needs its golden files: write them with UPDATE_GOLDEN=1 and review them.
  expect(existsSync(file), `${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/unit/semantic/golden.test.ts and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

export function summaryText(text: string): string {
  return summarize(readProvisioningModel(text))
    .map((sentence) => `${rangeOf(text, sentence.span).start.line}: ${renderSentence('en', sentence)}`)
    .join('\n') + '\n';
}

describe('golden summaries (en)', () => {
  it.each(TEMPLATES.map((template) => [template.name, template.text] as const))('%s', (name, text) => {
    compareGolden(`${name}.summary.en.txt`, summaryText(text));
  });
});

describe('golden predicted results (operator app, operator SIM, both adapters)', () => {
  const validator = loadResultsValidator()!;
  it.each(TEMPLATES.map((template) => [template.name, template.text] as const))('%s', (name, text) => {
    const prediction = predictDryRun(readProvisioningModel(text), { source: 'operator-app', sim: 'operator', wifi: true, mbn: true });
    compareGolden(`${name}.predicted.xml`, prediction.resultXml);
    expect(readResults(prediction.resultXml, { validator }).schema).toEqual({ checked: true, valid: true });
  });

  it('xmllint, an independent validator, accepts every golden predicted file', () => {
    const files = TEMPLATES.map((template) => path.join(GOLDEN, `${template.name}.predicted.xml`));
    const result = spawnSync('xmllint', ['--noout', '--schema', RESULTS_XSD, ...files], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.match(/ validates$/gm)?.length).toBe(TEMPLATES.length);
  });
});
