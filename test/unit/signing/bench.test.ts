// The signing benchmark runs end to end (few rounds here; `npm run bench` does the real timing).
import { describe, expect, it } from 'vitest';
import { benchSigning } from '../../../shared/node/signing/bench';

describe('benchSigning', () => {
  it('signs and verifies 100 KB and 1 MB documents and times xmlsec1 on the same files', async () => {
    const results = await benchSigning({ rounds: 3 });
    console.log(results);
    expect(results.map((result) => result.size)).toEqual(['100 KB', '1 MB']);
    for (const result of results) expect(result.oursMs).toBeGreaterThan(0);
  });
});
