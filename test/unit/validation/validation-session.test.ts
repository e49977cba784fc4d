// The worker's side of validation while typing (renderer/src/validation/validation-service.ts,
// the functions the browser worker calls): whole text once, then edits; quick answers for
// comment and value edits, the full check when asked, and a request for the whole text when an edit does
// not fit the text held.
import { describe, expect, it } from 'vitest';
import { createValidationSession, schemaFilesByName } from '../../../renderer/src/validation/validation-service';
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
