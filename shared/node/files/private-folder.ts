// The host's data folder holds recovery copies of unsaved text (which can include clear-text
// passwords) and the recent-files list: only the user may enter it (0700) or read its files (0600).
import { promises as fs } from 'node:fs';

export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `directory` (and missing parents) and makes it private, also when it already existed. */
export async function ensurePrivateDirectory(directory: string): Promise<void> {
  await fs.mkdir(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if (process.platform !== 'win32') await fs.chmod(directory, PRIVATE_DIRECTORY_MODE);
}
