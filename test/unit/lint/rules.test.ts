// Each lint rule against its fixture pair: test/fixtures/lint/<code>.fail.xml must raise the
// code, <code>.pass.xml must not. Both files are schema-valid, so the rule is what tells them apart,
// except where the fixture's first comment says `[schema-refused]` (rules that explain a schema
// refusal). `[target windows10]` checks the file for Windows 10; the default is windows11.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINT_RULES, analysePattern, analyseTimestampFormat, countCaptureGroups, luhnCheckDigit, passesLuhn } from '../../../shared/common/lint/index';
import { ROOT, sharedValidator } from '../schema/schema-files';
import type { WindowsTarget } from '../../../shared/common/windows/targets';
import { en } from '../../../shared/common/i18n/en';
import { fr } from '../../../shared/common/i18n/fr';
import { pt } from '../../../shared/common/i18n/pt';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lint');

function fixture(file: string) {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8');
  const head = text.slice(0, 400);
  return { text, target: (/\[target (windows\d+)\]/.exec(head)?.[1] ?? 'windows11') as WindowsTarget, schemaRefused: head.includes('[schema-refused]') };
}

function check(file: string) {
  const { text, target } = fixture(file);
  return sharedValidator(target).validate(text);
}

describe('lint rules against their fixtures', () => {
  it('every rule has a fixture pair and every fixture a rule', () => {
    const codes = new Set(LINT_RULES.map((rule) => rule.code));
    const fixtureCodes = new Set(readdirSync(FIXTURES).map((name) => name.replace(/\.(fail|pass)\.xml$/, '')));
    expect([...fixtureCodes].sort()).toEqual([...codes].sort());
  });

  for (const rule of LINT_RULES) {
    it(`${rule.code} (${rule.title}) reports the failing file`, () => {
      const result = check(`${rule.code}.fail.xml`);
      expect(result.valid, JSON.stringify(result.diagnostics.filter((d) => d.source !== 'lint'))).toBe(!fixture(`${rule.code}.fail.xml`).schemaRefused);
      const found = result.diagnostics.filter((diagnostic) => diagnostic.code === rule.code);
      expect(found.length).toBeGreaterThan(0);
      for (const diagnostic of found) {
        expect(diagnostic.severity).toBe(rule.severity);
        expect(rule.messageKeys).toContain(diagnostic.messageKey);
        expect(diagnostic.range.start.line).toBeGreaterThan(3);
        expect(diagnostic.message).not.toMatch(/\{\w+\}/);
      }
    });
    it(`${rule.code} is silent on the passing file`, () => {
      const result = check(`${rule.code}.pass.xml`);
      expect(result.valid, JSON.stringify(result.diagnostics.filter((d) => d.source !== 'lint'))).toBe(true);
      expect(result.diagnostics.filter((diagnostic) => diagnostic.code === rule.code)).toEqual([]);
    });
  }

  it('every lint message key is translated in French and Portuguese with the same placeholders', () => {
    for (const rule of LINT_RULES) {
      for (const key of rule.messageKeys) {
        const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
        expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
        expect(placeholders(pt[key]), key).toEqual(placeholders(en[key]));
        expect(fr[key]).not.toBe(en[key]);
      }
    }
  });

  it('points at the exact place: the missing plan name inside AssociatedPlan', () => {
    const result = check('PS-L001.fail.xml');
    const diagnostic = result.diagnostics.find((d) => d.code === 'PS-L001')!;
    const text = readFileSync(path.join(FIXTURES, 'PS-L001.fail.xml'), 'utf8');
    expect(text.slice(diagnostic.range.start.offset, diagnostic.range.end.offset)).toBe('Contoso 10GB');
  });

  it('does not lint results documents', () => {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/corpus/results/all-sections.valid.xml'), 'utf8');
    expect(sharedValidator().validate(text).diagnostics.filter((d) => d.source === 'lint')).toEqual([]);
  });
});

describe('SMS pattern and timestamp helpers', () => {
  it('counts capture groups, ignoring escapes, classes and non-capturing groups', () => {
    expect(countCaptureGroups('You have used ([\\d.]+) ?(MB|GB) as of (\\S+ \\S+)')).toBe(3);
    expect(countCaptureGroups('\\(not\\) [(] (?:x) (?=y) (?<name>z) (?<=w)')).toBe(1);
    expect(countCaptureGroups('[^]*(a)')).toBe(1);
  });
  it('reports a pattern that does not compile and constructs outside ECMAScript', () => {
    expect(analysePattern('(a').compileError).not.toBeNull();
    expect(analysePattern('(?i)abc').compileError).not.toBeNull();
    expect(analysePattern('a*+').compileError).not.toBeNull();
    expect(analysePattern('[^]*').compileError).toBeNull();
    expect(analysePattern('[[:digit:]]+').nonPortable.length).toBe(1);
  });
  it('reads timestamp formats', () => {
    expect(analyseTimestampFormat('%m/%d/%Y %H:%M')).toEqual({ invalidTokens: [], identifiers: ['m', 'd', 'Y', 'H', 'M'] });
    expect(analyseTimestampFormat('%#d.%#m.%y 100%%').invalidTokens).toEqual([]);
    expect(analyseTimestampFormat('%#p %e %').invalidTokens).toEqual(['%#p', '%e', '%']);
  });
  it('computes Luhn check digits', () => {
    expect(luhnCheckDigit('49015420323751')).toBe(8);
    expect(passesLuhn('490154203237518')).toBe(true);
    expect(passesLuhn('89014103211118510720')).toBe(true);
  });
});
