// Reading a file the user named, safely: only a regular file is read (not a FIFO, a device such as
// /dev/zero, a socket or a directory), opening never blocks on a FIFO without a writer, and the
// byte limit is enforced while reading, so a file that grows after `stat` cannot exceed it.
import { constants as fsConstants, promises as fs } from 'node:fs';

export class NotRegularFileError extends Error {
  constructor(
    readonly filePath: string,
    readonly kind: 'directory' | 'special',
  ) {
    super(`${filePath} is not a regular file`);
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly filePath: string,
    readonly limitBytes: number,
    /** At least this many bytes (reading stops just past the limit). */
    readonly sizeBytes: number,
  ) {
    super(`${filePath} is larger than ${limitBytes} bytes`);
  }
}

const CHUNK_BYTES = 1024 * 1024;
// O_NONBLOCK: opening a FIFO for reading must not wait for a writer. It changes nothing for
// regular files. Windows has neither flag nor FIFOs.
const OPEN_FLAGS = process.platform === 'win32' ? fsConstants.O_RDONLY : fsConstants.O_RDONLY | fsConstants.O_NONBLOCK;

export async function readRegularFile(filePath: string, limitBytes: number): Promise<Buffer> {
  const handle = await fs.open(filePath, OPEN_FLAGS);
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new NotRegularFileError(filePath, 'directory');
    if (!stat.isFile()) throw new NotRegularFileError(filePath, 'special');
    if (stat.size > limitBytes) throw new FileTooLargeError(filePath, limitBytes, stat.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limitBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limitBytes) throw new FileTooLargeError(filePath, limitBytes, total);
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
