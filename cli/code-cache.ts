// Where the launcher keeps V8's code cache of the CLI's scripts (cli/launch.ts): one file per build
// and command, in the user's cache folder, holding the cache of each script that command compiled
// (its chunks, and libxml2's script when it ran). A cache file is only ever a speed-up: reading it
// may fail, V8 may reject a script's cache (another V8, other flags, a damaged file: see
// checkCodeCacheChecksums), and then that script is compiled from source as without a cache, and
// the file is written again.
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
 * The cache file of this build (`build`: the hash of every script's text, so a rebuilt CLI never
 * meets an old cache), this command (each keeps the code its own runs compiled) and this V8.
 */
export function codeCacheFile(directory: string, build: string, command: string): string {
  return path.join(directory, `provstudio-${build}.${command}.v8-${process.versions.v8}-${process.arch}.cache`);
}

/** A cache file's first bytes ("provstudio code cache", version 1). */
const CACHE_MAGIC = 'PSC1';

/**
 * One file holds each script's cache: the magic, the number of scripts, then for each its file
 * name (2-byte length, latin1) and V8's data (4-byte length). Little-endian.
 */
export function serializeCodeCaches(caches: ReadonlyMap<string, Uint8Array>): Buffer {
  const parts: Buffer[] = [Buffer.from(CACHE_MAGIC, 'latin1'), u32(caches.size)];
  for (const [name, data] of caches) {
    const nameBytes = Buffer.from(name, 'latin1');
    const nameLength = Buffer.alloc(2);
    nameLength.writeUInt16LE(nameBytes.length);
    parts.push(nameLength, nameBytes, u32(data.length), Buffer.from(data.buffer, data.byteOffset, data.length));
  }
  return Buffer.concat(parts);
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

/**
 * Each script's cache from a file's bytes (views into them, no copy). A file that is not one, or
 * is cut short, gives no cache at all; damaged data inside is V8's to reject.
 */
export function parseCodeCaches(bytes: Buffer | undefined): Map<string, Buffer> {
  const caches = new Map<string, Buffer>();
  if (bytes === undefined || bytes.length < 8 || bytes.toString('latin1', 0, 4) !== CACHE_MAGIC) return caches;
  const count = bytes.readUInt32LE(4);
  let offset = 8;
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
    const { readdirSync, rmSync } = await import('node:fs');
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
