// Quick answers while typing (shared/common/validation/incremental.ts) against the full
// validation of the same text: on every corpus file with comments, edits inside comments get the
// findings the full check gives (places moved, nothing hidden, verdict equal); edits anywhere
// else, and edits that stop a comment being one, get no quick answer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTextChanges, commentContaining, commentSpans, IncrementalValidation, isCommentContent, type TextChange } from '../../../shared/common/validation/incremental';
import type { ProvisioningValidator, ValidationResult } from '../../../shared/common/validation/validator';
import { parseXml } from '../../../shared/common/xml/parse';
import { CORPUS_DIRECTORY, listFiles, sharedValidator } from '../schema/schema-files';

const validator = sharedValidator();

/**
 * Full validations of the file under test, by text: every edit chain starts from the same text
 * (validated once, not once per chain), and a chain that types and deletes comes back to a text
 * it had. The validator is deterministic; the cache is emptied for each file.
 */
const validations = new Map<string, ValidationResult>();
const validateOnce = (text: string): ValidationResult => {
  let result = validations.get(text);
  if (!result) validations.set(text, (result = validator.validate(text)));
  return result;
};
/** The shared validator, answering from the cache (sessions ask it for their full checks). */
const rememberingValidator: ProvisioningValidator = Object.create(validator, { validate: { value: validateOnce } });

function fullCheck(text: string) {
  const result = validateOnce(text);
  return { diagnostics: result.diagnostics, valid: result.valid };
}

/** A session validated in full on `text`. */
function sessionOn(text: string): IncrementalValidation {
  const session = new IncrementalValidation(rememberingValidator);
  session.reset(text);
  session.validate();
  return session;
}

function commentsOf(text: string): Array<{ start: number; end: number }> {
  const parsed = parseXml(text);
  if (!parsed.ok) return [];
  const spans = commentSpans(parsed.document);
  const found: Array<{ start: number; end: number }> = [];
  for (let index = 0; index < spans.length; index += 2) found.push({ start: spans[index]!, end: spans[index + 1]! });
  return found;
}

const corpus = listFiles(CORPUS_DIRECTORY, '.xml')
  .map((file) => ({ file: path.relative(CORPUS_DIRECTORY, file), text: readFileSync(file, 'utf8') }))
  .filter(({ text }) => text.includes('<!--'));

describe('quick answers for edits inside comments', () => {
  it('equal the full validation on every corpus file with comments (typing, deleting, chains of edits)', () => {
    let quick = 0;
    let withFindingsAfter = 0;
    for (const { file, text } of corpus) {
      validations.clear();
      const comments = commentsOf(text);
      for (const comment of comments.slice(0, 3)) {
        const middle = comment.start + ((comment.end - comment.start) >> 1);
        const edits: TextChange[][] = [
          [{ offset: middle, length: 0, text: 'x' }],
          [{ offset: comment.start, length: 0, text: ' é\t«' }],
          [{ offset: comment.end, length: 0, text: 'abc ' }],
          ...(comment.end > comment.start ? [[{ offset: comment.start, length: 1, text: '' }]] : []),
          // A chain: several keystrokes in the same comment, each answered from the first base.
          [
            { offset: middle, length: 0, text: 'a' },
            { offset: middle + 1, length: 0, text: 'b' },
            { offset: middle + 1, length: 1, text: '' },
            { offset: middle, length: 0, text: 'zz' },
          ],
        ];
        for (const chain of edits) {
          const session = sessionOn(text);
          let current = text;
          for (const change of chain) {
            current = applyTextChanges(current, [change]);
            const answer = session.edit([change]);
            expect(session.text).toBe(current);
            const content = current.slice(comment.start, comment.end + current.length - text.length);
            if (!isCommentContent(content)) {
              expect(answer, file).toBeNull();
              break;
            }
            expect(answer, `${file}: ${JSON.stringify(change)}`).not.toBeNull();
            const full = fullCheck(current);
            expect(answer!.diagnostics, `${file}: ${JSON.stringify(change)}`).toEqual(full.diagnostics);
            expect(answer!.valid).toBe(full.valid);
            quick++;
            if (full.diagnostics.some((diagnostic) => diagnostic.range.start.offset > comment.end)) withFindingsAfter++;
          }
        }
      }
    }
    // Real coverage: many quick answers, many of them with findings that had to move.
    expect(quick).toBeGreaterThan(1000);
    expect(withFindingsAfter).toBeGreaterThan(100);
  });

  it('gives no quick answer where the comment stops being one, for markup, or across several places', () => {
    const text = `<?xml version="1.0"?>\n<!-- head -->\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1"><Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>1</SubscriberId></Global><!-- tail --></CarrierProvisioning>\n`;
    const inHead = text.indexOf('head');
    const cases: TextChange[][] = [
      [{ offset: inHead, length: 0, text: '--' }],
      [{ offset: inHead, length: 0, text: '-->' }],
      [{ offset: inHead + 4, length: 1, text: '-' }],
      [{ offset: inHead, length: 0, text: '\u0001' }],
      [{ offset: inHead, length: 0, text: '\n' }],
      [{ offset: text.indexOf('<Global>') + 1, length: 0, text: 'x' }],
      [{ offset: text.indexOf('1</SubscriberId>'), length: 0, text: '<' }],
      [
        { offset: text.indexOf('tail'), length: 0, text: 'x' },
        { offset: inHead, length: 0, text: 'x' },
      ],
    ];
    for (const changes of cases) {
      const session = sessionOn(text);
      expect(session.edit(changes), JSON.stringify(changes)).toBeNull();
      expect(session.upToDate).toBe(false);
      // After an edit without a quick answer, none until the next full validation.
      expect(session.edit([{ offset: text.indexOf('tail'), length: 0, text: 'y' }])).toBeNull();
      const full = session.validate();
      expect(full.kind).toBe('full');
      expect(full.diagnostics).toEqual(fullCheck(session.text).diagnostics);
    }
  });

  it('moves findings after the comment on the same line and keeps the ones before', () => {
    const text = `<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1"><Global><CarrierId>nope</CarrierId><!--c--><SubscriberId>x</SubscriberId><Bogus/></Global></CarrierProvisioning>`;
    const session = sessionOn(text);
    const before = fullCheck(text).diagnostics;
    expect(before.length).toBeGreaterThan(1);
    const answer = session.edit([{ offset: text.indexOf('c-->'), length: 0, text: 'typed ' }]);
    expect(answer?.kind).toBe('quick');
    expect(answer!.diagnostics).toEqual(fullCheck(session.text).diagnostics);
    expect(answer!.diagnostics.map((diagnostic) => diagnostic.range.start.column)).not.toEqual(before.map((diagnostic) => diagnostic.range.start.column));
  });

  it('finds the comment around an edit by binary search, inclusive of its ends', () => {
    const spans = Int32Array.from([4, 10, 20, 20, 30, 35]);
    expect(commentContaining(spans, 4, 4)).toEqual({ start: 4, end: 10 });
    expect(commentContaining(spans, 10, 10)).toEqual({ start: 4, end: 10 });
    expect(commentContaining(spans, 20, 20)).toEqual({ start: 20, end: 20 });
    expect(commentContaining(spans, 31, 35)).toEqual({ start: 30, end: 35 });
    expect(commentContaining(spans, 3, 5)).toBeNull();
    expect(commentContaining(spans, 9, 21)).toBeNull();
    expect(commentContaining(spans, 12, 12)).toBeNull();
    expect(commentContaining(spans, 36, 36)).toBeNull();
  });
});
