// The browser host's HTTP boundary: token, host and origin checks, and static files.
import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostHandlers } from '../../shared/common/ipc';
import { createHostHandlers } from '../../shared/node/host';
import { startHttpHost, TOKEN_COOKIE, TOKEN_HEADER, type RunningHttpHost } from '../../shared/node/http-host';

let running: RunningHttpHost;
/** Channels that reached a handler: a refused request must never add one. */
const handled: string[] = [];

/** A raw request, so that the Host header can be set as an attacker would. */
function request(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port: running.port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

beforeAll(async () => {
  const renderer = mkdtempSync(path.join(os.tmpdir(), 'provstudio-renderer-'));
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  mkdirSync(path.join(renderer, 'assets'));
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(os.tmpdir(), 'provstudio-secret.txt'), 'secret');
  const real = createHostHandlers({ dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'provstudio-data-')), kind: 'browser', version: '1.0.0', askSecret: async () => null, secretPrompt: 'promptPage' });
  const handlers = Object.fromEntries(
    Object.entries(real).map(([channel, handler]) => [channel, (request: never) => (handled.push(channel), (handler as (value: never) => unknown)(request))]),
  ) as unknown as HostHandlers;
  running = await startHttpHost({ handlers, rendererDirectory: renderer, token: 'test-token-123', maxBodyBytes: 64 * 1024 });
});

afterAll(() => running.close());

