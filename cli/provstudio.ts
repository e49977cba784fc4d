// Built to dist/cli/provstudio.mjs; bin/provstudio.mjs loads it.
import { exitQuietlyOnClosedPipe } from './closed-pipe';
import { processIo, runCli } from './main';

exitQuietlyOnClosedPipe([process.stdout, process.stderr]);
process.exitCode = await runCli(process.argv.slice(2), await processIo());
