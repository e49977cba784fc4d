// `npm run bench`: runs test/bench/run.ts. Results go to .bench/results.json and are printed as
// tables.
import { runBundled } from './run-bundled.mjs';

await runBundled('test/bench/run.ts', 'run.mjs', ['--expose-gc']);
