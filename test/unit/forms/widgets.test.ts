// Pure logic of the hand-made widgets: GUID, durations, blobs, SSIDs, the SMS-rule tester.
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  checkDuration,
  clampDurationSeconds,
  clampInteger,
  convertBlob,
  formatDuration,
  hexToBytes,
  isGuid,
  isHttpsUrl,
  isPlaceholderGuid,
  newGuid,
  normaliseGuid,
  parseDuration,
  ssidByteLength,
  ssidHexToName,
  ssidNameToHex,
  utf8Decode,
  utf8Encode,
} from '../../../shared/common/forms/widgets';
import { parseTimestamp, parseUsageNumber, testSmsRule, unitFor, type SmsRule } from '../../../shared/common/forms/sms-tester';

describe('GUID', () => {
  it('generates valid, distinct, version-4 GUIDs in braces', () => {
    let seed = 1;
    const random = (length: number) => Uint8Array.from({ length }, () => (seed = (seed * 48271) % 2147483647) & 255);
    const a = newGuid(random);
    const b = newGuid(random);
    expect(isGuid(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
  });
  it('normalises pasted GUIDs and spots placeholders', () => {
    expect(normaliseGuid('12345678-1234-1234-1234-123456789abc')).toBe('{12345678-1234-1234-1234-123456789abc}');
    expect(normaliseGuid('nope')).toBeNull();
    expect(isPlaceholderGuid('{00000000-0000-0000-0000-000000000000}')).toBe(true);
    expect(isPlaceholderGuid('{12345678-1234-1234-1234-123456789abc}')).toBe(false);
  });
});

describe('ISO 8601 durations', () => {
  it('parses and formats the day-time subset', () => {
    expect(parseDuration('PT30S')).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 30 });
    expect(parseDuration('P1DT2H')).toEqual({ days: 1, hours: 2, minutes: 0, seconds: 0 });
    expect(parseDuration('P1M')).toBeNull();
    expect(parseDuration('PT')).toBeNull();
    expect(formatDuration({ days: 0, hours: 0, minutes: 90, seconds: 0 })).toBe('PT1H30M');
    expect(formatDuration({ days: 0, hours: 0, minutes: 0, seconds: 0 })).toBe('PT0S');
    expect(formatDuration({ days: 1, hours: 0, minutes: 0, seconds: 5 })).toBe('P1DT5S');
  });
  it('checks and clamps against the schema limits (Delay: PT0S <= d < PT1H; RetryInterval: PT1M..PT1H)', () => {
    const delay = { minInclusive: 'PT0S', maxExclusive: 'PT1H' };
    const interval = { minInclusive: 'PT1M', maxInclusive: 'PT1H' };
    expect(checkDuration('PT59M59S', delay)).toBeNull();
    expect(checkDuration('PT1H', delay)).toBe('tooLarge');
    expect(checkDuration('PT59S', interval)).toBe('tooSmall');
    expect(checkDuration('PT1H', interval)).toBeNull();
    expect(checkDuration('soon', interval)).toBe('syntax');
    expect(clampDurationSeconds(7200, delay)).toBe(3599);
    expect(clampDurationSeconds(10, interval)).toBe(60);
    expect(clampInteger(11, '0', '10')).toBe(10);
    expect(clampInteger(-1, '0', '10')).toBe(0);
  });
});

describe('blobs', () => {
  it('converts between base64, hex and text', () => {
    expect(convertBlob('YXJiaXRyYXJ5ZGF0YQ==', 'base64', 'text')).toBe('arbitrarydata');
    expect(convertBlob('arbitrarydata', 'text', 'base64')).toBe('YXJiaXRyYXJ5ZGF0YQ==');
    expect(convertBlob('YQ==', 'base64', 'hex')).toBe('61');
    expect(convertBlob('DE AD be ef', 'hex', 'base64')).toBe('3q2+7w==');
    expect(convertBlob('3q2+7w==', 'base64', 'text')).toBeNull();
    expect(base64ToBytes('abc')).toBeNull();
    expect(hexToBytes('abc')).toBeNull();
    for (const length of [0, 1, 2, 3, 4, 5]) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 97) & 255);
      expect([...base64ToBytes(bytesToBase64(bytes))!]).toEqual([...bytes]);
    }
  });
  it('encodes and decodes UTF-8 like the platform', () => {
    for (const text of ['', 'Café', '日本', '😀 x']) {
      expect([...utf8Encode(text)]).toEqual([...new TextEncoder().encode(text)]);
      expect(utf8Decode(utf8Encode(text))).toBe(text);
    }
    expect(utf8Decode(Uint8Array.from([0xc3]))).toBeNull();
  });
  it('SSIDs: byte length, name <-> hex; https check', () => {
    expect(ssidByteLength('Café')).toBe(5);
    expect(ssidNameToHex('AB')).toBe('4142');
    expect(ssidHexToName('4142')).toBe('AB');
    expect(isHttpsUrl('https://prov.contoso.com/refresh')).toBe(true);
    expect(isHttpsUrl('http://prov.contoso.com/refresh')).toBe(false);
  });
});

