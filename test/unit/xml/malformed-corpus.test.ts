// A corpus of malformed files made from one sample (every construct of a provisioning file):
// truncated at every character, and with every single character deleted. For each, the parser
// never throws, names the cause in words (an xml.explain.* message, not the scanner's own
// wording), and points at or before the real mistake: its range starts there, or the message
// names the place where the unfinished construct began (line and column).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import { checkXml, parseXml } from '../../../shared/common/xml/parse';
import { PositionMapper } from '../../../shared/common/xml/positions';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const SAMPLE = readFileSync(path.join(FIXTURES, 'malformed/sample-for-corruption.xml'), 'utf8');
/** The sample, its CRLF twin, and a real results file. */
const SAMPLES: [string, string][] = [
  ['sample', SAMPLE],
  ['sample CRLF', SAMPLE.replace(/\n/g, '\r\n')],
  ['results', readFileSync(path.join(FIXTURES, 'results/mixed-v1.valid.xml'), 'utf8')],
];
/** Errors that need no further explanation: their own message already says what is wrong. */
const SELF_EXPLAINING = new Set(['xml.error.noRoot', 'xml.error.dtdForbidden']);

/** The earliest place the diagnostic points at: its range, or a line:column it names. */
function earliestPointer(text: string, error: Diagnostic): number {
  let earliest = error.range.start.offset;
  const { line, column } = error.params;
  if (typeof line === 'number' && typeof column === 'number') {
    const mapper = PositionMapper.forText(text);
    earliest = Math.min(earliest, mapper.lineStartOffset(line) + column - 1);
  }
  return earliest;
}

interface Outcome {
  cases: number;
  errors: number;
  crashes: string[];
  unexplained: string[];
  late: string[];
}

function check(text: string, mistakeAt: number, label: string, outcome: Outcome): void {
  outcome.cases++;
  let result;
  try {
    result = parseXml(text);
    const checked = checkXml(text);
    if (checked.ok !== result.ok || (!checked.ok && !result.ok && checked.error.message !== result.error.message)) outcome.crashes.push(`${label}: checkXml disagrees`);
  } catch (error) {
    outcome.crashes.push(`${label}: ${String(error)}`);
    return;
  }
  if (result.ok) return;
  outcome.errors++;
  const { error } = result;
  if (!error.messageKey.startsWith('xml.explain.') && !SELF_EXPLAINING.has(error.messageKey)) outcome.unexplained.push(`${label}: ${error.code} ${error.message}`);
  if (earliestPointer(text, error) > mistakeAt) outcome.late.push(`${label}: ${error.code} at ${error.range.start.offset} ${error.message}`);
}

function report(outcome: Outcome): string {
  return JSON.stringify({ cases: outcome.cases, errors: outcome.errors, crashes: outcome.crashes.slice(0, 5), unexplained: outcome.unexplained.slice(0, 8), late: outcome.late.slice(0, 8) }, null, 1);
}

describe('malformed corpus', () => {
  it('truncated at every character: no crash, the cause named, never after the cut', () => {
    const outcome: Outcome = { cases: 0, errors: 0, crashes: [], unexplained: [], late: [] };
    for (const [name, sample] of SAMPLES) {
      for (let cut = 0; cut < sample.length; cut++) check(sample.slice(0, cut), cut, `${name} cut ${cut}`, outcome);
    }
    expect(outcome.cases).toBe(SAMPLES.reduce((sum, [, sample]) => sum + sample.length, 0));
    expect(outcome.crashes.length + outcome.unexplained.length + outcome.late.length, report(outcome)).toBe(0);
  });

  it('with every single character deleted: no crash, the cause named, at or before the deletion', () => {
    const outcome: Outcome = { cases: 0, errors: 0, crashes: [], unexplained: [], late: [] };
    for (const [name, sample] of SAMPLES) {
      for (let index = 0; index < sample.length; index++) {
        check(sample.slice(0, index) + sample.slice(index + 1), index, `${name} delete ${index} ${JSON.stringify(sample[index])}`, outcome);
      }
    }
    expect(outcome.errors).toBeGreaterThan(600);
    expect(outcome.crashes.length + outcome.unexplained.length + outcome.late.length, report(outcome)).toBe(0);
  });

  it('names a missing closing quote where the value started, not "character not allowed" at the next <', () => {
    const text = '<?xml version="1.0"?>\n<Plans>\n  <Plan Name="Basic>\n    <Limit>10</Limit>\n  </Plan>\n</Plans>\n';
    const result = parseXml(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('XML_UNCLOSED_ATTRIBUTE_VALUE');
    expect(result.error.message).toBe('The value of attribute Name is not closed: the quote " at line 3, column 14 has no closing quote.');
    expect(result.error.range.start).toMatchObject({ line: 3, column: 14 });
  });
});
