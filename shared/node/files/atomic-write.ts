// Saving without ever leaving a half-written file: the bytes go to a temporary file beside the
// target, are flushed to disk, and replace the target with one rename. If anything fails, the
// temporary file is removed and the target is exactly as it was.
//
// Saves of one target are serialised (one at a time per resolved path, in this process), and the
// "has the file changed on disk?" check runs inside that turn, just before the rename: of several
// saves that all expect the same on-disk content, exactly one wins and the others are told the
// file changed. Temporary files left by a crash mid-save (our own naming pattern only) are removed
// the first time a run of the app or a command writes to their folder.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, constants as fsConstants, statSync } from 'node:fs';
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
  /** Permissions of the written file; by default the existing file's, or 0644 for a new one. */
  mode?: number;
  /**
   * `targetPath` is already the real path to write (checked by the caller): a symbolic link found
   * there now is replaced, never followed. By default a link is followed to the file it names.
   */
  alreadyResolved?: boolean;
}

/** `.NAME.<12 hex>.tmp`: the temporary files of a save, and nothing else. */
const TEMPORARY_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;
/** A temporary file this old is not a save in progress (saves take seconds at most). */
export const STALE_TEMPORARY_MS = 60_000;

export function isSaveTemporaryName(name: string): boolean {
  return TEMPORARY_NAME.test(name);
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

/** The mode of the file already at `target`, if any. A missing file is the common case in a batch: no error is made for it. */
function existingMode(target: string): number | undefined {
  try {
    const stat = statSync(target, { throwIfNoEntry: false });
    return stat ? stat.mode & 0o7777 : undefined;
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

// ---- one save at a time per target ------------------------------------------------------------

const turns = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier save of `key` has finished (whatever its outcome). */
async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = turns.get(key) ?? Promise.resolve();
  const current = previous.then(work, work);
  const settled = current.catch(() => undefined);
  turns.set(key, settled);
  try {
    return await current;
  } finally {
    if (turns.get(key) === settled) turns.delete(key);
  }
}

// ---- stale temporaries --------------------------------------------------------------------------

/** Temporary files of saves in progress in this process: never removed as stale. */
const inFlight = new Set<string>();
/** Folders already cleaned by this process: once is enough (a batch writes thousands of files). */
const cleanedFolders = new Set<string>();

/** Removes our own temporary files in `directory` that no save is using; returns how many. */
export async function removeStaleTemporaries(directory: string, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!isSaveTemporaryName(name)) continue;
    const candidate = path.join(directory, name);
    if (inFlight.has(candidate)) continue;
    try {
      const stat = await fs.lstat(candidate);
      if (!stat.isFile() || now - stat.mtimeMs < STALE_TEMPORARY_MS) continue;
      await fs.unlink(candidate);
      removed++;
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

// ---- the save -------------------------------------------------------------------------------------

async function checkUnchanged(target: string, targetPath: string, expectedSha256: string): Promise<void> {
  let current: Buffer | undefined;
  try {
    current = await fs.readFile(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new AtomicWriteError('failed', targetPath, describe(error));
  }
  if (current === undefined || sha256Hex(current) !== expectedSha256) {
    throw new AtomicWriteError('changedOnDisk', targetPath, 'the file on disk differs from the one that was opened');
  }
}

export async function writeFileAtomic(targetPath: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = options.alreadyResolved ? path.resolve(targetPath) : await resolveSymlinkTarget(targetPath);
  await inTurn(target, async () => {
    // A save that is already too late fails before writing anything...
    if (options.expectedSha256 !== undefined) await checkUnchanged(target, targetPath, options.expectedSha256);
    const directory = path.dirname(target);
    if (!cleanedFolders.has(directory)) {
      cleanedFolders.add(directory);
      await removeStaleTemporaries(directory);
    }
    const temporary = path.join(directory, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    const mode = options.mode ?? existingMode(target) ?? 0o644;
    let handle: fs.FileHandle | undefined;
    inFlight.add(temporary);
    try {
      handle = await fs.open(temporary, 'wx', mode);
      // The process umask may have narrowed `mode`; an explicit mode is exactly what is asked.
      if (options.mode !== undefined) await handle.chmod(options.mode);
      await handle.writeFile(bytes);
      if (options.sync !== false) await handle.sync();
      await handle.close();
      handle = undefined;
      // ...and is checked again as late as possible, in our turn: no other save of ours can come between.
      if (options.expectedSha256 !== undefined) await checkUnchanged(target, targetPath, options.expectedSha256);
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
      if (error instanceof AtomicWriteError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && options.refuseOverwrite) {
        throw new AtomicWriteError('exists', targetPath, 'the file already exists');
      }
      throw new AtomicWriteError('failed', targetPath, describe(error));
    } finally {
      inFlight.delete(temporary);
    }
  });
}
