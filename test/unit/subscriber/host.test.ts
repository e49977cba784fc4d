// The host channels behind the Data panel: requests checked, rows read, a batch run with progress
// polled until done, bad bindings and unknown jobs refused with translatable errors.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostHandlers, dispatch } from '../../../shared/node/host';
import { ROOT } from '../schema/schema-files';
import { CA_EXTENSIONS, EV_SIGNER_EXTENSIONS, OpensslPki } from '../signing/openssl-pki';
import { makeTestEvKit } from '../../support/cli';

function host() {
  return createHostHandlers({ dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-')), kind: 'browser', version: '9.9.9', askSecret: async () => null, secretPrompt: 'promptPage' });
}

describe('subscriber channels', () => {
  it('refuses malformed requests, bad bindings and unknown jobs', async () => {
    const handlers = host();
    await expect(dispatch(handlers, 'subscriber.readRows', { path: '/x.csv', limit: 0 })).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(dispatch(handlers, 'subscriber.generate', { templateText: 'x', encoding: 'utf-8', bindingsJson: '{}', dataPath: '/x', outputDirectory: '/y', language: 'xx' })).rejects.toMatchObject({ code: 'request.invalid' });
    // A folder the user did not choose is refused before anything runs.
    await expect(dispatch(handlers, 'subscriber.generate', { templateText: 'x', encoding: 'utf-8', bindingsJson: '{"version":1,"fields":[]}', dataPath: '/x', outputDirectory: '/y', language: 'en' })).rejects.toMatchObject({ code: 'file.notChosen' });
    await dispatch(handlers, 'dialog.confirmSaveTarget', { path: '/y/manifest.json' });
    await expect(dispatch(handlers, 'subscriber.generate', { templateText: 'x', encoding: 'utf-8', bindingsJson: '{"version":1,"fields":[]}', dataPath: '/x', outputDirectory: '/y', language: 'en' })).rejects.toMatchObject({ messageKey: 'bindings.error.file' });
    await expect(dispatch(handlers, 'subscriber.status', { jobId: 'nope' })).rejects.toMatchObject({ messageKey: 'subscriber.error.noJob' });
    await expect(dispatch(handlers, 'subscriber.readRows', { path: '/no/such/file.csv', limit: 5 })).rejects.toMatchObject({ messageKey: 'subscriber.error.data' });
  });

  it('reads rows and runs a batch whose progress is polled until done', async () => {
    const handlers = host();
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-batch-'));
    const data = path.join(directory, 'rows.jsonl');
    writeFileSync(data, ['{"SubscriberId":"310260000000001","HotspotUser":"a","HotspotPassword":"p1","RefreshUser":"r","RefreshPassword":"q1","PortalDomains":["x.example","y.example"]}', '{"SubscriberId":"310260000000002","HotspotUser":"b","HotspotPassword":"p2","RefreshUser":"r","RefreshPassword":"q2","UsageMB":"lots"}'].join('\n') + '\n');
    const rows = await dispatch(handlers, 'subscriber.readRows', { path: data, limit: 10 });
    expect(rows.total).toBe(2);
    expect(rows.rows[0]!.values!.PortalDomains).toEqual(['x.example', 'y.example']);

    await dispatch(handlers, 'dialog.confirmSaveTarget', { path: path.join(directory, 'out', 'manifest.json') });
    const { jobId } = await dispatch(handlers, 'subscriber.generate', {
      templateText: readFileSync(path.join(ROOT, 'examples/bulk/template.xml'), 'utf8'),
      encoding: 'utf-8',
      bindingsJson: readFileSync(path.join(ROOT, 'examples/bulk/template.bindings.json'), 'utf8'),
      dataPath: data,
      outputDirectory: path.join(directory, 'out'),
      language: 'en',
    });
    await expect.poll(async () => (await dispatch(handlers, 'subscriber.status', { jobId })).state, { timeout: 30_000 }).toBe('done');
    const status = await dispatch(handlers, 'subscriber.status', { jobId });
    expect(status.counts).toEqual({ valid: 1, invalid: 0, rejected: 1, unchanged: 0 });
    // What the Data panel's progress line shows: rows done of the total, the rate, the time left.
    expect(status).toMatchObject({ done: 2, total: 2, remainingMs: 0 });
    expect(status.rate).toBeGreaterThan(0);
    expect(status.files).toEqual([path.join(directory, 'out', '310260000000001.xml')]);
    expect(status.problems).toEqual([{ row: 2, line: 2, message: 'column UsageMB: not an integer' }]);
    expect(readdirSync(path.join(directory, 'out')).sort()).toEqual(['.provstudio-generate.jsonl', '310260000000001.xml', 'manifest.csv', 'manifest.json']);
  });

  it('writes a batch only into the folder the user chose, not through a link planted there since', async () => {
    const handlers = host();
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-scope-'));
    const request = { templateText: 'x', encoding: 'utf-8' as const, bindingsJson: '{"version":1,"fields":[]}', dataPath: '/x', language: 'en' as const };
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-elsewhere-'));
    await dispatch(handlers, 'dialog.confirmSaveTarget', { path: path.join(directory, 'out', 'manifest.json') });
    // Chosen while 'out' did not exist; a symbolic link created there afterwards is not followed.
    symlinkSync(elsewhere, path.join(directory, 'out'));
    await expect(dispatch(handlers, 'subscriber.generate', { ...request, outputDirectory: path.join(directory, 'out') })).rejects.toMatchObject({ code: 'file.redirected' });
    await expect(dispatch(handlers, 'subscriber.generate', { ...request, outputDirectory: elsewhere })).rejects.toMatchObject({ code: 'file.notChosen' });
  });
  it('signs each file of a batch with the identity chosen in the Sign dialog: the password asked once per store (not again for the batch), every file verified by xmlsec1', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-signed-'));
    const kit = path.join(directory, 'kit');
    makeTestEvKit(kit, 'batch-kit-55');
    const asked: string[] = [];
    const handlers = createHostHandlers({
      dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-')),
      kind: 'browser',
      version: '9.9.9',
      askSecret: async (request) => (asked.push(request.kind), 'batch-kit-55'),
      secretPrompt: 'promptPage',
    });
    const data = path.join(directory, 'rows.jsonl');
    const row = (id: number) => JSON.stringify({ SubscriberId: `31026000000000${id}`, HotspotUser: `u${id}`, HotspotPassword: `p${id}`, RefreshUser: 'r', RefreshPassword: 'q', UsageMB: 10 * id });
    writeFileSync(data, [1, 2, 3].map(row).join('\n') + '\n');
    const store = { kind: 'pfx' as const, path: path.join(kit, 'signer.pfx') };
    const [identity] = await dispatch(handlers, 'signing.listIdentities', { store });
    expect(asked).toEqual(['password']);
    await dispatch(handlers, 'dialog.confirmSaveTarget', { path: path.join(directory, 'out', 'manifest.json') });
    const { jobId } = await dispatch(handlers, 'subscriber.generate', {
      templateText: readFileSync(path.join(ROOT, 'examples/bulk/template.xml'), 'utf8'),
      encoding: 'utf-8',
      bindingsJson: readFileSync(path.join(ROOT, 'examples/bulk/template.bindings.json'), 'utf8'),
      dataPath: data,
      outputDirectory: path.join(directory, 'out'),
      language: 'en',
      signing: { store, identityId: identity!.id, digest: 'sha256', includeChain: false },
    });
    await expect.poll(async () => (await dispatch(handlers, 'subscriber.status', { jobId })).state, { timeout: 60_000 }).toBe('done');
    expect((await dispatch(handlers, 'subscriber.status', { jobId })).counts).toEqual({ valid: 3, invalid: 0, rejected: 0, unchanged: 0 });
    // The store the Sign dialog unlocked signs the batch: nothing asked again.
    expect(asked).toEqual(['password']);
    for (const id of [1, 2, 3]) {
      const file = path.join(directory, 'out', `31026000000000${id}.xml`);
      expect(readFileSync(file, 'utf8')).toContain('<SignatureValue>');
      const xmlsec = spawnSync('xmlsec1', ['--verify', '--trusted-der', path.join(kit, 'root.cer'), file], { encoding: 'utf8' });
      expect(xmlsec.status, xmlsec.stderr).toBe(0);
    }
  }, 120_000);

  it('a batch with a certificate Windows refuses stops before the first file, saying why', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-refused-'));
    const pki = new OpensslPki(path.join(directory, 'pki'));
    const root = pki.issue({ name: 'Batch Root', extensions: CA_EXTENSIONS, startDate: '20180101000000Z', endDate: '20500101000000Z' });
    const expired = pki.issue({ name: 'Expired Batch Signer', issuer: root, extensions: EV_SIGNER_EXTENSIONS, startDate: '20200101000000Z', endDate: '20210101000000Z' });
    const handlers = host();
    const data = path.join(directory, 'rows.jsonl');
    writeFileSync(data, JSON.stringify({ SubscriberId: '310260000000001', HotspotUser: 'u', HotspotPassword: 'p', RefreshUser: 'r', RefreshPassword: 'q' }) + '\n');
    await dispatch(handlers, 'dialog.confirmSaveTarget', { path: path.join(directory, 'out', 'manifest.json') });
    const { jobId } = await dispatch(handlers, 'subscriber.generate', {
      templateText: readFileSync(path.join(ROOT, 'examples/bulk/template.xml'), 'utf8'),
      encoding: 'utf-8',
      bindingsJson: readFileSync(path.join(ROOT, 'examples/bulk/template.bindings.json'), 'utf8'),
      dataPath: data,
      outputDirectory: path.join(directory, 'out'),
      language: 'en',
      signing: { store: { kind: 'pem', keyPath: expired.keyPath, certificatePath: expired.certificatePath }, identityId: '', digest: 'sha256', includeChain: false },
    });
    await expect.poll(async () => (await dispatch(handlers, 'subscriber.status', { jobId })).state, { timeout: 30_000 }).toBe('failed');
    expect((await dispatch(handlers, 'subscriber.status', { jobId })).error).toBe('Certificate CN=Expired Batch Signer, O=OpenSSL Interop Test expired on 2021-01-01T00:00:00.000Z.');
    expect(readdirSync(path.join(directory, 'out')).filter((name) => name.endsWith('.xml'))).toEqual([]);
  }, 60_000);
});
