// Saving without ever leaving a half-written file: the bytes go to a temporary file beside the
// target, are flushed to disk, and replace the target with one rename. If anything fails, the
// temporary file is removed and the target is exactly as it was.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, constants as fsConstants } from 'node:fs';
import path from 'node:path';

export class AtomicWriteError extends Error {
  constructor(
    readonly kind: 'changedOnDisk' | 'exists' | 'failed',
    readonly targetPath: string,
    readonly reason: string,
  ) {
    super(`${kind}: ${targetPath}: ${reason}`);
  }
}

export interface AtomicWriteOptions {
  /** Refuse when the current file's SHA-256 is not this (someone else changed it). */
  expectedSha256?: string;
  /** Refuse when the target already exists. */
  refuseOverwrite?: boolean;
  /**
   * Flush the file and its folder to disk before returning (default true). Batches of many small
   * files turn it off: the rename still means no reader ever sees a half-written file, and the
   * batch flushes its folder once at the end.
   */
  sync?: boolean;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function resolveSymlinkTarget(target: string): Promise<string> {
  try {
    return await fs.realpath(target);
  } catch {
    return target;
  }
}

async function existingMode(target: string): Promise<number | undefined> {
  try {
    return (await fs.stat(target)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(directory, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} (${message})` : message;
}

export async function writeFileAtomic(targetPath: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await resolveSymlinkTarget(targetPath);

  if (options.expectedSha256 !== undefined) {
    let current: Buffer | undefined;
    try {
      current = await fs.readFile(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new AtomicWriteError('failed', targetPath, describe(error));
    }
    if (current === undefined || sha256Hex(current) !== options.expectedSha256) {
      throw new AtomicWriteError('changedOnDisk', targetPath, 'the file on disk differs from the one that was opened');
    }
  }

  const directory = path.dirname(target);
  const temporary = path.join(directory, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = (await existingMode(target)) ?? 0o644;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temporary, 'wx', mode);
    await handle.writeFile(bytes);
    if (options.sync !== false) await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.refuseOverwrite) {
      // link() fails when the name exists, so two writers cannot both "create" the file.
      await fs.link(temporary, target);
      await fs.unlink(temporary);
    } else {
      await fs.rename(temporary, target);
    }
    if (options.sync !== false) await syncDirectory(directory);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temporary).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && options.refuseOverwrite) {
      throw new AtomicWriteError('exists', targetPath, 'the file already exists');
    }
    throw new AtomicWriteError('failed', targetPath, describe(error));
  }
}
