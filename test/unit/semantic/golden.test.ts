// Golden files for every template (one per documented scenario): the English summary. Written by
// `UPDATE_GOLDEN=1 npx vitest run test/unit/semantic/golden.test.ts`; reviewed by hand, then
// compared on every run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProvisioningModel } from '../../../shared/common/semantic/model';
import { rangeOf } from '../../../shared/common/semantic/positions';
import { renderSentence, summarize } from '../../../shared/common/semantic/summary';
import { TEMPLATES } from '../../../shared/common/templates/index';

const GOLDEN = path.resolve(import.meta.dirname, '../../fixtures/semantic/golden');

export function compareGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
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
