// A bounded load on the browser host, on 127.0.0.1: N mixed requests from C concurrent clients
// (keep-alive connections), each with the status it must get. Legitimate calls (pages, settings,
// reads, listings, saves) must succeed; attacks (no token, another origin, a rebinding host name,
// malformed JSON or percent-encoding, oversized bodies, unknown channels) must get their refusal.
// Anything else is an unexpected error. Used by test/stress/http-host-load.test.ts and the bench.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import v8 from 'node:v8';
import { createHostHandlers } from '../../shared/node/host';
import { startHttpHost, TOKEN_COOKIE, TOKEN_HEADER, type RunningHttpHost } from '../../shared/node/http-host';

export interface LoadResult {
  requests: number;
  clients: number;
  /** status -> count */
  statuses: Record<number, number>;
  /** Requests that did not get the answer they must get (should be 0). */
  unexpected: { kind: string; status: number; body: string }[];
  /** Saves refused with the conflict error (expected when clients race on one file). */
  conflicts: number;
  elapsedMs: number;
  latenciesMs: number[];
  heapBeforeBytes: number;
  heapAfterBytes: number;
}

/** A garbage collector to measure retained memory, even without --expose-gc. */
function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

async function settledHeap(gc: () => void): Promise<number> {
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

interface Shot {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The statuses this request may get, and whether an API envelope must say ok. */
  expect: number[];
  ok?: boolean;
  /** A save racing others on one file: ok or the conflict error. */
  racingSave?: boolean;
}

function send(agent: http.Agent, port: number, shot: Shot): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port, agent, method: shot.method, path: shot.path, headers: shot.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(shot.body);
  });
}

