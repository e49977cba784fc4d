// Sign -> verify on generated documents (test/support/fuzz-signing.ts): every signature verifies
// in our verifier and, for a sample, in xmlsec1 (trusting only the test root); every one-character
// change outside the Signature is refused with 0x82170005.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { makeTestEvKit, type TestEvKit } from '../../shared/node/signing/test-ev-kit';
import { runSigningFuzz } from '../support/fuzz-signing';
import { temporaryDirectory, toolAvailable } from '../unit/signing/support';

const SEED = Number(process.env.PROVSTUDIO_FUZZ_SEED ?? 20261204);
let kit: TestEvKit;
let directory: string;

beforeAll(async () => {
  directory = temporaryDirectory('provstudio-fuzz-signing-');
  kit = await makeTestEvKit(path.join(directory, 'kit'), 'fuzz-password');
});

it('signs generated documents that verify, in xmlsec1 too, and refuses every one-character change with 0x82170005', async () => {
  const xmlsec1 = toolAvailable('xmlsec1');
  const counts = await runSigningFuzz({ seed: SEED, documents: 120, xmlsec1Sample: xmlsec1 ? 12 : 0, tampersPerDocument: 4, kit, directory });
  console.log(`signing fuzz seed ${SEED}: ${JSON.stringify({ ...counts, problems: counts.problems.length })}`);
  expect(counts.problems.slice(0, 5)).toEqual([]);
  expect(counts.verified).toBe(120);
  if (xmlsec1) expect(counts.xmlsec1Accepted).toBe(12);
  expect(counts.tampered).toBeGreaterThan(300);
  expect(counts.tamperRefused).toBe(counts.tampered);
}, 120_000);
