// The CLI's entry: the launcher (cli/launch.ts, built to dist/cli/provstudio.cjs) runs `main()`
// from the entry chunk of the built scripts and waits for it before it writes the code cache.
import { exitQuietlyOnClosedPipe } from './closed-pipe';
import { processIo, runCli } from './main';

export async function main(): Promise<void> {
  exitQuietlyOnClosedPipe([process.stdout, process.stderr]);
  process.exitCode = await runCli(process.argv.slice(2), await processIo());
}
