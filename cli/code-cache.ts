// Where the launcher keeps V8's code cache of the CLI script (cli/launch.ts): one file per script
// and command, in the user's cache folder. A cache file is only ever a speed-up: reading it may
// fail, V8 may reject it (another V8, other flags, a damaged file: see checkCodeCacheChecksums), and then
// the script is compiled from source as without a cache, and the file is written again.
import { accessSync, constants as fsConstants, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';

/** `PROVSTUDIO_CODE_CACHE=off` turns the cache off (nothing read, nothing written). */
export const CODE_CACHE_SWITCH = 'PROVSTUDIO_CODE_CACHE';

/** The folder of the cache: the platform's per-user cache folder, provstudio/code-cache inside it (null: no cache). */
export function codeCacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string | null = userHome()): string | null {
  if (env[CODE_CACHE_SWITCH] === 'off' || home === null) return null;
  let base: string;
  if (platform === 'win32') base = env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : path.join(home, 'AppData', 'Local');
  else if (platform === 'darwin') base = path.join(home, 'Library', 'Caches');
  else base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(base, 'provstudio', 'code-cache');
}

/** The user's home folder, or null when the system knows none (a user without a passwd entry, no HOME). */
function userHome(): string | null {
  try {
    return os.homedir();
  } catch {
    return null;
  }
}

/** The part of the command line a cache is kept for: the command's name, `help`, or `other`. */
export function cacheCommand(argv: readonly string[]): string {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return 'help';
  return /^[a-z][a-z-]{0,31}$/.test(first) ? first : 'other';
}

/**
 * The cache file of this script (its name holds the hash of its content, so a rebuilt CLI never
 * meets an old cache), this command (each keeps the code its own runs compiled) and this V8.
 */
export function codeCacheFile(directory: string, scriptName: string, command: string): string {
  const script = path.basename(scriptName, '.js');
  return path.join(directory, `${script}.${command}.v8-${process.versions.v8}-${process.arch}.cache`);
}

/**
 * V8 12 and older checks a code cache's checksum only in debug builds, and may crash on damaged
 * data (a cache with flipped bits aborted Node 20 in our test). This V8 flag makes V8 write a
 * checksum into every cache it creates and check it before using one; a cache that fails the
 * check is rejected like any other. Set before any script is compiled (V8 keys caches by its
 * flags, so every run must compile with the same ones). It guards against damage, not against
 * someone who can write the user's files (who could change their shell's start-up as well).
 */
export function checkCodeCacheChecksums(): void {
  v8.setFlagsFromString('--verify-snapshot-checksum');
}

/** The cache file's bytes, or undefined when there is none or it cannot be read. */
export function readCodeCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Cache files of other builds of the CLI (their scripts' hashes differ): never used again. */
export function isOtherBuildsCache(name: string, currentScripts: readonly string[]): boolean {
  return /^(provstudio|libxml2)-[0-9a-f]+\..+\.cache$/.test(name) && !currentScripts.some((script) => name.startsWith(`${path.basename(script, '.js')}.`));
}

/**
 * Makes the cache folder if needed and tells whether this user can write there. Asked before a
 * cache is made (making one takes a few milliseconds): a read-only home never pays for it.
 */
export function cacheDirectoryWritable(directory: string): boolean {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    accessSync(directory, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the cache atomically (a temporary file renamed over the target: a reader sees the old
 * file, the new one or none) in the cache folder only, removing other builds' cache files there.
 * Any failure (read-only home, full disk) leaves things as they were: the cache is optional.
 */
export async function writeCodeCache(file: string, data: Uint8Array, currentScripts: readonly string[]): Promise<void> {
  try {
    const { readdirSync, rmSync } = await import('node:fs');
    const { writeFileAtomic } = await import('../shared/node/files/atomic-write');
    const directory = path.dirname(file);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(directory)) {
      if (isOtherBuildsCache(name, currentScripts)) rmSync(path.join(directory, name), { force: true });
    }
    await writeFileAtomic(file, data, { sync: false, mode: 0o600, alreadyResolved: true });
  } catch {
    // No cache this time; the next run tries again.
  }
}