export async function runHostLoad(options: { requests?: number; clients?: number; seed?: number } = {}): Promise<LoadResult> {
  const requests = options.requests ?? 10_000;
  const clients = options.clients ?? 20;
  let seed = options.seed ?? 20261204;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

  const work = mkdtempSync(path.join(os.tmpdir(), 'provstudio-load-'));
  const renderer = path.join(work, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1);'.repeat(2000));
  const documents = path.join(work, 'documents');
  mkdirSync(documents);
  const document = path.join(documents, 'doc.xml');
  writeFileSync(document, `<CarrierProvisioning>${'<Plan/>'.repeat(2000)}</CarrierProvisioning>`);
  const shared = path.join(documents, 'shared.xml');
  writeFileSync(shared, '<a/>');

  const handlers = createHostHandlers({ dataDirectory: path.join(work, 'data'), kind: 'browser', version: 'load', askSecret: async () => null, secretPrompt: 'promptPage' });
  const token = 'load-token-0123456789';
  const running: RunningHttpHost = await startHttpHost({ handlers, rendererDirectory: renderer, token, maxBodyBytes: 1024 * 1024 });
  const port = running.port;
  const host = `127.0.0.1:${port}`;
  const api = (channel: string, request: unknown, extra: Record<string, string> = {}) => ({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { host, 'content-type': 'application/json', [TOKEN_HEADER]: token, origin: `http://${host}`, ...extra },
    body: JSON.stringify({ request }),
  });
  const perClientFile = (client: number) => path.join(documents, `client-${client}.xml`);
  const hashes = new Map<number, string | undefined>();

  function nextShot(client: number, index: number): Shot {
    const roll = random();
    if (roll < 0.12) return { kind: 'page', method: 'GET', path: '/', headers: { host, cookie: `${TOKEN_COOKIE}=${token}` }, expect: [200] };
    if (roll < 0.2) return { kind: 'asset', method: 'GET', path: '/assets/app.js', headers: { host, cookie: `${TOKEN_COOKIE}=${token}` }, expect: [200] };
    if (roll < 0.3) return { kind: 'app.info', ...api('app.info', null), expect: [200], ok: true };
    if (roll < 0.32) return { kind: 'settings.update', ...api('settings.update', { theme: index % 2 ? 'dark' : 'light' }), expect: [200], ok: true };
    if (roll < 0.5) return { kind: 'file.read', ...api('file.read', { path: document }), expect: [200], ok: true };
    if (roll < 0.56) return { kind: 'file.listDirectory', ...api('file.listDirectory', { path: documents }), expect: [200], ok: true };
    if (roll < 0.61) {
      const expected = hashes.get(client);
      return {
        kind: 'file.save',
        ...api('file.save', { path: perClientFile(client), text: `<c n="${index}"/>`, encoding: 'utf-8', ...(expected ? { expectedDiskSha256: expected } : {}) }),
        expect: [200],
        ok: true,
      };
    }
    if (roll < 0.63) return { kind: 'racing save', ...api('file.save', { path: shared, text: `<a n="${index}"/>`, encoding: 'utf-8', expectedDiskSha256: '0'.repeat(64) }), expect: [200], racingSave: true };
    if (roll < 0.68) return { kind: 'settings.get', ...api('settings.get', null), expect: [200], ok: true };
    if (roll < 0.71) return { kind: 'no token', ...api('file.read', { path: document }, { [TOKEN_HEADER]: 'wrong' }), expect: [401] };
    if (roll < 0.74) return { kind: 'other origin', ...api('file.save', { path: shared, text: 'x', encoding: 'utf-8' }, { origin: 'http://evil.example' }), expect: [403] };
    if (roll < 0.77) return { kind: 'rebinding host', ...api('app.info', null, { host: `evil.example:${port}` }), expect: [403] };
    if (roll < 0.8) return { kind: 'bad json', ...api('app.info', null), body: '{"request":', expect: [400] };
    if (roll < 0.83) return { kind: 'bad percent', method: 'GET', path: '/assets/%E0%A4%A', headers: { host, cookie: `${TOKEN_COOKIE}=${token}` }, expect: [400] };
    if (roll < 0.86) return { kind: 'too large', ...api('file.save', null), body: `{"request":{"text":"${'x'.repeat(1024 * 1024 + 10)}"}}`, expect: [413] };
    if (roll < 0.89) return { kind: 'unknown channel', ...api('shell.exec', null), expect: [404] };
    if (roll < 0.92) return { kind: 'invalid request', ...api('file.read', { path: 42 }), expect: [200], ok: false };
    if (roll < 0.95) return { kind: 'not chosen', ...api('file.save', { path: path.join(work, 'elsewhere.xml'), text: 'x', encoding: 'utf-8' }), expect: [200], ok: false };
    return { kind: 'recent.list', ...api('recent.list', null), expect: [200], ok: true };
  }

  const gc = collector();
  const result: LoadResult = { requests, clients, statuses: {}, unexpected: [], conflicts: 0, elapsedMs: 0, latenciesMs: [], heapBeforeBytes: 0, heapAfterBytes: 0 };
  // The per-client files are save targets the user chose.
  for (let client = 0; client < clients; client++) {
    await handlers['dialog.confirmSaveTarget']({ path: perClientFile(client) });
  }
  await handlers['file.read']({ path: shared });

  const runBatch = async (count: number, record: boolean) => {
    let issued = 0;
    const agents = Array.from({ length: clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    await Promise.all(
      agents.map(async (agent, client) => {
        while (issued < count) {
          const index = issued++;
          const shot = nextShot(client, index);
          const started = performance.now();
          let answer: { status: number; body: string };
          try {
            answer = await send(agent, port, shot);
          } catch (error) {
            answer = { status: 0, body: String(error) };
          }
          if (!record) continue;
          result.latenciesMs.push(performance.now() - started);
          result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
          let fine = shot.expect.includes(answer.status);
          if (fine && shot.method === 'POST' && answer.status === 200) {
            const envelope = JSON.parse(answer.body) as { ok: boolean; result?: { diskSha256?: string }; error?: { code: string } };
            if (shot.racingSave) {
              fine = envelope.ok || envelope.error?.code === 'file.changedOnDisk';
              if (!envelope.ok) result.conflicts++;
            } else {
              fine = envelope.ok === shot.ok;
              if (envelope.ok && shot.kind === 'file.save') hashes.set(client, envelope.result?.diskSha256);
            }
          }
          if (!fine) result.unexpected.push({ kind: shot.kind, status: answer.status, body: answer.body.slice(0, 300) });
        }
      }),
    );
    for (const agent of agents) agent.destroy();
  };

  try {
    // Warm up (JIT, caches, first files), then measure the settled heap as the starting level.
    await runBatch(Math.min(500, requests), false);
    result.heapBeforeBytes = await settledHeap(gc);
    const started = performance.now();
    await runBatch(requests, true);
    result.elapsedMs = performance.now() - started;
    result.heapAfterBytes = await settledHeap(gc);
  } finally {
    await running.close();
  }
  return result;
}