describe('SMS-rule tester', () => {
  const rule: SmsRule = {
    pattern: 'You have used ([\\d.]+) ?(MB|GB) as of (\\S+ \\S+)',
    units: { K: 'KB kB', M: 'MB', G: 'GB', Mi: 'MiB' },
    fields: [
      { name: 'UsageTimestamp', attributes: { Format: '%m/%d/%Y %H:%M', Group: '3' } },
      { name: 'Usage', attributes: { Group: '1', UnitGroup: '2', DefaultUnit: 'M' } },
      { name: 'Congested', attributes: { Default: 'true' } },
    ],
  };

  it('shows the match, each captured field, the usage in bytes and the timestamp', () => {
    const result = testSmsRule(rule, 'You have used 1.5 GB as of 01/15/2025 13:45');
    expect(result.matched).toBe(true);
    expect(result.groups).toEqual(['You have used 1.5 GB as of 01/15/2025 13:45', '1.5', 'GB', '01/15/2025 13:45']);
    const [timestamp, usage, congested] = result.fields;
    expect(timestamp).toMatchObject({ name: 'UsageTimestamp', group: 3, value: '2025-01-15T13:45:00' });
    expect(usage).toMatchObject({ name: 'Usage', value: 1.5, unit: 'G', bytes: 1.5e9, megabytes: 1500 });
    expect(congested).toMatchObject({ value: true });
  });

  it('the seed\'s match-everything pattern [^]* matches any message', () => {
    const result = testSmsRule({ pattern: '[^]*', fields: [] }, 'anything\nat all');
    expect(result.matched).toBe(true);
    expect(result.groups[0]).toBe('anything\nat all');
  });

  it('reports no match, a bad pattern, a missing group and a timestamp that does not fit', () => {
    expect(testSmsRule(rule, 'Hello').matched).toBe(false);
    expect(testSmsRule({ pattern: '(?i)usage', fields: [] }, 'usage').compileError).not.toBeNull();
    const missing = testSmsRule({ pattern: '(\\d+)', fields: [{ name: 'Usage', attributes: { Group: '2' } }] }, '12');
    expect(missing.fields[0]!.problem).toBe('noSuchGroup');
    const badTime = testSmsRule({ pattern: '(\\S+)', fields: [{ name: 'UsageTimestamp', attributes: { Format: '%d.%m.%Y', Group: '1' } }] }, '2025-01-15');
    expect(badTime.fields[0]!.problem).toBe('timestampMismatch');
    expect(testSmsRule({ pattern: '(?<n>\\d+)', fields: [] }, '1').nonPortable.length).toBe(1);
  });

  it('reads 12-hour clocks, tokens, plan types and flags', () => {
    expect(parseTimestamp('1/5/25 7:05 PM', '%#m/%#d/%y %#I:%M %p')!.iso).toBe('2025-01-05T19:05:00');
    expect(parseTimestamp('12:00 AM', '%I:%M %p')!.hour).toBe(0);
    expect(parseTimestamp('31/02/2025', '%d/%m/%Y')).toBeNull();
    expect(parseUsageNumber('1,234.5')).toBe(1234.5);
    expect(unitFor('kB', rule.units)).toBe('K');
    expect(unitFor('MiB', undefined)).toBe('Mi');
    const plan = testSmsRule(
      { pattern: 'plan (\\w+) over (\\w+)', fields: [{ name: 'PlanType', attributes: { Group: '1', FixedTokens: 'capped', UnrestrictedTokens: 'unlimited' } }, { name: 'OverDataLimit', attributes: { Group: '2', TrueToken: 'YES', FalseToken: 'NO' } }] },
      'plan capped over YES',
    );
    expect(plan.fields.map((field) => field.value)).toEqual(['Fixed', true]);
  });
});
