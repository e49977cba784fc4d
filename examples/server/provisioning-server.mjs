// A provisioning server: GET /provisioning?SubId=... answers with that subscriber's file, freshly
// rendered from a template and its bindings, and signed. The building block of web-site
// provisioning and of refresh URLs (RefreshParameters/RefreshURL).
//
//   npm run build
//   PFX_PASSWORD=... node examples/server/provisioning-server.mjs \
//     --template examples/bulk/template.xml --data examples/bulk/subscribers.csv \
//     --pfx signer.pfx --password-env PFX_PASSWORD [--port 8080]
//
// createProvisioningServer() (from the library) is the reusable part: give it the template, its bindings, a way to
// find a subscriber's row (here: the rows of a CSV file; in production: your subscriber database)
// and a signer (any key store provstudio supports: PFX, PEM, PKCS#11 token, NSS, OS stores).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createProvisioningServer, openSigner } from '../../dist/lib/provstudio.mjs';

// The server itself lives in the library (shared/node/subscriber/server.ts), so the landing-page
// kit (examples/website/, `provstudio website init`) serves the same endpoint.
export { createProvisioningServer };

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
