// The landing-page kit's server: the site (site/: index.html, style.css, landing.js, messages.json)
// and the per-subscriber endpoint GET /provisioning?SubId=... (createProvisioningHandler from the
// provstudio library: each file rendered for the subscriber and signed per request), over HTTPS.
//
//   PFX_PASSWORD=... node server.mjs --template template.xml --data subscribers.csv \
//     --pfx signer.pfx --password-env PFX_PASSWORD --tls-cert site.crt --tls-key site.key [--port 8443]
//
// Every answer carries a strict Content-Security-Policy (only this server's own files), no referrer
// (the address holds the subscriber's IMSI) and no caching. The page's language follows
// Accept-Language (en, fr, pt). createLandingServer() is the reusable part: give it another handler
// (your subscriber database, your key store) and keep the rest.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

// The provstudio library (dist/lib/provstudio.mjs); `provstudio website init` writes its location here.
const LIBRARY = process.env.PROVSTUDIO_LIBRARY ?? new URL('../../dist/lib/provstudio.mjs', import.meta.url).href;
const library = await import(LIBRARY.startsWith('file:') ? LIBRARY : pathToFileURL(LIBRARY).href);

export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const SITE_FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
  '/landing.js': ['landing.js', 'text/javascript; charset=utf-8'],
  '/messages.json': ['messages.json', 'application/json; charset=utf-8'],
};

/**
 * @param {{ siteDirectory: string, handler: (request: http.IncomingMessage, response: http.ServerResponse) => Promise<boolean>, tls?: { cert: string | Buffer, key: string | Buffer }, log?: (line: string) => void }} options
 * @returns {http.Server | https.Server}
 */
export function createLandingServer({ siteDirectory, handler, tls, log = () => {} }) {
  const security = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...(tls ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
  const listener = async (request, response) => {
    for (const [name, value] of Object.entries(security)) response.setHeader(name, value);
    try {
      if (await handler(request, response)) return;
      const url = new URL(request.url ?? '/', 'http://localhost');
      const file = Object.hasOwn(SITE_FILES, url.pathname) ? SITE_FILES[url.pathname] : undefined;
      if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('not found\n');
        return;
      }
      let body = await readFile(path.join(siteDirectory, file[0]));
      if (file[0] === 'index.html') {
        const language = library.languageFromAcceptLanguage(request.headers['accept-language']);
        body = Buffer.from(body.toString('utf8').replace('<html lang="en">', `<html lang="${language}">`), 'utf8');
        response.setHeader('content-language', language);
        response.setHeader('vary', 'Accept-Language');
      }
      response.writeHead(200, { 'content-type': file[1], 'content-length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      log(`500 ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('internal error\n');
    }
  };
  return tls ? https.createServer({ cert: tls.cert, key: tls.key }, listener) : http.createServer(listener);
}

/** Rows of a CSV or JSON Lines file by SubscriberId (a stand-in for your subscriber database). */
async function rowsById(dataPath) {
  const rows = new Map();
  for await (const record of library.readRows(dataPath)) {
    if (record.values && typeof record.values.SubscriberId === 'string') rows.set(record.values.SubscriberId, record.values);
  }
  return rows;
}

async function main() {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const { values } = parseArgs({
    options: {
      template: { type: 'string', default: path.join(here, 'template.xml') },
      bindings: { type: 'string' },
      data: { type: 'string', default: path.join(here, 'subscribers.csv') },
      pfx: { type: 'string' },
      'password-env': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8443' },
    },
  });
  if (!values.pfx || !values['password-env']) {
    console.error('usage: node server.mjs --pfx signer.pfx --password-env VAR [--template T.xml] [--bindings T.bindings.json] [--data rows.csv] [--tls-cert C --tls-key K] [--host H] [--port N]');
    process.exit(2);
  }
  const template = await readFile(values.template);
  const bindings = await readFile(values.bindings ?? values.template.replace(/\.xml$/i, '') + '.bindings.json', 'utf8');
  const rows = await rowsById(values.data);
  const variable = values['password-env'];
  const signer = await library.openSigner({ kind: 'pfx', path: path.resolve(values.pfx) }, async () => process.env[variable] ?? null);
  const facts = library.signerFacts(signer);
  if (facts && !facts.ev) console.warn(`warning: ${facts.subject} is not an EV certificate; Windows refuses a file from a web site signed with it.`);
  const log = (line) => process.stdout.write(`${line}\n`);
  const handler = library.createProvisioningHandler({ template, bindings, lookup: async (id) => rows.get(id) ?? null, signer, log });
  const tls = values['tls-cert'] && values['tls-key'] ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) } : undefined;
  if (!tls) console.warn('warning: no --tls-cert/--tls-key: serving plain HTTP. Windows opens the AccountExperienceURL over HTTPS only.');
  const server = createLandingServer({ siteDirectory: path.join(here, 'site'), handler, tls, log });
  server.listen(Number(values.port), values.host, () => {
    const scheme = tls ? 'https' : 'http';
    process.stdout.write(`${scheme}://${values.host}:${server.address().port}/?SubId=${rows.keys().next().value ?? ''}\n`);
  });
  process.once('SIGINT', () => server.close(() => process.exit(0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
