// The CLI's standard output and error, written straight to their file descriptors.
//
// Node makes process.stdout and process.stderr on first use, and for a pipe (a CI step, a shell's
// `| head`, a test runner) that is a net.Socket: Node loads its net and stream modules and compiles
// their functions, about 6 ms of a process that prints one line (measured on 2 cores: `node -e 0`
// 81 ms, printing a line through process.stdout 89 ms, through fs.writeSync 83 ms). fs.writeSync
// writes the same bytes in the same order: process.stdout is synchronous too for files, for pipes
// on Linux and for POSIX terminals. The stream is still used where it does what writeSync cannot:
// - a Windows console (a character device there): Node's stream writes Unicode to it
//   (WriteConsoleW), where bytes would be read in the console's code page;
// - a descriptor that would block (EAGAIN: a non-blocking pipe that is full; another process can
//   set a shared pipe so): the stream waits for it; the rest of that text and all later text go
//   through the stream, in order.
// A reader that went away (EPIPE, `provstudio … | head -1`) ends the process quietly as
// closed-pipe.ts does for the streams: later text is dropped, and the process exits with the exit
// code decided so far once the current work yields (as the stream's error event did).
import { fstatSync, writeSync } from 'node:fs';
import { exitQuietly, exitQuietlyOnClosedPipe, isClosedPipe } from './closed-pipe';

export type DescriptorOutput = (text: string) => void;

/** A writer of `fd` (1 or 2); `stream` gives Node's stream of the same descriptor, made only if needed. */
export function descriptorOutput(fd: number, stream: () => NodeJS.WriteStream, platform: NodeJS.Platform = process.platform): DescriptorOutput {
  let fallback: NodeJS.WriteStream | null = null;
  let closed = false;
  const useStream = (): NodeJS.WriteStream => {
    fallback = stream();
    exitQuietlyOnClosedPipe([fallback]);
    return fallback;
  };
  if (platform === 'win32' && isCharacterDevice(fd)) useStream();
  return (text) => {
    if (closed) return;
    if (fallback) {
      fallback.write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if (isClosedPipe(error)) {
        closed = true;
        setImmediate(() => exitQuietly());
        return;
      }
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      useStream().write(bytes.subarray(offset));
    }
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}
