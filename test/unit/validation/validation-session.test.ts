// The worker's side of validation while typing (renderer/src/validation/validation-service.ts,
// the functions the browser worker calls): whole text once, then edits; quick answers for
// comment and value edits, the full check when asked, and a request for the whole text when an edit does
// not fit the text held.
import { describe, expect, it } from 'vitest';
import { createValidationSession, schemaFilesByName } from '../../../renderer/src/validation/validation-service';
import { LINT_RULES } from '../../../shared/common/lint/index';
import { readSchemaFiles, sharedValidator } from '../schema/schema-files';

const modules: Record<string, string> = {};
for (const [name, text] of Object.entries(readSchemaFiles())) modules[`../../../schemas/${name}`] = text;
const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const TEXT = `<CarrierProvisioning xmlns="${CC}"><Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>x</SubscriberId></Global><!--note--></CarrierProvisioning>`;

describe('validation session (worker logic)', () => {
  it('validates the opened text, answers comment and value edits at once and validates other edits when asked', () => {
    const session = createValidationSession(schemaFilesByName(modules));
    const opened = session.open({ id: 1, text: TEXT, target: 'windows10' });
    expect(opened).toMatchObject({ id: 1, kind: 'full' });
    expect(opened.diagnostics).toEqual(sharedValidator('windows10').validate(TEXT).diagnostics);

    const inComment = TEXT.indexOf('note');
    const quick = session.edit({ kind: 'edit', id: 2, changes: [{ offset: inComment, length: 0, text: 'a ' }], length: TEXT.length + 2 });
    expect(quick).toMatchObject({ id: 2, kind: 'quick' });
    const afterComment = TEXT.slice(0, inComment) + 'a ' + TEXT.slice(inComment);
    expect(quick && 'diagnostics' in quick ? quick.diagnostics : null).toEqual(sharedValidator('windows10').validate(afterComment).diagnostics);
    // The full check still follows, and gives the same.
    expect(session.validatePending()?.diagnostics).toEqual(sharedValidator('windows10').validate(afterComment).diagnostics);
    expect(session.validatePending()).toBeNull();

    // An edit inside one value: answered at once too, then confirmed.
    const value = afterComment.indexOf('x</SubscriberId>');
    const valueAnswer = session.edit({ kind: 'edit', id: 3, changes: [{ offset: value, length: 1, text: '310260000000001' }], length: afterComment.length + 14 });
    expect(valueAnswer).toMatchObject({ id: 3, kind: 'quick' });
    const edited = afterComment.slice(0, value) + '310260000000001' + afterComment.slice(value + 1);
    expect(valueAnswer && 'diagnostics' in valueAnswer ? valueAnswer.diagnostics : null).toEqual(sharedValidator('windows10').validate(edited).diagnostics);
    expect(session.validatePending()).toMatchObject({ id: 3, kind: 'full', diagnostics: sharedValidator('windows10').validate(edited).diagnostics });

    // Markup typed: no quick answer, the full check when asked.
    const tag = edited.indexOf('<SubscriberId>');
    expect(session.edit({ kind: 'edit', id: 4, changes: [{ offset: tag + 1, length: 0, text: 'x' }], length: edited.length + 1 })).toBeNull();
    const marked = edited.slice(0, tag + 1) + 'x' + edited.slice(tag + 1);
    const full = session.validatePending();
    expect(full).toMatchObject({ id: 4, kind: 'full' });
    expect(full!.diagnostics).toEqual(sharedValidator('windows10').validate(marked).diagnostics);
  });

  it('validates in steps (the worker yields between them): an edit arriving meanwhile is answered from the base and the stale check gives nothing', () => {
    const session = createValidationSession(schemaFilesByName(modules));
    session.open({ id: 1, text: TEXT, target: 'windows10' });
    const value = TEXT.indexOf('x</SubscriberId>');
    const first = TEXT.slice(0, value) + '3' + TEXT.slice(value + 1);
    expect(session.edit({ kind: 'edit', id: 2, changes: [{ offset: value, length: 1, text: '3' }], length: first.length })).toMatchObject({ kind: 'quick' });

    // Run to the end without an edit: the same as the check in one go, and then nothing is pending.
    const steps = session.validatePendingSteps()!;
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThan(LINT_RULES.length);
    expect(step.value).toMatchObject({ id: 2, kind: 'full', diagnostics: sharedValidator('windows10').validate(first).diagnostics });
    expect(session.validatePendingSteps()).toBeNull();

    // An edit between two steps: answered at once, and the check of the text before it ends with nothing.
    const second = first.slice(0, value + 1) + '1' + first.slice(value + 1);
    expect(session.edit({ kind: 'edit', id: 3, changes: [{ offset: value + 1, length: 0, text: '1' }], length: second.length })).toMatchObject({ kind: 'quick' });
    const stale = session.validatePendingSteps()!;
    stale.next();
    stale.next();
    const third = second.slice(0, value + 2) + 'a' + second.slice(value + 2);
    const answer = session.edit({ kind: 'edit', id: 4, changes: [{ offset: value + 2, length: 0, text: 'a' }], length: third.length });
    expect(answer).toMatchObject({ id: 4, kind: 'quick' });
    expect(answer && 'diagnostics' in answer ? answer.diagnostics : null).toEqual(sharedValidator('windows10').validate(third).diagnostics);
    let rest = stale.next();
    while (!rest.done) rest = stale.next();
    expect(rest.value).toBeNull();
    // The next check is of the text as it is now.
    expect(session.validatePending()).toMatchObject({ id: 4, kind: 'full', diagnostics: sharedValidator('windows10').validate(third).diagnostics });
  });

  it('asks for the whole text when an edit does not fit the text it holds, and until it gets it', () => {
    const session = createValidationSession(schemaFilesByName(modules));
    session.open({ id: 1, text: TEXT });
    expect(session.edit({ kind: 'edit', id: 2, changes: [{ offset: 0, length: 0, text: ' ' }], length: TEXT.length + 5 })).toEqual({ id: 2, resync: true });
    expect(session.edit({ kind: 'edit', id: 3, changes: [{ offset: 0, length: 0, text: ' ' }], length: TEXT.length + 2 })).toEqual({ id: 3, resync: true });
    expect(session.validatePending()).toBeNull();
    expect(session.open({ id: 4, text: TEXT }).id).toBe(4);
    expect(session.edit({ kind: 'edit', id: 5, changes: [{ offset: TEXT.indexOf('note'), length: 0, text: 'b' }], length: TEXT.length + 1 })).toMatchObject({ id: 5, kind: 'quick' });
  });
});
