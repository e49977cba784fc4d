// `provstudio … | head -1`: when the reader of our output goes away, writing fails with EPIPE.
// That is not an error of the command: stop quietly, with the exit code decided so far.
type ExitingProcess = Pick<NodeJS.Process, 'exit' | 'exitCode'>;

export function isClosedPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** Ends the process with the exit code decided so far (0 when none is). */
export function exitQuietly(owner: ExitingProcess = process): void {
  const code = owner.exitCode;
  owner.exit(typeof code === 'number' ? code : 0);
}

/** Makes a closed stdout or stderr end the process quietly instead of with a stack trace. */
export function exitQuietlyOnClosedPipe(streams: readonly NodeJS.WriteStream[], owner: ExitingProcess = process): void {
  for (const stream of streams) {
    stream.on('error', (error: unknown) => {
      if (!isClosedPipe(error)) throw error;
      exitQuietly(owner);
    });
  }
}
