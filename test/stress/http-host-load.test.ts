// A bounded load test of the browser host on 127.0.0.1: 10,000 mixed requests (legitimate calls
// and attacks) from 20 concurrent clients. Every request gets the answer it must get, and the
// host's heap returns to its starting level. The same load is a bench entry (npm run bench -- host).
import { expect, it } from 'vitest';
import { runHostLoad } from '../support/host-load';

it('serves 10,000 mixed requests from 20 clients with no unexpected answer, and memory returns to its start level', async () => {
  const result = await runHostLoad({ requests: 10_000, clients: 20 });
  expect(result.unexpected.slice(0, 5)).toEqual([]);
  expect(result.latenciesMs).toHaveLength(10_000);
  for (const refusal of [400, 401, 403, 404, 413]) expect(result.statuses[refusal] ?? 0).toBeGreaterThan(100);
  expect(result.statuses[200]).toBeGreaterThan(5000);
  // Retained heap after the run, garbage collected, within 16 MB of the level before it.
  expect(result.heapAfterBytes - result.heapBeforeBytes).toBeLessThan(16 * 1024 * 1024);
}, 120_000);
