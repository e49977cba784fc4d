import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostHandlers, dispatch, MAX_RECENT_FILES } from '../../shared/node/host';

function host() {
  return createHostHandlers({ dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-')), kind: 'browser', version: '9.9.9', askSecret: async () => null, secretPrompt: 'promptPage' });
}

describe('host handlers', () => {
  it('describes itself; the browser host has no native dialogs', async () => {
    const handlers = host();
    expect(await dispatch(handlers, 'app.info', undefined)).toMatchObject({ host: 'browser', nativeDialogs: false, version: '9.9.9' });
    await expect(dispatch(handlers, 'dialog.chooseFile', { purpose: 'open' })).rejects.toMatchObject({ code: 'dialog.unavailable' });
  });

  it('rejects malformed requests with a translatable error', async () => {
    const handlers = host();
    await expect(dispatch(handlers, 'file.read', { path: 42 })).rejects.toMatchObject({ code: 'request.invalid', messageKey: 'error.request.invalid' });
    await expect(dispatch(handlers, 'file.save', { path: '/tmp/x', text: 'a', encoding: 'ebcdic' })).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(dispatch(handlers, 'settings.update', { theme: 'purple' })).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(dispatch(handlers, 'recovery.discard', { documentId: '../../etc/passwd' })).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(dispatch(handlers, 'file.read', null)).rejects.toMatchObject({ code: 'request.invalid' });
  });

  it('keeps settings', async () => {
    const handlers = host();
    expect(await dispatch(handlers, 'settings.get', undefined)).toEqual({ theme: 'system', language: 'system', keepUnlockedMinutes: 5, trustedRootPaths: [] });
    await dispatch(handlers, 'settings.update', { language: 'fr' });
    expect(await dispatch(handlers, 'settings.update', { theme: 'dark' })).toEqual({ theme: 'dark', language: 'fr', keepUnlockedMinutes: 5, trustedRootPaths: [] });
    // The keep-unlocked time reaches the signing service at once; a bad value is refused with its field.
    expect(await dispatch(handlers, 'settings.update', { keepUnlockedMinutes: 0 })).toMatchObject({ keepUnlockedMinutes: 0 });
    expect((await dispatch(handlers, 'signing.keyStores', undefined)).keepUnlockedMs).toBe(0);
    for (const bad of [-1, 1.5, 10_000, '5']) {
      await expect(dispatch(handlers, 'settings.update', { keepUnlockedMinutes: bad } as never)).rejects.toMatchObject({ code: 'request.invalid', params: { detail: 'keepUnlockedMinutes' } });
    }
    expect((await dispatch(handlers, 'settings.get', undefined)).keepUnlockedMinutes).toBe(0);
    // The trust list for signature checks: absolute paths, each once.
    expect((await dispatch(handlers, 'settings.update', { trustedRootPaths: ['/kit/root.cer', '/kit/root.cer', '/kit/other.pem'] })).trustedRootPaths).toEqual(['/kit/root.cer', '/kit/other.pem']);
    for (const bad of [['relative/root.cer'], '/kit/root.cer', [42]]) {
      await expect(dispatch(handlers, 'settings.update', { trustedRootPaths: bad } as never)).rejects.toMatchObject({ code: 'request.invalid', params: { detail: 'trustedRootPaths' } });
    }
  });

  it('keeps recent files newest first, without duplicates, up to a limit', async () => {
    const handlers = host();
    for (let index = 0; index < MAX_RECENT_FILES + 3; index++) await dispatch(handlers, 'recent.add', { path: `/files/${index}.xml` });
    await dispatch(handlers, 'recent.add', { path: '/files/5.xml' });
    const recent = await dispatch(handlers, 'recent.list', undefined);
    expect(recent).toHaveLength(MAX_RECENT_FILES);
    expect(recent[0]!.path).toBe('/files/5.xml');
    expect(recent.filter((entry) => entry.path === '/files/5.xml')).toHaveLength(1);
  });

  it('keeps recovery copies until they are discarded', async () => {
    const handlers = host();
    const copy = { documentId: 'doc-1', path: null, title: 'Untitled-1.xml', text: '<a>é</a>', encoding: 'utf-8' as const, savedAt: '' };
    await dispatch(handlers, 'recovery.write', copy);
    const [restored] = await dispatch(handlers, 'recovery.list', undefined);
    expect(restored).toMatchObject({ documentId: 'doc-1', text: '<a>é</a>', path: null });
    expect(restored!.savedAt).not.toBe('');
    await dispatch(handlers, 'recovery.discard', { documentId: 'doc-1' });
    expect(await dispatch(handlers, 'recovery.list', undefined)).toEqual([]);
  });
});
