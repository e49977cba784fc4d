// `npm run fuzz`: runs test/support/fuzz-cli.ts with the given arguments (--seed, --documents,
// --edits, --signing).
import { runBundled } from './run-bundled.mjs';

await runBundled('test/support/fuzz-cli.ts', 'fuzz.mjs');
