// The browser host's prompt server, over real HTTP: its strict CSP and headers, the question's
// own token, refusals of other origins and hosts, of oversize, malformed and mistyped bodies, and
// the answer reaching the host (and only the host) exactly once. Cancelling from the app ends it.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PROMPT_BODY_BYTES, startSecretPromptServer, type SecretPromptServer } from '../../../shared/node/secret-prompt/prompt-server';

const SECRET = 'pr0mpt-s3cret-&=%+ü';

let server: SecretPromptServer;

beforeEach(async () => {
  server = await startSecretPromptServer({ language: () => 'en' });
});

afterEach(async () => {
  await server.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(method: string, pathAndQuery: string, options: { headers?: Record<string, string>; body?: string | Buffer; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = http.request({ host: '127.0.0.1', port: server.port, method, path: pathAndQuery, headers: { Host: options.host ?? `127.0.0.1:${server.port}`, ...options.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    sent.on('error', reject);
    if (options.body !== undefined) sent.write(options.body);
    sent.end();
  });
}

/** Opens a question; returns its answer promise and its page's address parts. */
async function ask(kind: 'password' | 'pin' = 'password') {
  const answer = server.askSecret({ kind, target: 'signer.pfx' });
  const question = server.questions.pending().at(-1);
  const url = new URL(question!.url!);
  return { answer, question: question!, path: url.pathname, token: url.searchParams.get('token')! };
}

const formPost = (token: string, fields: Record<string, string> = { action: 'ok', secret: SECRET }) => new URLSearchParams({ token, ...fields }).toString();
const fromPrompt = () => ({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.origin, 'Sec-Fetch-Site': 'same-origin' });

describe('the secret prompt page', () => {
  it('is a form with no script, under a CSP that allows nothing else, never cached, never framed', async () => {
    const { path, token, question } = await ask();
    expect(question.url).toMatch(new RegExp(`^${server.origin}/prompt/[\\w-]+\\?token=`));
    const page = await request('GET', `${path}?token=${token}&lang=fr`);
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy']!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/unsafe|\*|http:/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('type="password"');
    expect(page.body).toContain(`action="${path}"`);
    expect(page.body).toContain('Saisissez le mot de passe de signer.pfx');
  });

  it('needs the question\'s own token; an unknown question is gone', async () => {
    const { path, token } = await ask();
    expect((await request('GET', path)).status).toBe(401);
    expect((await request('GET', `${path}?token=${token.slice(0, -1)}x`)).status).toBe(401);
    expect((await request('GET', `/prompt/unknown?token=${token}`)).status).toBe(404);
    expect((await request('GET', `/?token=${token}`)).status).toBe(404);
    const other = await ask('pin');
    expect((await request('GET', `${other.path}?token=${token}`)).status).toBe(401);
  });

  it('refuses another Host (DNS rebinding)', async () => {
    const { path, token } = await ask();
    expect((await request('GET', `${path}?token=${token}`, { host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses posts from other origins (the app\'s page included) and cross-site fetches', async () => {
    const { path, token, answer } = await ask();
    const body = formPost(token);
    for (const headers of <Array<Record<string, string>>>[
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://127.0.0.1:1' },
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null' },
      { ...fromPrompt(), 'Sec-Fetch-Site': 'same-site' },
      { ...fromPrompt(), 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      expect((await request('POST', path, { headers, body })).status).toBe(403);
    }
    expect(server.questions.pending()).toHaveLength(1);
    server.questions.cancelAll();
    expect(await answer).toBeNull();
  });

  it('refuses oversize, mistyped and malformed bodies, and a wrong token, without answering', async () => {
    const { path, token, answer } = await ask();
    const big = formPost(token, { action: 'ok', secret: 'x'.repeat(MAX_PROMPT_BODY_BYTES) });
    expect((await request('POST', path, { headers: fromPrompt(), body: big })).status).toBe(413);
    expect((await request('POST', path, { headers: { ...fromPrompt(), 'Transfer-Encoding': 'chunked' }, body: big })).status).toBe(413);
    expect((await request('POST', path, { headers: { ...fromPrompt(), 'Content-Type': 'application/json' }, body: JSON.stringify({ token, secret: SECRET }) })).status).toBe(415);
    expect((await request('POST', path, { headers: { ...fromPrompt(), 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x--' })).status).toBe(415);
    const malformed = [
      `token=${token}&action=ok&secret=%E9`,
      Buffer.concat([Buffer.from(`token=${token}&action=ok&secret=`), Buffer.from([0xff, 0xfe])]),
      `token=${token}&token=${token}&action=ok&secret=a`,
      `token=${token}&action=ok&secret=a&secret=b`,
      `token=${token}&action=maybe&secret=a`,
      `token=${token}&secret=a`,
      `token=${token}&action=ok&secret=a&extra=1`,
      `action=ok&secret=a`,
    ];
    for (const body of malformed) expect((await request('POST', path, { headers: fromPrompt(), body })).status, String(body)).toBe(400);
    expect((await request('POST', path, { headers: fromPrompt(), body: formPost('wrong-token') })).status).toBe(401);
    expect((await request('PUT', path, { headers: fromPrompt(), body: formPost(token) })).status).toBe(405);
    expect(server.questions.pending()).toHaveLength(1);
    server.questions.cancelAll();
    expect(await answer).toBeNull();
  });

  it('hands the posted secret to the host once; the page after it shows no secret and the question is gone', async () => {
    const { path, token, answer } = await ask();
    const posted = await request('POST', path, { headers: fromPrompt(), body: formPost(token) });
    expect(posted.status).toBe(200);
    expect(posted.body).toContain('Sent');
    expect(posted.body).not.toContain(SECRET);
    expect(posted.body).toContain('<script>window.close();</script>');
    expect(await answer).toBe(SECRET);
    expect(server.questions.pending()).toEqual([]);
    expect((await request('POST', path, { headers: fromPrompt(), body: formPost(token, { action: 'ok', secret: 'again' }) })).status).toBe(404);
    expect((await request('GET', `${path}?token=${token}`)).status).toBe(404);
  });

  it('Cancel in the page, or from the app, answers null', async () => {
    const first = await ask();
    const cancelled = await request('POST', first.path, { headers: fromPrompt(), body: formPost(first.token, { action: 'cancel' }) });
    expect(cancelled.body).toContain('Cancelled');
    expect(await first.answer).toBeNull();
    const second = await ask('pin');
    expect(server.questions.cancel(second.question.id)).toBe(true);
    expect(await second.answer).toBeNull();
    expect((await request('GET', `${second.path}?token=${second.token}`)).status).toBe(404);
  });

  it('an empty password is an answer (the store decides whether it opens)', async () => {
    const { path, token, answer } = await ask();
    await request('POST', path, { headers: fromPrompt(), body: formPost(token, { action: 'ok', secret: '' }) });
    expect(await answer).toBe('');
  });
});
