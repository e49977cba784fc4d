// The example provisioning server (examples/server/) over real HTTP on 127.0.0.1: a freshly
// rendered and signed file per GET /provisioning?SubId=..., checked by xmlsec1; clear refusals.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../../shared/node/signing/sign';
import { makeTestEvKit } from '../../../shared/node/signing/test-ev-kit';
import { ROOT } from '../schema/schema-files';
import { signerFor, temporaryDirectory, toolAvailable, xmlsecVerify } from '../signing/support';

const EXAMPLE = path.join(ROOT, 'examples', 'bulk');

/** What the example (plain JavaScript, run from dist/lib) exports. */
interface ExampleModule {
  createProvisioningServer(options: { template: Uint8Array; bindings: string; lookup(id: string): Promise<Record<string, string> | null>; signer: Signer }): Server;
}

describe.runIf(toolAvailable('xmlsec1'))('examples/server', () => {
  const directory = temporaryDirectory('provstudio-server-');
  let close: () => Promise<void>;
  let base: string;
  let rootPath: string;

  beforeAll(async () => {
    const { createProvisioningServer } = (await import(path.join(ROOT, 'examples/server/provisioning-server.mjs'))) as ExampleModule;
    const kit = await makeTestEvKit(path.join(directory, 'kit'), 'kit-password');
    rootPath = kit.rootPath;
    const rows = new Map<string, Record<string, string>>([
      ['310260000000001', { SubscriberId: '310260000000001', HotspotUser: 'u1', HotspotPassword: 'Secret-Pw-1', RefreshUser: 'r1', RefreshPassword: 'Secret-Rf-1' }],
      ['310260000000002', { SubscriberId: '310260000000002', HotspotUser: 'u2', HotspotPassword: 'Secret-Pw-2', RefreshUser: 'r2', RefreshPassword: 'Secret-Rf-2', UsageMB: 'Secret-lots' }],
    ]);
    const server = createProvisioningServer({
      template: readFileSync(path.join(EXAMPLE, 'template.xml')),
      bindings: readFileSync(path.join(EXAMPLE, 'template.bindings.json'), 'utf8'),
      lookup: async (id: string) => rows.get(id) ?? null,
      signer: signerFor(kit.signer),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => close?.());

  it('answers GET /provisioning?SubId=... with a signed file for that subscriber that xmlsec1 verifies', async () => {
    const response = await fetch(`${base}/provisioning?SubId=310260000000001`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml');
    const body = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(body);
    expect(text).toContain('<SubscriberId>310260000000001</SubscriberId>');
    expect(text).toContain('<SignatureValue>');
    const file = path.join(directory, 'answer.xml');
    writeFileSync(file, body);
    const verdict = xmlsecVerify(file, rootPath);
    expect(verdict.ok, verdict.output).toBe(true);
  });

  it('refuses a missing SubId, an unknown subscriber and a row that gives no valid file (naming the column, not the value)', async () => {
    expect((await fetch(`${base}/provisioning`)).status).toBe(400);
    expect((await fetch(`${base}/provisioning?SubId=999`)).status).toBe(404);
    const bad = await fetch(`${base}/provisioning?SubId=310260000000002`);
    expect(bad.status).toBe(422);
    const message = await bad.text();
    expect(message).toContain('column UsageMB: not an integer');
    expect(message).not.toContain('Secret');
  });
});

describe.runIf(toolAvailable('xmlsec1'))('examples/server run as documented', () => {
  it('serves the example subscribers: a signed file xmlsec1 verifies, and a log without their secrets', async () => {
    const directory = temporaryDirectory('provstudio-server-run-');
    const kit = await makeTestEvKit(path.join(directory, 'kit'), 'kit-password');
    const child = spawn(
      process.execPath,
      ['examples/server/provisioning-server.mjs', '--template', 'examples/bulk/template.xml', '--data', 'examples/bulk/subscribers.csv', '--pfx', kit.pfxPath, '--password-env', 'PFX_PASSWORD', '--port', '0'],
      { cwd: ROOT, env: { ...process.env, PFX_PASSWORD: 'kit-password' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      // It prints the address of its first subscriber's file once it listens.
      await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+\/provisioning\?SubId=310260000000001/.test(log), { timeout: 30_000, interval: 100 }).toBe(true);
      const url = /http:\/\/127\.0\.0\.1:\d+\/provisioning\?SubId=\d+/.exec(log)![0];
      const response = await fetch(url.replace('310260000000001', '310260000000002'));
      expect(response.status, log).toBe(200);
      const file = path.join(directory, 'answer.xml');
      writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
      expect(readFileSync(file, 'utf8')).toContain('<SubscriberId>310260000000002</SubscriberId>');
      const verdict = xmlsecVerify(file, kit.rootPath);
      expect(verdict.ok, verdict.output).toBe(true);
      expect((await fetch(url.replace(/SubId=\d+/, 'SubId=1'))).status).toBe(404);
      // The subscriber's passwords (from the CSV) and the PFX password are in no log line.
      for (const secret of ['wZKDrPG8DJfGP6', 'AFPxXUFC46eJ8bpj', 'kit-password']) expect(log).not.toContain(secret);
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.on('exit', resolve));
    }
  }, 60_000);
});
