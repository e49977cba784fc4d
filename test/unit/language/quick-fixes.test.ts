// A finding's fix applies only while the text it replaces is still what was validated: the
// https root namespace (PS-L032) from the corpus, fixed, then with the namespace edited by hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicableFixEdits } from '../../../shared/common/language/quick-fixes';
import { ROOT, sharedValidator } from '../edit/support';

describe('quick fixes', () => {
  const text = readFileSync(path.join(ROOT, 'test/fixtures/corpus/cc/root-namespace-https.invalid.xml'), 'utf8');
  const finding = sharedValidator().validate(text).diagnostics.find((diagnostic) => diagnostic.fix);

  it('applies the fix to the text it was found in, and the fixed text validates', () => {
    expect(finding?.code).toBe('PS-L032');
    const edits = applicableFixEdits(finding!, text.length, (start, end) => text.slice(start, end))!;
    expect(edits.length).toBeGreaterThan(0);
    let fixed = text;
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, edit.start) + edit.newText + fixed.slice(edit.end);
    expect(sharedValidator().validate(fixed).valid).toBe(true);
  });

  it('refuses once the text it replaces has changed, or the text got shorter than the edit', () => {
    const edited = text.replace('https://', 'httpx://');
    expect(applicableFixEdits(finding!, edited.length, (start, end) => edited.slice(start, end))).toBeNull();
    expect(applicableFixEdits(finding!, 10, (start, end) => text.slice(start, end))).toBeNull();
    const { fix: _fix, ...withoutFix } = finding!;
    expect(applicableFixEdits(withoutFix, text.length, () => '')).toBeNull();
  });
});
