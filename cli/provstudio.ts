// Built to dist/cli/provstudio.mjs; bin/provstudio.mjs loads it.
import { processIo, runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2), await processIo());
