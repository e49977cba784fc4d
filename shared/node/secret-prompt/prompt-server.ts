// The browser host's PIN and password prompt: an HTTP server of its own on 127.0.0.1 (its own port,
// so its own origin), serving one small form per open question. The app's page opens the form as
// a window; the form posts the secret straight here, so the app's page never holds it.
//
// What a request must pass:
// - Host is exactly this server's `127.0.0.1:<port>` or `localhost:<port>`: else 403.
// - GET /prompt/<id>?token=<token>: the question is open and the token is its own (one per
//   question, compared in constant time): else 404 / 401.
// - POST /prompt/<id>: Origin is this server's own origin (browsers send it with every form post)
//   and Sec-Fetch-Site, when sent, is same-origin: else 403. The body is
//   application/x-www-form-urlencoded (else 415), at most MAX_PROMPT_BODY_BYTES (else 413), with
//   exactly one token, one action and at most one secret (else 400); the token matches (else 401).
// Every answer carries the strict PROMPT_CSP and is never cached. Nothing is logged.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LANGUAGES, languageFromLocales, type Language } from '../../common/i18n/index';
import type { SecretProvider, SecretRequest } from '../keystores/types';
import { promptFormPage, promptOutcomePage, PROMPT_CSP } from './page';
import { SecretQuestions } from './questions';

/** A PIN or password with its form fields fits many times over. */
export const MAX_PROMPT_BODY_BYTES = 4096;

export interface SecretPromptServer {
  /** Asks through a prompt page; the app sees the question (with the page's address) in `questions`. */
  askSecret: SecretProvider;
  questions: SecretQuestions;
  origin: string;
  port: number;
  close(): Promise<void>;
}

function sameSecret(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(response: http.ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Security-Policy': PROMPT_CSP,
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    // same-origin, not no-referrer: with no-referrer a form post's Origin would be "null".
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  });
  response.end(body);
}

class Refusal extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

async function readFormBody(request: http.IncomingMessage): Promise<URLSearchParams> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new Refusal(415);
  if (Number(request.headers['content-length'] ?? 0) > MAX_PROMPT_BODY_BYTES) throw new Refusal(413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PROMPT_BODY_BYTES) throw new Refusal(413);
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  // URLSearchParams would replace bytes that are not UTF-8: a malformed body is refused instead.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new Refusal(400);
  }
  const fields = new URLSearchParams(text);
  for (const name of fields.keys()) if (name !== 'token' && name !== 'action' && name !== 'secret') throw new Refusal(400);
  if (fields.getAll('token').length !== 1 || fields.getAll('action').length !== 1 || fields.getAll('secret').length > 1) throw new Refusal(400);
  if (fields.get('action') !== 'ok' && fields.get('action') !== 'cancel') throw new Refusal(400);
  return fields;
}

export interface SecretPromptServerOptions {
  /** The language the pages speak when the address does not say (`?lang=`). */
  language(): Language;
  port?: number;
}

export async function startSecretPromptServer(options: SecretPromptServerOptions): Promise<SecretPromptServer> {
  const questions = new SecretQuestions();
  /** Per open question: its token and what it asks. Gone once answered. */
  const open = new Map<string, { token: string; request: SecretRequest }>();
  let port = 0;

  const languageOf = (url: URL, request: http.IncomingMessage): Language => {
    const asked = url.searchParams.get('lang');
    if (asked && (LANGUAGES as readonly string[]).includes(asked)) return asked as Language;
    const accepted = request.headers['accept-language'];
    return accepted ? languageFromLocales(accepted.split(',').map((part) => part.split(';')[0]!.trim())) : options.language();
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      const host = request.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(response, 403, 'text/plain; charset=utf-8', 'Forbidden host');
      const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
      const language = languageOf(url, request);
      const match = /^\/prompt\/([\w-]{1,64})$/.exec(url.pathname);
      if (!match) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
      const id = match[1]!;
      const question = open.get(id);
      if (request.method === 'GET') {
        if (!question || !questions.has(id)) return send(response, 404, 'text/html; charset=utf-8', promptOutcomePage(language, 'gone'));
        if (!sameSecret(url.searchParams.get('token'), question.token)) return send(response, 401, 'text/plain; charset=utf-8', 'This prompt needs its token.');
        return send(response, 200, 'text/html; charset=utf-8', promptFormPage(language, question.request, id, question.token));
      }
      if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      const origin = request.headers.origin;
      const site = request.headers['sec-fetch-site'];
      if ((origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) || (site !== undefined && site !== 'same-origin')) {
        request.resume();
        return send(response, 403, 'text/plain; charset=utf-8', 'Forbidden origin');
      }
      let fields: URLSearchParams;
      try {
        fields = await readFormBody(request);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        response.setHeader('Connection', 'close');
        send(response, error.status, 'text/plain; charset=utf-8', error.status === 413 ? 'Too large' : error.status === 415 ? 'Unsupported content type' : 'Bad request');
        response.once('finish', () => request.destroy());
        return;
      }
      if (!question || !questions.has(id)) return send(response, 404, 'text/html; charset=utf-8', promptOutcomePage(language, 'gone'));
      if (!sameSecret(fields.get('token'), question.token)) return send(response, 401, 'text/plain; charset=utf-8', 'This prompt needs its token.');
      const cancelled = fields.get('action') === 'cancel';
      questions.answer(id, cancelled ? null : (fields.get('secret') ?? ''));
      return send(response, 200, 'text/html; charset=utf-8', promptOutcomePage(language, cancelled ? 'cancelled' : 'sent'));
    })().catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const askSecret: SecretProvider = (request) =>
    questions.ask(request, (id) => {
      const token = randomBytes(24).toString('base64url');
      open.set(id, { token, request: { kind: request.kind, target: request.target } });
      return { url: `${origin}/prompt/${id}?token=${token}`, dismiss: () => open.delete(id) };
    });

  return {
    askSecret,
    questions,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        questions.cancelAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
