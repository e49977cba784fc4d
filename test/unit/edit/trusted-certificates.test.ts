import { describe, expect, it } from 'vitest';
import { addTrustedCertificate } from '../../../shared/common/edit/trusted-certificates';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { sharedValidator } from './support';

const NAMES = { subjectName: 'CN=Contoso Provisioning, O=Contoso Ltd', issuerName: 'CN=Contoso Issuing CA & Co' };
const GLOBAL = `  <Global>
    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>`;

describe('TrustedCertificates from a certificate', () => {
  it('creates Provisioning and TrustedCertificates at the schema-correct place, valid, bytes around kept', () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>\r\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">\r\n${GLOBAL.replace(/\n/g, '\r\n')}\r\n  <!-- keep me -->\r\n</CarrierProvisioning>\r\n`;
    const outcome = addTrustedCertificate(text, NAMES, BUNDLED_SCHEMA_MODEL);
    expect(outcome?.ok).toBe(true);
    if (!outcome?.ok) return;
    expect(outcome.text).toContain('CN=Contoso Issuing CA &amp; Co');
    expect(outcome.text).toContain('<!-- keep me -->');
    // The file's CRLF line endings are kept in the inserted lines: no lone LF anywhere.
    expect(outcome.text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(outcome.text.startsWith(text.slice(0, text.indexOf('  <!-- keep me -->')))).toBe(true);
    const validation = sharedValidator().validate(outcome.text, { lint: false });
    expect(validation.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });

  it('adds a second entry after the first, and does not repeat an entry already listed', () => {
    const first = addTrustedCertificate(
      `<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">\n${GLOBAL}\n</CarrierProvisioning>\n`,
      NAMES,
      BUNDLED_SCHEMA_MODEL,
    );
    if (!first?.ok) throw new Error('first insert failed');
    const again = addTrustedCertificate(first.text, NAMES, BUNDLED_SCHEMA_MODEL);
    expect(again).toMatchObject({ ok: true, alreadyListed: true, text: first.text });
    const second = addTrustedCertificate(first.text, { subjectName: 'CN=Other', issuerName: 'CN=Other CA' }, BUNDLED_SCHEMA_MODEL);
    if (!second?.ok) throw new Error('second insert failed');
    expect(second.text.indexOf('CN=Contoso Provisioning')).toBeLessThan(second.text.indexOf('CN=Other<'));
    expect(sharedValidator().validate(second.text, { lint: false }).valid).toBe(true);
  });

  it('returns null for text that does not parse', () => {
    expect(addTrustedCertificate('<CarrierProvisioning', NAMES, BUNDLED_SCHEMA_MODEL)).toBeNull();
  });
});
