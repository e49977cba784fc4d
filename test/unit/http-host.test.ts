// The browser host's HTTP boundary: token, host and origin checks, and static files.
import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostHandlers } from '../../shared/node/host';
import { startHttpHost, TOKEN_COOKIE, TOKEN_HEADER, type RunningHttpHost } from '../../shared/node/http-host';

let running: RunningHttpHost;

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
  const handlers = createHostHandlers({ dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'provstudio-data-')), kind: 'browser', version: '1.0.0', askSecret: async () => null, secretPrompt: 'terminal' });
  running = await startHttpHost({ handlers, rendererDirectory: renderer, token: 'test-token-123' });
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
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
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
