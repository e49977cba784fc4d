// A provisioning server: GET /provisioning?SubId=... answers with that subscriber's file, freshly
// rendered from a template and its bindings, and signed. The building block of web-site
// provisioning and of refresh URLs (RefreshParameters/RefreshURL).
//
//   npm run build
//   PFX_PASSWORD=... node examples/server/provisioning-server.mjs \
//     --template examples/bulk/template.xml --data examples/bulk/subscribers.csv \
//     --pfx signer.pfx --password-env PFX_PASSWORD [--port 8080]
//
// createProvisioningServer() is the reusable part: give it the template, its bindings, a way to
// find a subscriber's row (here: the rows of a CSV file; in production: your subscriber database)
// and a signer (any key store provstudio supports: PFX, PEM, PKCS#11 token, NSS, OS stores).
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openSigner, render, RenderError, sign } from '../../dist/lib/provstudio.mjs';

/**
 * @param {{ template: string | Uint8Array, bindings: object | string, lookup: (subscriberId: string) => Promise<Record<string, unknown> | null>, signer: import('../../dist/lib/provstudio.mjs').Signer, log?: (line: string) => void }} options
 * @returns {http.Server}
 */
export function createProvisioningServer({ template, bindings, lookup, signer, log = () => {} }) {
  return http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const answer = (status, body, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET' || url.pathname !== '/provisioning') return answer(404, 'not found\n');
    const subscriberId = url.searchParams.get('SubId');
    if (!subscriberId) return answer(400, 'SubId is required\n');
    try {
      const row = await lookup(subscriberId);
      if (!row) return answer(404, 'unknown subscriber\n');
      const signed = await sign(await render(template, bindings, row), signer);
      log(`200 ${subscriberId}`);
      return answer(200, signed, 'application/xml');
    } catch (error) {
      // RenderError messages name columns and codes, never the subscriber's secrets.
      if (error instanceof RenderError) {
        log(`422 ${subscriberId}: ${error.message}`);
        return answer(422, `this subscriber's data gives no valid file: ${error.message}\n`);
      }
      log(`500 ${subscriberId}: ${error instanceof Error ? error.message : String(error)}`);
      return answer(500, 'internal error\n');
    }
  });
}

/** Rows of a CSV file by SubscriberId (a stand-in for your subscriber database), read with csv-parse. */
async function rowsById(dataPath) {
  const { parse } = await import('csv-parse/sync');
  const text = await readFile(dataPath, 'utf8');
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (header.match(/;/g) ?? []).length > (header.match(/,/g) ?? []).length ? ';' : ',';
  const records = parse(text, { bom: true, columns: true, delimiter, skip_empty_lines: true });
  return new Map(records.map((record) => [record.SubscriberId, record]));
}

async function main() {
  const { values } = parseArgs({
    options: {
      template: { type: 'string' },
      bindings: { type: 'string' },
      data: { type: 'string' },
      pfx: { type: 'string' },
      'password-env': { type: 'string' },
      port: { type: 'string', default: '8080' },
    },
  });
  if (!values.template || !values.data || !values.pfx || !values['password-env']) {
    console.error('usage: node examples/server/provisioning-server.mjs --template T.xml [--bindings T.bindings.json] --data rows.csv --pfx F --password-env VAR [--port N]');
    process.exit(2);
  }
  const template = await readFile(values.template);
  const bindings = await readFile(values.bindings ?? values.template.replace(/\.xml$/i, '') + '.bindings.json', 'utf8');
  const rows = await rowsById(values.data);
  const variable = values['password-env'];
  const signer = await openSigner({ kind: 'pfx', path: path.resolve(values.pfx) }, async () => process.env[variable] ?? null);
  const server = createProvisioningServer({ template, bindings, lookup: async (id) => rows.get(id) ?? null, signer, log: (line) => process.stdout.write(`${line}\n`) });
  server.listen(Number(values.port), '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}/provisioning?SubId=${rows.keys().next().value}\n`));
  process.once('SIGINT', () => server.close(() => process.exit(0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
