// Fuzzed round trips in every CI run (test/support/fuzz.ts): documents generated from the schema
// model in every encoding, no-op edits byte-identical, random tree and form edits that change
// nothing outside their range and leave the file well-formed. Seeded: set PROVSTUDIO_FUZZ_SEED
// to explore; `npm run fuzz` runs longer.
import { expect, it } from 'vitest';
import { runRoundTripFuzz } from '../support/fuzz';

const SEED = Number(process.env.PROVSTUDIO_FUZZ_SEED ?? 20261204);

it('≥ 100,000 generated cases: no crash, no lossy edit, nothing malformed, no-op round trips byte-identical', () => {
  const started = Date.now();
  const counts = runRoundTripFuzz({ seed: SEED, documents: 8_000, editsPerDocument: 18 });
  console.log(
    `fuzz seed ${SEED}: ${counts.cases} cases (${counts.documents} documents, ${counts.editsApplied} edits, ${counts.noOpEdits} no-op edits) in ${Date.now() - started} ms; ` +
      `crashes ${counts.crashes}, lossy ${counts.lossy}, malformed ${counts.malformed}, not identical ${counts.notIdentical}`,
  );
  expect(counts.problems.slice(0, 3)).toEqual([]);
  expect(counts.cases).toBeGreaterThanOrEqual(100_000);
  for (const kind of ['setText', 'setAttribute', 'removeAttribute', 'insert', 'remove', 'moveUp', 'moveDown', 'rename', 'form.setAttribute', 'form.setText', 'form.setChildText', 'form.addChild']) {
    expect(counts.byKind[kind] ?? 0, kind).toBeGreaterThan(500);
  }
}, 120_000);
