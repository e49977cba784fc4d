// Where the launcher keeps V8's code cache of the CLI's scripts (cli/launch.ts): one file per build
// and command, in the user's cache folder, holding the cache of each script that command compiled
// (its chunks, and libxml2's script when it ran). A cache file is only ever a speed-up: reading it
// may fail, V8 may reject a script's cache (another V8, other flags, another source), the file may
// be damaged (see serializeCodeCaches), and then that script is compiled from source as without a
// cache, and the file is written again.
import { accessSync, constants as fsConstants, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** `PROVSTUDIO_CODE_CACHE=off` turns the cache off (nothing read, nothing written). */
export const CODE_CACHE_SWITCH = 'PROVSTUDIO_CODE_CACHE';

/** The folder of the cache: the platform's per-user cache folder, provstudio/code-cache inside it (null: no cache). */
export function codeCacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string | null = userHome(env, platform)): string | null {
  if (env[CODE_CACHE_SWITCH] === 'off' || home === null) return null;
  let base: string;
  if (platform === 'win32') base = env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : path.join(home, 'AppData', 'Local');
  else if (platform === 'darwin') base = path.join(home, 'Library', 'Caches');
  else base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(base, 'provstudio', 'code-cache');
}

/**
 * The user's home folder, or null when the system knows none (a user without a passwd entry, no
 * HOME). os.homedir() answers HOME (USERPROFILE on Windows) when it is set; that variable is read
 * here first, so the common case does not load node:os.
 */
function userHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  const fromEnvironment = platform === 'win32' ? env.USERPROFILE : env.HOME;
  if (fromEnvironment) return fromEnvironment;
  try {
    return process.getBuiltinModule('node:os').homedir();
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
 * The cache file of this build (`build`: the hash of every script's text, so a rebuilt CLI never
 * meets an old cache), this command (each keeps the code its own runs compiled) and this V8.
 */
export function codeCacheFile(directory: string, build: string, command: string): string {
  return path.join(directory, `provstudio-${build}.${command}.v8-${process.versions.v8}-${process.arch}.cache`);
}

/** A cache file's first bytes ("provstudio code cache", version 1). */
const CACHE_MAGIC = 'PSC1';

/**
 * One file holds each script's cache: the magic, then the scripts (for each, its file name with a
 * 2-byte length, latin1, and V8's data with a 4-byte length; little-endian), then the same bytes
 * once more. The copy is how a damaged file is told: V8 12 and older checks a cache's checksum only
 * in debug builds, or with --verify-snapshot-checksum, and may crash on damaged data (flipped bits
 * aborted Node 20 in our test). That flag can only be set through node:v8, which loads Node's
 * stream modules with it (about 2 ms of every start); comparing the two halves (memcmp) costs
 * reading the file twice over, a fraction of a millisecond. It guards against damage, not against
 * someone who can write the user's files (who could change their shell's start-up as well).
 */
export function serializeCodeCaches(caches: ReadonlyMap<string, Uint8Array>): Buffer {
  const parts: Buffer[] = [u32(caches.size)];
  for (const [name, data] of caches) {
    const nameBytes = Buffer.from(name, 'latin1');
    const nameLength = Buffer.alloc(2);
    nameLength.writeUInt16LE(nameBytes.length);
    parts.push(nameLength, nameBytes, u32(data.length), Buffer.from(data.buffer, data.byteOffset, data.length));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(CACHE_MAGIC, 'latin1'), body, body]);
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

/**
 * Each script's cache from a file's bytes (views into them, no copy). A file that is not one, is
 * cut short or damaged (its two halves differ) gives no cache at all.
 */
export function parseCodeCaches(file: Buffer | undefined): Map<string, Buffer> {
  const caches = new Map<string, Buffer>();
  if (file === undefined || file.length < 12 || file.toString('latin1', 0, 4) !== CACHE_MAGIC || (file.length - 4) % 2 !== 0) return caches;
  const half = (file.length - 4) / 2;
  const bytes = file.subarray(4, 4 + half);
  if (!bytes.equals(file.subarray(4 + half))) return caches;
  const count = bytes.readUInt32LE(0);
  let offset = 4;
  for (let index = 0; index < count; index++) {
    if (offset + 2 > bytes.length) return new Map();
    const nameLength = bytes.readUInt16LE(offset);
    offset += 2;
    if (offset + nameLength + 4 > bytes.length) return new Map();
    const name = bytes.toString('latin1', offset, offset + nameLength);
    offset += nameLength;
    const dataLength = bytes.readUInt32LE(offset);
    offset += 4;
    if (offset + dataLength > bytes.length) return new Map();
    caches.set(name, bytes.subarray(offset, offset + dataLength));
    offset += dataLength;
  }
  return offset === bytes.length ? caches : new Map();
}

/** The cache file's bytes, or undefined when there is none or it cannot be read. */
export function readCodeCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Cache files of other builds of the CLI (their hashes differ; `libxml2-…`: the layout before one file per command): never used again. */
export function isOtherBuildsCache(name: string, build: string): boolean {
  return /^(provstudio|libxml2)-[0-9a-f]+\..+\.cache$/.test(name) && !name.startsWith(`provstudio-${build}.`);
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
export async function writeCodeCache(file: string, data: Uint8Array, build: string): Promise<void> {
  try {
    const { writeFileAtomic } = await import('../shared/node/files/atomic-write');
    const directory = path.dirname(file);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(directory)) {
      if (isOtherBuildsCache(name, build)) rmSync(path.join(directory, name), { force: true });
    }
    await writeFileAtomic(file, data, { sync: false, mode: 0o600, alreadyResolved: true });
  } catch {
    // No cache this time; the next run tries again.
  }
}
