// The host channel website.simulate checks what the renderer sends before Chromium is started.
import { describe, expect, it } from 'vitest';
import { HostError } from '../../../shared/common/ipc';
import { validateRequest } from '../../../shared/node/request-validation';
import { simulateRequest } from '../../../shared/node/website/service';

const GOOD = { url: 'https://shop.example/', device: { SubId: '310260000000001' }, pc: 'internet-explorer', language: 'fr', sim: 'operator', wifi: true, mbn: false, consent: 'decline', trustedPaths: [], tlsTrustPaths: [] };

describe('website.simulate requests', () => {
  it('passes a well-formed request through, device values included', () => {
    expect(validateRequest('website.simulate', GOOD)).toEqual(GOOD);
  });

  it('keeps the previous file when one is given, and refuses one that is not text', () => {
    expect(validateRequest('website.simulate', { ...GOOD, previousText: '<CarrierProvisioning/>' }).previousText).toBe('<CarrierProvisioning/>');
    expect(() => validateRequest('website.simulate', { ...GOOD, previousText: 42 })).toThrow(HostError);
  });

  it('refuses a wrong PC, language, consent, device value or path list', () => {
    for (const bad of [{ pc: 'windows95' }, { language: 'de' }, { consent: 'maybe' }, { device: { SubId: 310260000000001 } }, { trustedPaths: 'root.cer' }, { url: undefined }]) {
      expect(() => validateRequest('website.simulate', { ...GOOD, ...bad }), JSON.stringify(bad)).toThrow(HostError);
    }
  });

  it('refuses a URL that does not parse, and an unreadable certificate, before starting a browser', async () => {
    await expect(simulateRequest({ ...GOOD, url: 'not a url' } as never)).rejects.toThrow(HostError);
    await expect(simulateRequest({ ...GOOD, trustedPaths: ['/nonexistent/root.cer'] } as never)).rejects.toMatchObject({ messageKey: 'error.signing.certificateUnreadable' });
  });
});
