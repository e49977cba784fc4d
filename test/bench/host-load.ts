// The browser host under a bounded load (the same load as test/stress/http-host-load.test.ts):
// 10,000 mixed requests, legitimate and hostile, from 20 concurrent clients on 127.0.0.1.
import { runHostLoad } from '../support/host-load';
import { median, percentile, type BenchSuite } from './report';

export async function runHostLoadBench(): Promise<BenchSuite> {
  const result = await runHostLoad({ requests: 10_000, clients: 20 });
  return {
    suite: `Browser host load (${result.requests} mixed requests, ${result.clients} concurrent clients, 127.0.0.1)`,
    rows: [
      { name: 'wall time', value: result.elapsedMs, unit: 'ms' },
      { name: 'requests per second', value: (result.requests / result.elapsedMs) * 1000, unit: 'count' },
      { name: 'latency p50', value: median(result.latenciesMs), unit: 'ms' },
      { name: 'latency p95', value: percentile(result.latenciesMs, 0.95), unit: 'ms' },
      { name: 'unexpected answers', value: result.unexpected.length, unit: 'count', target: { comparison: '<=', value: 0 } },
      { name: 'refusals (400/401/403/404/413)', value: [400, 401, 403, 404, 413].reduce((sum, status) => sum + (result.statuses[status] ?? 0), 0), unit: 'count' },
      { name: 'save conflicts (expected)', value: result.conflicts, unit: 'count' },
      { name: 'heap after - before (GC settled)', value: (result.heapAfterBytes - result.heapBeforeBytes) / 1048576, unit: 'MB', target: { comparison: '<=', value: 16 } },
    ],
  };
}
