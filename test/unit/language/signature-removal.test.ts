// Signature removal leaves every byte outside the Signature (and its own line) as it was: checked
// on a hand-made file, with CRLF line ends, inline, on a corpus file, and on a file xmlsec1 signed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTextEdits } from '../../../shared/common/edit/text-edits';
import { signatureRemovalEdit, textWithoutSignature } from '../../../shared/common/language/signature-removal';
import { CA_EXTENSIONS, EV_SIGNER_EXTENSIONS, OpensslPki } from '../signing/openssl-pki';
import { template, withTemplate, xmlsecSign } from '../signing/other-signers';
import { ROOT } from '../edit/support';
import { BLANK, parse } from './support';

const SIGNATURE = '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/><SignatureValue>AAAA</SignatureValue></Signature>';

describe('signature removal', () => {
  it('removes the Signature and its own line, and gives back the unsigned bytes', () => {
    const signed = BLANK.replace('</CarrierProvisioning>', `  ${SIGNATURE}\n</CarrierProvisioning>`);
    expect(textWithoutSignature(signed)).toBe(BLANK);
    const crlf = BLANK.replace(/\n/g, '\r\n');
    expect(textWithoutSignature(crlf.replace('</CarrierProvisioning>', `\t${SIGNATURE}\r\n</CarrierProvisioning>`))).toBe(crlf);
  });

  it('removes only the element when it shares its line, and nothing when there is no signature', () => {
    const inline = BLANK.replace('  </Global>', `  </Global>${SIGNATURE}`);
    expect(textWithoutSignature(inline)).toBe(BLANK);
    expect(textWithoutSignature(BLANK)).toBeNull();
    expect(textWithoutSignature('<CarrierProvisioning')).toBeNull();
    // A Signature that is not the root's child, or not in the XML-DSig namespace, stays.
    const nested = BLANK.replace('<CarrierId>', `${SIGNATURE}<CarrierId>`);
    expect(textWithoutSignature(nested)).toBeNull();
    expect(textWithoutSignature(BLANK.replace('</Global>', '</Global><Signature/>'))).toBeNull();
  });

  it('is one edit, and the text outside it is byte-identical (corpus file)', () => {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/corpus/cc/signature-last.valid.xml'), 'utf8');
    const edit = signatureRemovalEdit(parse(text))!;
    const removed = text.slice(edit.offset, edit.offset + edit.length);
    expect(removed.trim().startsWith('<Signature')).toBe(true);
    expect(removed.trimEnd().endsWith('</Signature>')).toBe(true);
    const without = applyTextEdits(text, [edit]);
    expect(without).toBe(text.slice(0, edit.offset) + text.slice(edit.offset + edit.length));
    expect(without).not.toContain('xmldsig');
  });

  it.runIf(spawnSync('xmlsec1', ['--version']).status === 0)('gives back the document xmlsec1 signed', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-signature-removal-'));
    try {
      const pki = new OpensslPki(path.join(directory, 'pki'));
      const root = pki.issue({ name: 'Removal Root', extensions: CA_EXTENSIONS });
      const leaf = pki.issue({ name: 'Removal Signer', issuer: root, extensions: EV_SIGNER_EXTENSIONS });
      const output = path.join(directory, 'signed.xml');
      xmlsecSign(withTemplate(BLANK, template('indented', 'ds')), leaf, [], output);
      const signed = readFileSync(output, 'utf8');
      expect(signed).toContain('<ds:SignatureValue>');
      expect(textWithoutSignature(signed)).toBe(BLANK);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