describe('browser host over HTTP', () => {
  it('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=test-token-123$/);
  });

  it('refuses pages and assets without the token', async () => {
    expect((await request({ path: '/' })).status).toBe(401);
    expect((await request({ path: '/assets/app.js' })).status).toBe(401);
    expect((await request({ path: '/?token=wrong' })).status).toBe(401);
  });

  it('serves the page with the token, sets an HttpOnly cookie and a strict CSP', async () => {
    const response = await request({ path: '/?token=test-token-123' });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>app</title>');
    expect(String(response.headers['set-cookie'])).toContain(`${TOKEN_COOKIE}=test-token-123; HttpOnly; SameSite=Strict`);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await request({ path: '/assets/app.js', headers: { cookie: `${TOKEN_COOKIE}=test-token-123` } });
    expect(asset.status).toBe(200);
  });

  it('requires the token header on API calls (a cookie alone is not enough)', async () => {
    const withCookie = await request({ path: '/api/app.info', method: 'POST', headers: { cookie: `${TOKEN_COOKIE}=test-token-123` }, body: '{}' });
    expect(withCookie.status).toBe(401);
    const withHeader = await request({ path: '/api/app.info', method: 'POST', headers: { [TOKEN_HEADER]: 'test-token-123' }, body: '{}' });
    expect(withHeader.status).toBe(200);
    expect(JSON.parse(withHeader.body)).toMatchObject({ ok: true, result: { host: 'browser' } });
  });

  it('answers errors as translatable payloads', async () => {
    const response = await request({
      path: '/api/file.read',
      method: 'POST',
      headers: { [TOKEN_HEADER]: 'test-token-123' },
      body: JSON.stringify({ request: { path: '/definitely/not/here.xml' } }),
    });
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'file.notFound', messageKey: 'error.file.notFound' } });
    const badJson = await request({ path: '/api/file.read', method: 'POST', headers: { [TOKEN_HEADER]: 'test-token-123' }, body: '{' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'request.invalid', params: { detail: expect.stringContaining('not JSON') } } });
    const unknown = await request({ path: '/api/shell.exec', method: 'POST', headers: { [TOKEN_HEADER]: 'test-token-123' }, body: '{}' });
    expect(unknown.status).toBe(404);
  });

  it('refuses other Host names (DNS rebinding) and other origins', async () => {
    const rebinding = await request({ path: '/?token=test-token-123', headers: { host: `evil.example:${running.port}` } });
    expect(rebinding.status).toBe(403);
    const crossOrigin = await request({
      path: '/api/app.info',
      method: 'POST',
      headers: { [TOKEN_HEADER]: 'test-token-123', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(crossOrigin.status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    const cookie = { cookie: `${TOKEN_COOKIE}=test-token-123` };
    for (const attempt of ['/../provstudio-secret.txt', '/%2e%2e/provstudio-secret.txt', '/assets/..%2f..%2fprovstudio-secret.txt']) {
      const response = await request({ path: attempt, headers: cookie });
      expect(response.body, attempt).not.toContain('secret');
    }
  });
});

describe('browser host under attack', () => {
  const api = (channel: string, headers: Record<string, string> = {}, body = JSON.stringify({ request: { path: '/etc/hostname', text: 'x', encoding: 'utf-8' } })) =>
    request({ path: `/api/${channel}`, method: 'POST', headers: { [TOKEN_HEADER]: 'test-token-123', ...headers }, body });

  it('refuses another site, a rebinding host name or a forged Origin with 403 before any channel runs', async () => {
    const before = handled.length;
    const port = running.port;
    const attempts: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: `http://127.0.0.1:${port + 1}` },
      { origin: 'null' },
      { origin: `http://localhost.evil.example:${port}` },
      { host: `evil.example:${port}` },
      { host: `127.0.0.1.nip.io:${port}` },
      { host: `127.0.0.1:${port + 1}` },
      { host: '127.0.0.1' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      for (const channel of ['file.save', 'file.read', 'app.info']) {
        const response = await api(channel, headers);
        expect(response.status, JSON.stringify(headers)).toBe(403);
      }
    }
    expect(handled.length).toBe(before);
    // The app's own origin (either spelling) passes.
    expect((await api('app.info', { origin: `http://localhost:${port}`, host: `localhost:${port}`, 'sec-fetch-site': 'same-origin' }, '{}')).status).toBe(200);
  });

  it('refuses API calls without the token before any channel runs', async () => {
    const before = handled.length;
    const response = await request({ path: '/api/file.save', method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(handled.length).toBe(before);
  });

  it('answers malformed percent-encoding with 400 and a message, not 500', async () => {
    const cookie = { cookie: `${TOKEN_COOKIE}=test-token-123` };
    for (const attempt of ['/%E0%A4%A', '/assets/%ZZ.js', '/%', '/%C0%AF']) {
      const response = await request({ path: attempt, headers: cookie });
      expect(response.status, attempt).toBe(400);
      expect(response.body).toContain('percent-encoding');
    }
  });

  it('refuses a body declared over the limit with 413 without reading it', async () => {
    const before = handled.length;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = http.request(
        { host: '127.0.0.1', port: running.port, path: '/api/file.save', method: 'POST', headers: { [TOKEN_HEADER]: 'test-token-123', 'content-length': String(1024 * 1024 * 1024) } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      outgoing.on('error', reject);
      // Only a few bytes of the announced gigabyte are ever sent.
      outgoing.write('{"request":');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'request.tooLarge' } });
    expect(handled.length).toBe(before);
  });

  it('stops reading a chunked body once it passes the limit (413)', async () => {
    const answer = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      const outgoing = http.request({ host: '127.0.0.1', port: running.port, path: '/api/file.save', method: 'POST', headers: { [TOKEN_HEADER]: 'test-token-123' } }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, sent }));
      });
      outgoing.on('error', () => undefined);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        // 64 MB at most; the host answers after 64 KB and closes the connection.
        while (sent < 64 * 1024 * 1024 && !outgoing.destroyed) {
          sent += chunk.length;
          if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
        }
        outgoing.end();
      };
      outgoing.on('close', () => undefined);
      pump();
      setTimeout(() => reject(new Error('no answer')), 10_000);
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('gives a one-time launch URL that sets the session and then stops working', async () => {
    const launch = new URL(running.launchUrl());
    expect(launch.href).not.toContain('test-token-123');
    const first = await request({ path: launch.pathname });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/?token=test-token-123');
    expect(String(first.headers['set-cookie'])).toContain(`${TOKEN_COOKIE}=test-token-123; HttpOnly; SameSite=Strict`);
    const again = await request({ path: launch.pathname });
    expect(again.status).toBe(401);
    expect((await request({ path: '/launch/forged-code' })).status).toBe(401);
  });
});
