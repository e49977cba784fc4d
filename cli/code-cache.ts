// Where the launcher keeps V8's code cache of the CLI script (cli/launch.ts): one file per script
// and command, in the user's cache folder. A cache file is only ever a speed-up: reading it may
// fail, it may be damaged (checked here), V8 may reject it (another V8, other flags), and then
// the script is compiled from source as without a cache, and the file is written again.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

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
 * A cache file: "PSCC", the CRC-32 of V8's data, then the data. V8 12 and older does not check its
 * own checksum in release builds and may crash on damaged data (a flipped bit aborted the process
 * in our test), so nothing reaches V8 unless its CRC-32 matches. This guards against damage, not
 * against someone who can write the user's files (who could change their shell's start-up too).
 */
const MAGIC = Buffer.from('PSCC', 'latin1');
const HEADER_BYTES = MAGIC.length + 4;

export function encodeCodeCache(data: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeUInt32LE(zlib.crc32(data), MAGIC.length);
  return Buffer.concat([header, data]);
}

/** V8's data from a cache file's bytes, or undefined when they are not a whole, undamaged cache file. */
export function decodeCodeCache(bytes: Buffer): Buffer | undefined {
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = bytes.subarray(HEADER_BYTES);
  return zlib.crc32(data) === bytes.readUInt32LE(MAGIC.length) ? data : undefined;
}

/** V8's data from the cache file, or undefined when there is none, it cannot be read or it is damaged. */
export function readCodeCache(file: string): Buffer | undefined {
  try {
    return decodeCodeCache(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Cache files of other builds of the CLI (their scripts' hashes differ): never used again. */
export function isOtherBuildsCache(name: string, currentScripts: readonly string[]): boolean {
  return /^(provstudio|libxml2)-[0-9a-f]+\..+\.cache$/.test(name) && !currentScripts.some((script) => name.startsWith(`${path.basename(script, '.js')}.`));
}

/**
 * Writes the cache atomically (a temporary file renamed over the target: a reader sees the old
 * file, the new one or none) in the cache folder only, removing other builds' cache files there.
 * Any failure (read-only home, full disk) leaves things as they were: the cache is optional.
 */
export async function writeCodeCache(file: string, data: Uint8Array, currentScripts: readonly string[]): Promise<void> {
  try {
    const { mkdirSync, readdirSync, rmSync } = await import('node:fs');
    const { writeFileAtomic } = await import('../shared/node/files/atomic-write');
    const directory = path.dirname(file);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(directory)) {
      if (isOtherBuildsCache(name, currentScripts)) rmSync(path.join(directory, name), { force: true });
    }
    await writeFileAtomic(file, encodeCodeCache(data), { sync: false, mode: 0o600, alreadyResolved: true });
  } catch {
    // No cache this time; the next run tries again.
  }
}
