// Every xs:pattern of every schema under schemas/ (the published windows10 set, the windows11
// replacements, authoring, results, APN database, COSA, …) has a description in words, in the
// three languages; pattern failures, the form's limits and value checks never show the expression.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, translate } from '../../../shared/common/i18n/index';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { patternDescriptionKey, patternDescriptionKeys } from '../../../shared/common/schema-model/pattern-descriptions';
import { checkValue } from '../../../shared/common/schema-model/value-check';
import { limitsOf } from '../../../shared/common/forms/form-model';
import { listFiles, SCHEMA_DIRECTORY, sharedValidator } from './schema-files';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const unescapeXml = (text: string) => text.replace(/&(?:amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity]!);

/** Each restriction's patterns, per schema file (a restriction's patterns are alternatives). */
function restrictionsWithPatterns(): Array<{ file: string; patterns: string[] }> {
  const found: Array<{ file: string; patterns: string[] }> = [];
  for (const file of listFiles(SCHEMA_DIRECTORY, '.xsd')) {
    const text = readFileSync(file, 'utf8');
    for (const restriction of text.matchAll(/<(\w+:)?restriction\b[\s\S]*?<\/\1?restriction>/g)) {
      const patterns = [...restriction[0].matchAll(/<(?:\w+:)?pattern\s+value\s*=\s*("([^"]*)"|'([^']*)')/g)].map((match) => unescapeXml(match[2] ?? match[3] ?? ''));
      if (patterns.length > 0) found.push({ file: file.slice(SCHEMA_DIRECTORY.length + 1), patterns });
    }
  }
  return found;
}

describe('pattern descriptions', () => {
  const restrictions = restrictionsWithPatterns();

  it('reads the patterns of every schema (the enumeration itself works)', () => {
    const files = new Set(restrictions.map((restriction) => restriction.file));
    for (const file of ['base.xsd', 'carrier-control-v1.xsd', 'wwan.xsd', 'results-v1.xsd', 'xmldsig-profile.xsd', 'apn-database.xsd', 'icd-package-config.xsd']) expect(files).toContain(file);
    // Every xs:pattern element in the folder is inside a restriction we read.
    const total = listFiles(SCHEMA_DIRECTORY, '.xsd').reduce((count, file) => count + [...readFileSync(file, 'utf8').matchAll(/<(?:\w+:)?pattern\s/g)].length, 0);
    expect(restrictions.reduce((count, restriction) => count + restriction.patterns.length, 0)).toBe(total);
  });

  it('describes every xs:pattern, alone and as the alternatives of its restriction, in every language', () => {
    const missing: string[] = [];
    for (const { file, patterns } of restrictions) {
      const forms = [...patterns, ...(patterns.length > 1 ? [patterns.join('|'), patterns.map((pattern) => `(${pattern})`).join('|')] : [])];
      for (const pattern of forms) {
        const keys = patternDescriptionKeys(pattern);
        if (!keys) {
          missing.push(`${file}: ${pattern}`);
          continue;
        }
        for (const language of LANGUAGES) {
          for (const key of keys) {
            const text = CATALOGUES[language][key];
            expect(text, `${language} ${key}`).toBeTruthy();
            expect(text, `${language} ${key}`).not.toContain(pattern);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes every pattern of the schema model (what forms, hover and value checks read)', () => {
    const unknown: string[] = [];
    for (const type of Object.values(BUNDLED_SCHEMA_MODEL.types)) {
      if (type.kind !== 'simple' || !type.facets.patterns) continue;
      if (patternDescriptionKey(type.facets.patterns) === 'pattern.unknown') unknown.push(`${type.key}: ${type.facets.patterns.join(' ')}`);
    }
    expect(unknown).toEqual([]);
  });

  it('says a failed pattern in words in the problems and the CLI, never the expression (en, fr, pt)', () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global>
    <CarrierId>{not-a-guid}</CarrierId>
    <SubscriberId>310-260</SubscriberId>
    <DeviceId>12</DeviceId>
  </Global>
</CarrierProvisioning>
`;
    const findings = sharedValidator().validate(text, { lint: false }).diagnostics.filter((diagnostic) => diagnostic.code === 'XSD_PATTERN');
    expect(findings.map((finding) => finding.params.expectedKey)).toEqual(['pattern.guid', 'pattern.subscriberId', 'pattern.deviceId']);
    for (const finding of findings) {
      expect(JSON.stringify(finding)).not.toMatch(/\[0-9|\\w\+|\\d\{/);
      for (const language of LANGUAGES) expect(translate(language, finding.messageKey, finding.params)).not.toMatch(/\[0-9|\[a-f|\\w|\\d|\\\{/);
    }
    expect(findings[2]!.message).toBe(
      'The value "12" of DeviceId is not a device identifier: 15 or 16 digits (an IMEI or ESN) or a MAC address of six pairs of hexadecimal digits separated by colons, such as 00:1A:2B:3C:4D:5E.',
    );
    expect(translate('fr', findings[0]!.messageKey, findings[0]!.params)).toMatch(/^La valeur « \{not-a-guid\} » de CarrierId n’est pas un GUID entre accolades/);
    expect(translate('pt', findings[1]!.messageKey, findings[1]!.params)).toMatch(/^O valor "310-260" de SubscriberId não é um identificador de assinante/);
  });

  it('form limits and value checks name the form, not the expression', () => {
    const deviceId = BUNDLED_SCHEMA_MODEL.types['{http://www.microsoft.com/networking/CarrierControl/v1}DeviceIdType'];
    expect(deviceId).toBeDefined();
    const limits = limitsOf(deviceId!.kind === 'simple' ? deviceId!.builtin : '', deviceId!.kind === 'simple' ? deviceId!.facets : {});
    expect(limits).toEqual([{ key: 'forms.limit.pattern', params: { expectedKey: 'pattern.deviceId' } }]);
    expect(translate('en', 'forms.limit.pattern', limits[0]!.params)).toMatch(/^Form: a device identifier: 15 or 16 digits/);
    const problem = checkValue(BUNDLED_SCHEMA_MODEL, deviceId!.key, '12');
    expect(problem?.messageKey).toBe('value.noPatternMatch');
    expect(translate('pt', problem!.messageKey, problem!.params)).toMatch(/^não é um identificador de dispositivo/);
    expect(translate('en', 'forms.limit.minLength', { value: '1', unitKey: 'forms.limit.characters' })).toBe('At least 1 character');
    expect(translate('en', 'forms.limit.maxLength', { value: '32', unitKey: 'forms.limit.bytes' })).toBe('At most 32 bytes');
  });
});
