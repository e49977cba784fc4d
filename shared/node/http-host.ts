// The browser host: the same contract as Electron's preload, over HTTP on 127.0.0.1 only.
//
// Every request must carry this run's random token: the first page load brings it in the URL
// (`/?token=…`) and receives it as an HttpOnly SameSite=Strict cookie so that scripts and styles
// load; API calls must also send it in the `x-provstudio-token` header, which a page from
// another origin cannot do without our CORS consent (we give none). The Host header must name
// 127.0.0.1 or localhost, which defeats DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HostError, isChannel, type HostHandlers } from '../common/ipc';
import { RENDERER_CSP } from './content-security-policy';
import { dispatch } from './host';

export const TOKEN_HEADER = 'x-provstudio-token';
export const TOKEN_COOKIE = 'provstudio-token';
/** Large enough for a 200 MB document as JSON text; anything bigger is refused before parsing. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.xsd': 'application/xml; charset=utf-8',
};

export interface HttpHostOptions {
  handlers: HostHandlers;
  /** The built renderer (index.html and assets). */
  rendererDirectory: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface RunningHttpHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function securityHeaders(response: http.ServerResponse): void {
  response.setHeader('Content-Security-Policy', RENDERER_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('X-Frame-Options', 'DENY');
}

function sendText(response: http.ServerResponse, status: number, text: string): void {
  securityHeaders(response);
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  securityHeaders(response);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(value));
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HostError('request.invalid', 'error.request.invalid', { channel: 'http', detail: 'body too large' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHttpHost(options: HttpHostOptions): Promise<RunningHttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererRoot = path.resolve(options.rendererDirectory);
  let port = 0;

  async function serveStatic(urlPath: string, response: http.ServerResponse): Promise<void> {
    const decoded = decodeURIComponent(urlPath);
    const candidate = path.resolve(rendererRoot, '.' + (decoded === '/' ? '/index.html' : decoded));
    if (candidate !== rendererRoot && !candidate.startsWith(rendererRoot + path.sep)) return sendText(response, 404, 'Not found');
    let filePath = candidate;
    try {
      const stat = await fs.stat(filePath);
      if (stat.isDirectory()) filePath = path.join(filePath, 'index.html');
    } catch {
      // Client-side routes fall back to the app's page; missing assets are 404s.
      if (path.extname(candidate)) return sendText(response, 404, 'Not found');
      filePath = path.join(rendererRoot, 'index.html');
    }
    securityHeaders(response);
    const isPage = filePath.endsWith('.html');
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(filePath)] ?? 'application/octet-stream',
      'Cache-Control': isPage ? 'no-store' : 'private, max-age=3600',
    });
    createReadStream(filePath).on('error', () => response.destroy()).pipe(response);
  }

  async function handleApi(channelName: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed');
    if (!sameSecret(request.headers[TOKEN_HEADER] as string | undefined, token)) {
      return sendJson(response, 401, { ok: false, error: new HostError('host.unauthorized', 'error.host.unauthorized').toPayload() });
    }
    if (!isChannel(channelName)) return sendJson(response, 404, { ok: false, error: { code: 'channel.unknown', messageKey: 'error.request.invalid', params: { channel: channelName, detail: 'unknown channel' } } });
    try {
      const body = await readBody(request);
      let parsed: unknown;
      try {
        parsed = body.length ? (JSON.parse(body) as { request?: unknown }).request : undefined;
      } catch {
        throw new HostError('request.invalid', 'error.request.invalid', { channel: channelName, detail: 'body is not JSON' });
      }
      const result = await dispatch(options.handlers, channelName, parsed);
      sendJson(response, 200, { ok: true, result: result ?? null });
    } catch (error) {
      const payload = error instanceof HostError ? error.toPayload() : new HostError('unexpected', 'error.unexpected', { detail: String(error) }).toPayload();
      sendJson(response, 200, { ok: false, error: payload });
    }
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      const host = request.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendText(response, 403, 'Forbidden host');
      const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
        return sendText(response, 403, 'Forbidden origin');
      }
      if (url.pathname.startsWith('/api/')) return handleApi(url.pathname.slice(5), request, response);
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed');

      const fromQuery = url.searchParams.get('token') ?? undefined;
      if (sameSecret(fromQuery, token)) {
        response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      } else if (!sameSecret(cookieValue(request.headers.cookie, TOKEN_COOKIE), token)) {
        return sendText(response, 401, 'This address needs the access token that `provstudio serve` printed.');
      }
      return serveStatic(url.pathname, response);
    })().catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `Internal error: ${String(error)}`);
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
