// `npm run fuzz [-- --seed N] [--documents N] [--edits N] [--signing N]`: the fuzzed round trips
// and sign -> verify runs of the test suite, longer (nightly). Prints the counts; exits 1 when
// anything crashed, lost bytes or broke a file.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeTestEvKit } from '../../shared/node/signing/test-ev-kit';
import { runRoundTripFuzz } from './fuzz';
import { runSigningFuzz } from './fuzz-signing';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 2147483647) },
    documents: { type: 'string', default: '80000' },
    edits: { type: 'string', default: '18' },
    signing: { type: 'string', default: '1000' },
  },
});
const seed = Number(values.seed);
const started = Date.now();
const counts = runRoundTripFuzz({ seed, documents: Number(values.documents), editsPerDocument: Number(values.edits) });
console.log(`round trips, seed ${seed}: ${counts.cases} cases (${counts.documents} documents, ${counts.editsApplied} edits, ${counts.noOpEdits} no-op edits) in ${Date.now() - started} ms`);
console.log(`  crashes ${counts.crashes}, lossy edits ${counts.lossy}, malformed results ${counts.malformed}, no-op not identical ${counts.notIdentical}`);
console.log(`  edits by kind: ${JSON.stringify(counts.byKind)}`);
for (const problem of counts.problems) console.log(`  ${problem.kind}: ${problem.detail}`);

const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-fuzz-'));
const kit = await makeTestEvKit(path.join(directory, 'kit'), 'fuzz-password');
const signingStarted = Date.now();
const documents = Number(values.signing);
const signing = await runSigningFuzz({ seed, documents, xmlsec1Sample: Math.ceil(documents / 10), tampersPerDocument: 4, kit, directory });
console.log(`sign -> verify, seed ${seed}: ${signing.documents} documents in ${Date.now() - signingStarted} ms`);
console.log(`  verified ${signing.verified}, xmlsec1 accepted ${signing.xmlsec1Accepted}/${signing.xmlsec1Checked}, one-character changes refused with 0x82170005 ${signing.tamperRefused}/${signing.tampered}`);
for (const problem of signing.problems.slice(0, 20)) console.log(`  ${problem}`);

const failed = counts.crashes + counts.lossy + counts.malformed + counts.notIdentical + signing.problems.length > 0;
process.exit(failed ? 1 : 0);
