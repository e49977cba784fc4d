// The browser host: the same contract as Electron's preload, over HTTP on 127.0.0.1 only.
//
// What every request must pass, in this order, before any channel runs:
// 1. Host is exactly `127.0.0.1:<port>` or `localhost:<port>` (defeats DNS rebinding): else 403.
// 2. Origin, when the browser sends one, is this app's own origin, and Sec-Fetch-Site, when sent,
//    is not cross-site or same-site (another site, another local port): else 403.
// 3. The address decodes (malformed percent-encoding): else 400.
// 4. This run's random token. The first page load brings it in the URL (`/?token=…`, or a
//    one-time launch URL `/launch/<code>` that `serve --open` gives the browser, so the token is
//    never on a command line) and receives it as an HttpOnly SameSite=Strict cookie so that
//    scripts and styles load. API calls must send it in the `x-provstudio-token` header, which a
//    page from another origin cannot do without our CORS consent (we give none): else 401.
// 5. API bodies: over the limit by Content-Length -> 413 without reading; over it while reading
//    -> 413 and reading stops; not JSON -> 400 with a message.
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
export const MAX_BODY_BYTES = 512 * 1024 * 1024;
/** A launch URL works once, and only this long after it was made. */
export const LAUNCH_URL_LIFETIME_MS = 120_000;

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
  /** Refuse API bodies larger than this (tests use a small one). */
  maxBodyBytes?: number;
}

export interface RunningHttpHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  /** A one-time address that logs a browser in without the token appearing in it. */
  launchUrl(): string;
  close(): Promise<void>;
}

class RequestRefusal extends Error {
  constructor(
    readonly status: number,
    readonly payload: ReturnType<HostError['toPayload']>,
  ) {
    super(payload.code);
  }
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

function tooLarge(channel: string, limit: number): RequestRefusal {
  return new RequestRefusal(413, new HostError('request.tooLarge', 'error.request.invalid', { channel, detail: `the request is larger than ${limit} bytes` }).toPayload());
}

/** The body, refused (413) as soon as it is known to exceed `limit`: never read whole. */
async function readBody(request: http.IncomingMessage, channel: string, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) throw tooLarge(channel, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(channel, limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends a refusal and stops reading what is left of the request: the connection is closed. */
function refuse(request: http.IncomingMessage, response: http.ServerResponse, refusal: RequestRefusal): void {
  response.setHeader('Connection', 'close');
  sendJson(response, refusal.status, { ok: false, error: refusal.payload });
  response.once('finish', () => request.destroy());
}

function decodePath(urlPath: string): string | null {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return null;
  }
}

/** What the browser says about where the request comes from (Origin and Sec-Fetch-Site). */
function fromElsewhere(request: http.IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return true;
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

export async function startHttpHost(options: HttpHostOptions): Promise<RunningHttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererRoot = path.resolve(options.rendererDirectory);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let port = 0;
  /** One-time launch codes -> when they stop working. */
  const launchCodes = new Map<string, number>();

  function takeLaunchCode(code: string): boolean {
    const now = Date.now();
    for (const [known, expires] of launchCodes) if (expires < now) launchCodes.delete(known);
    for (const [known] of launchCodes) {
      if (sameSecret(code, known)) {
        launchCodes.delete(known);
        return true;
      }
    }
    return false;
  }

  async function serveStatic(decoded: string, response: http.ServerResponse): Promise<void> {
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
      const body = await readBody(request, channelName, maxBodyBytes);
      let parsed: unknown;
      try {
        parsed = body.length ? (JSON.parse(body) as { request?: unknown } | null)?.request : undefined;
      } catch (error) {
        const detail = `the body is not JSON (${error instanceof Error ? error.message : String(error)})`;
        throw new RequestRefusal(400, new HostError('request.invalid', 'error.request.invalid', { channel: channelName, detail }).toPayload());
      }
      const result = await dispatch(options.handlers, channelName, parsed);
      sendJson(response, 200, { ok: true, result: result ?? null });
    } catch (error) {
      if (error instanceof RequestRefusal) return refuse(request, response, error);
      const payload = error instanceof HostError ? error.toPayload() : new HostError('unexpected', 'error.unexpected', { detail: String(error) }).toPayload();
      sendJson(response, 200, { ok: false, error: payload });
    }
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      const host = request.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendText(response, 403, 'Forbidden host');
      if (fromElsewhere(request, port)) return sendText(response, 403, 'Forbidden origin');
      const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
      const decoded = decodePath(url.pathname);
      if (decoded === null) return sendText(response, 400, 'Bad request: the address has malformed percent-encoding (a % not followed by two hexadecimal digits of valid UTF-8).');
      if (url.pathname.startsWith('/api/')) return handleApi(url.pathname.slice(5), request, response);
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed');

      if (url.pathname.startsWith('/launch/')) {
        if (!takeLaunchCode(url.pathname.slice('/launch/'.length))) return sendText(response, 401, 'This launch address has been used already or has expired. Open the address that `provstudio serve` printed.');
        // The token goes to the page in the redirect (never on a command line); the page removes it from the address bar.
        response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
        securityHeaders(response);
        response.writeHead(303, { Location: `/?token=${token}`, 'Cache-Control': 'no-store' });
        return void response.end();
      }

      const fromQuery = url.searchParams.get('token') ?? undefined;
      if (sameSecret(fromQuery, token)) {
        response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      } else if (!sameSecret(cookieValue(request.headers.cookie, TOKEN_COOKIE), token)) {
        return sendText(response, 401, 'This address needs the access token that `provstudio serve` printed.');
      }
      return serveStatic(decoded, response);
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
    launchUrl: () => {
      const code = randomBytes(24).toString('base64url');
      launchCodes.set(code, Date.now() + LAUNCH_URL_LIFETIME_MS);
      return `${origin}/launch/${code}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
