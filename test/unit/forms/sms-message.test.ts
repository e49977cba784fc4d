// One reader of an SMS Message rule: the lint rules and the SMS tester read the same parts.
import { describe, expect, it } from 'vitest';
import { readSmsMessage } from '../../../shared/common/lint/sms-rules';
import { smsRuleOf, testSmsRule } from '../../../shared/common/forms/sms-tester';
import { NAMESPACES } from '../../../shared/common/xml/namespaces';
import { parseXml } from '../../../shared/common/xml/parse';

const MESSAGE = `<Message xmlns="${NAMESPACES.wwan}" xmlns:x="urn:other">
  <Pattern>Used (\\d+) (MB|GB)</Pattern>
  <x:Pattern>not this one</x:Pattern>
  <Units M="MB" G="GB"/>
  <Fields><Usage Group="1" UnitGroup="2"/></Fields>
</Message>`;

function message() {
  const parsed = parseXml(MESSAGE);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document.root;
}

describe('an SMS Message rule', () => {
  it('is read once: Pattern, Units and Fields in the Message’s own namespace', () => {
    const parts = readSmsMessage(message());
    expect(parts.pattern?.namespaceUri).toBe(NAMESPACES.wwan);
    expect(parts.units?.localName).toBe('Units');
    expect(parts.fields?.localName).toBe('Fields');
  });

  it('the tester’s rule is built from that reading and tests a sample', () => {
    const rule = smsRuleOf(message());
    expect(rule).toEqual({ pattern: 'Used (\\d+) (MB|GB)', units: { M: 'MB', G: 'GB' }, fields: [{ name: 'Usage', attributes: { Group: '1', UnitGroup: '2' } }] });
    expect(testSmsRule(rule, 'Used 12 GB').matched).toBe(true);
  });
});
