// Where the host may write: only where the user chose. A save target is a path the user picked
// in a save dialog or a document the user opened; any other path is refused. A choice remembers
// the real folder (and the real file, when it existed) behind the path, so a symbolic link
// planted or swapped in the chosen folder afterwards cannot redirect the save elsewhere.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { HostError } from '../../common/ipc';

interface Grant {
  /** realpath of the folder when chosen. */
  folder: string;
  /** realpath of the file when chosen, or null when it did not exist yet. */
  file: string | null;
}

async function realpathOrNull(filePath: string): Promise<string | null> {
  try {
    return await fs.realpath(filePath);
  } catch {
    return null;
  }
}

/**
 * The real folder behind `folder`: its realpath, or, for a folder not created yet (a batch's
 * output folder), the realpath of its nearest existing ancestor with the missing part appended.
 */
async function realFolderOf(folder: string): Promise<string | null> {
  const missing: string[] = [];
  let current = folder;
  for (;;) {
    const real = await realpathOrNull(current);
    if (real !== null) return path.join(real, ...missing.reverse());
    const parent = path.dirname(current);
    if (parent === current) return null;
    missing.push(path.basename(current));
    current = parent;
  }
}

function redirected(filePath: string): HostError {
  return new HostError('file.redirected', 'error.file.redirected', { path: filePath });
}

export class WriteScope {
  private readonly grants = new Map<string, Grant>();

  /** The user chose or opened `filePath`: it may be saved to, as it resolves now. */
  async allow(filePath: string): Promise<void> {
    const key = path.resolve(filePath);
    const folder = await realFolderOf(path.dirname(key));
    if (folder === null) return;
    this.grants.set(key, { folder, file: await realpathOrNull(key) });
  }

  has(filePath: string): boolean {
    return this.grants.has(path.resolve(filePath));
  }

  /**
   * The real path a save of `filePath` must write to, or a HostError: not chosen by the user, or
   * redirected by a symbolic link since.
   */
  async resolveTarget(filePath: string): Promise<string> {
    const key = path.resolve(filePath);
    const grant = this.grants.get(key);
    if (!grant) throw new HostError('file.notChosen', 'error.file.notChosen', { path: filePath });
    const folder = await realFolderOf(path.dirname(key));
    if (folder !== grant.folder) throw redirected(filePath);
    const inFolder = path.join(folder, path.basename(key));
    let stat;
    try {
      stat = await fs.lstat(inFolder);
    } catch {
      return grant.file ?? inFolder;
    }
    if (grant.file === null) {
      // A new file when chosen: whatever appeared since may be replaced, never followed.
      if (stat.isSymbolicLink()) throw redirected(filePath);
      return inFolder;
    }
    if ((await realpathOrNull(inFolder)) !== grant.file) throw redirected(filePath);
    return grant.file;
  }

  /** After a save: the file now exists where it was written. */
  async saved(filePath: string, writtenTo: string): Promise<void> {
    const grant = this.grants.get(path.resolve(filePath));
    if (grant) grant.file = writtenTo;
  }
}
