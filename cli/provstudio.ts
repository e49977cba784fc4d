// The CLI's entry: the launcher (cli/launch.ts, built to dist/cli/provstudio.cjs) runs `main()`
// from the entry chunk of the built scripts and waits for it before it writes the code cache.
import { processIo, runCli } from './main';

/** The command's output goes straight to the descriptors (cli/output.ts, which also ends the process quietly on a closed pipe). */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), await processIo());
}
