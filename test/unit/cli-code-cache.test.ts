// The built CLI's V8 code cache (cli/launch.ts, cli/code-cache.ts): written after a run into the
// user's cache folder and nowhere else, atomically; used by the next run; and only ever a speed-up:
// a damaged cache, a cache of another script or of another build is ignored, the output is the
// same as without any cache, and the cache is written anew.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, closeSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheCommand, codeCacheDirectory, codeCacheFile, isOtherBuildsCache, parseCodeCaches, readCodeCache, serializeCodeCaches, writeCodeCache } from '../../cli/code-cache';
import { CLI_BIN } from '../support/cli';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const VALID = path.join(ROOT, 'test/fixtures/corpus/cc/complete-document.valid.xml');
const INVALID = path.join(ROOT, 'test/fixtures/corpus/wlan/priority-10.invalid.xml');

let home: string;
let work: string;
let cacheDirectory: string;

/** Every file under a folder, relative to it. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

function cacheFiles(): string[] {
  try {
    return readdirSync(cacheDirectory).sort();
  } catch {
    return [];
  }
}

/** Runs the built CLI as a user whose home (and cache folder) is the test's folder. */
function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    // libxml2-wasm, whose script has a cache of its own (the native engine, when built, needs none).
    env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), LANG: 'C', PROVSTUDIO_XSD_ENGINE: 'wasm', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'provstudio-code-cache-'));
  work = path.join(home, 'work');
  mkdirSync(work);
  copyFileSync(VALID, path.join(work, 'valid.xml'));
  copyFileSync(INVALID, path.join(work, 'invalid.xml'));
  cacheDirectory = path.join(home, '.cache', 'provstudio', 'code-cache');
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('the CLI code cache', () => {
  it('is written after a run into the cache folder only, and used by the next run with the same output', () => {
    const before = filesUnder(home);
    const uncached = run(['validate', 'valid.xml', 'invalid.xml']);
    expect(uncached.status).toBe(1);
    const written = filesUnder(home).filter((file) => !before.includes(file));
    // One cache file for this command, nothing else anywhere; it holds the cache of every script
    // the command compiled: the CLI's packs it needed and libxml2-wasm's script.
    expect(written).toHaveLength(1);
    for (const file of written) expect(path.dirname(path.join(home, file))).toBe(cacheDirectory);
    expect(cacheFiles().map((name) => name.split('.').slice(0, 2).join('.'))).toEqual([expect.stringMatching(/^provstudio-[0-9a-f]{16}\.validate$/)]);
    const scripts = [...parseCodeCaches(readFileSync(path.join(cacheDirectory, cacheFiles()[0]!))).keys()];
    expect(scripts.filter((name) => /^libxml2-[0-9a-f]{16}\.js$/.test(name))).toHaveLength(1);
    expect(scripts.filter((name) => /^cli-pack-validate-[\w-]+\.js$/.test(name))).toHaveLength(1);
    expect(scripts.filter((name) => /^cli-pack-(new|sign|inspect|serve|fr|pt)-/.test(name))).toEqual([]);
    for (const name of cacheFiles()) expect(statSync(path.join(cacheDirectory, name)).mode & 0o777).toBe(0o600);

    const inodes = cacheFiles().map((name) => statSync(path.join(cacheDirectory, name)).ino);
    const cached = run(['validate', 'valid.xml', 'invalid.xml']);
    expect(cached).toEqual(uncached);
    // V8 took the cache: a rejected one would have been replaced by a new file.
    expect(cacheFiles().map((name) => statSync(path.join(cacheDirectory, name)).ino)).toEqual(inodes);
    expect(filesUnder(home).filter((file) => !before.includes(file))).toEqual(written);
  });

  it('keeps one cache per command, and --help needs no libxml2 and no command', () => {
    expect(run(['--help']).status).toBe(0);
    expect(cacheFiles()).toEqual([expect.stringMatching(/^provstudio-[0-9a-f]{16}\.help\./)]);
    const help = [...parseCodeCaches(readFileSync(path.join(cacheDirectory, cacheFiles()[0]!))).keys()];
    expect(help.filter((name) => /^libxml2-|^cli-pack-(validate|new|fix|edit|sign|generate|verify|certs|inspect|explain|dry-run|diff|serve|website)-/.test(name))).toEqual([]);
    expect(run(['validate', 'valid.xml']).status).toBe(0);
    expect(cacheFiles().filter((name) => name.includes('.validate.'))).toHaveLength(1);
  });

  it('ignores a damaged cache, gives the same output, and writes it anew', () => {
    const reference = run(['validate', 'invalid.xml'], { PROVSTUDIO_CODE_CACHE: 'off' });
    expect(reference.status).toBe(1);
    expect(reference.stdout).toContain('XSD_RANGE');
    run(['validate', 'invalid.xml']);
    const damaged: [string, (bytes: Buffer) => Buffer][] = [
      ['bits flipped in the middle', (bytes) => Buffer.from(bytes.map((byte, index) => (index > bytes.length / 3 && index % 97 === 0 ? byte ^ 0xa5 : byte)))],
      ['cut short', (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2))],
      ['not a cache at all', () => Buffer.from('this is not a V8 code cache\n')],
      ['empty', () => Buffer.alloc(0)],
    ];
    for (const [how, damage] of damaged) {
      const names = cacheFiles();
      for (const name of names) writeFileSync(path.join(cacheDirectory, name), damage(readFileSync(path.join(cacheDirectory, name))));
      const damagedBytes = names.map((name) => readFileSync(path.join(cacheDirectory, name)));
      expect(run(['validate', 'invalid.xml']), how).toEqual(reference);
      // Written anew: V8 accepts it on the next run (the files stay as they are).
      expect(cacheFiles(), how).toEqual(names);
      names.forEach((name, index) => expect(readFileSync(path.join(cacheDirectory, name)).equals(damagedBytes[index]!), how).toBe(false));
      const inodes = names.map((name) => statSync(path.join(cacheDirectory, name)).ino);
      expect(run(['validate', 'invalid.xml']), how).toEqual(reference);
      expect(names.map((name) => statSync(path.join(cacheDirectory, name)).ino), how).toEqual(inodes);
    }
  });

  it("ignores the cache of another script (a stale cache under a script's name) and writes it anew", () => {
    const reference = run(['validate', 'valid.xml', 'invalid.xml'], { PROVSTUDIO_CODE_CACHE: 'off' });
    run(['validate', 'valid.xml']);
    const [file] = cacheFiles() as [string];
    const caches = parseCodeCaches(readFileSync(path.join(cacheDirectory, file)));
    // Each script's name now holds the next script's cache: valid V8 caches, for another source.
    const names = [...caches.keys()];
    const rotated = new Map(names.map((name, index) => [name, caches.get(names[(index + 1) % names.length]!)!]));
    const stale = serializeCodeCaches(rotated);
    writeFileSync(path.join(cacheDirectory, file), stale);
    expect(run(['validate', 'valid.xml', 'invalid.xml'])).toEqual(reference);
    expect(readFileSync(path.join(cacheDirectory, file)).equals(stale)).toBe(false);
  });

  it('removes the caches of other builds of the CLI, and nothing else, when it writes', () => {
    mkdirSync(cacheDirectory, { recursive: true });
    const oldBuild = `provstudio-0000000000000000.validate.v8-${process.versions.v8}-${process.arch}.cache`;
    writeFileSync(path.join(cacheDirectory, oldBuild), 'old');
    writeFileSync(path.join(cacheDirectory, 'notes.txt'), 'not ours');
    expect(run(['validate', 'valid.xml']).status).toBe(0);
    expect(cacheFiles()).not.toContain(oldBuild);
    expect(cacheFiles()).toContain('notes.txt');
  });

  it('PROVSTUDIO_CODE_CACHE=off reads and writes nothing', () => {
    const before = filesUnder(home);
    expect(run(['validate', 'valid.xml'], { PROVSTUDIO_CODE_CACHE: 'off' }).status).toBe(0);
    expect(filesUnder(home)).toEqual(before);
  });

  it('a cache folder that cannot be written costs the cache, not the command', () => {
    mkdirSync(path.dirname(cacheDirectory), { recursive: true });
    writeFileSync(cacheDirectory, 'a file where the folder should be');
    const result = run(['validate', 'invalid.xml']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('XSD_RANGE');
    expect(result.stderr).toBe('');
  });
});

describe('code cache files', () => {
  it("live in the platform's per-user cache folder", () => {
    expect(codeCacheDirectory({}, 'linux', '/home/ana')).toBe('/home/ana/.cache/provstudio/code-cache');
    expect(codeCacheDirectory({ XDG_CACHE_HOME: '/var/cache/ana' }, 'linux', '/home/ana')).toBe('/var/cache/ana/provstudio/code-cache');
    // A relative XDG_CACHE_HOME is to be ignored (XDG Base Directory specification).
    expect(codeCacheDirectory({ XDG_CACHE_HOME: 'cache' }, 'linux', '/home/ana')).toBe('/home/ana/.cache/provstudio/code-cache');
    expect(codeCacheDirectory({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Caches/provstudio/code-cache');
    expect(codeCacheDirectory({ PROVSTUDIO_CODE_CACHE: 'off' }, 'linux', '/home/ana')).toBeNull();
  });

  it('are kept per script, command and V8', () => {
    expect(cacheCommand([])).toBe('help');
    expect(cacheCommand(['--help'])).toBe('help');
    expect(cacheCommand(['validate', 'a.xml'])).toBe('validate');
    expect(cacheCommand(['dry-run'])).toBe('dry-run');
    expect(cacheCommand(['../../etc/passwd'])).toBe('other');
    expect(cacheCommand(['--version'])).toBe('other');
    const file = codeCacheFile('/c', '0123456789abcdef', 'validate');
    expect(path.dirname(file)).toBe('/c');
    expect(path.basename(file)).toBe(`provstudio-0123456789abcdef.validate.v8-${process.versions.v8}-${process.arch}.cache`);
    const build = '0123456789abcdef';
    expect(isOtherBuildsCache('provstudio-1111111111111111.help.v8-1-x64.cache', build)).toBe(true);
    // The layout before one file per command kept libxml2's cache apart: never used again.
    expect(isOtherBuildsCache('libxml2-1111111111111111.validate.v8-1-x64.cache', build)).toBe(true);
    expect(isOtherBuildsCache('provstudio-0123456789abcdef.help.v8-1-x64.cache', build)).toBe(false);
    expect(isOtherBuildsCache('notes.txt', build)).toBe(false);
  });

  it("hold each script's cache by name, and a file that is not one, or is cut short, holds none", () => {
    const caches = new Map([
      ['cli-provstudio-AAAA.js', Buffer.from('first script')],
      ['libxml2-0123456789abcdef.js', Buffer.alloc(0)],
      ['cli-chunk-BBBB.js', Buffer.from([0, 1, 2, 255])],
    ]);
    const bytes = serializeCodeCaches(caches);
    expect(parseCodeCaches(bytes)).toEqual(caches);
    expect(parseCodeCaches(undefined)).toEqual(new Map());
    expect(parseCodeCaches(Buffer.from('not a cache file'))).toEqual(new Map());
    for (let length = 0; length < bytes.length; length++) expect(parseCodeCaches(bytes.subarray(0, length)), `cut at ${length}`).toEqual(new Map());
    expect(parseCodeCaches(Buffer.concat([bytes, Buffer.from('x')]))).toEqual(new Map());
  });

  it('are replaced atomically: a reader of the old file keeps reading the old bytes, no temporary file stays', async () => {
    const directory = path.join(home, 'atomic');
    const file = path.join(directory, 'provstudio-0123456789abcdef.validate.v8-1-x64.cache');
    await writeCodeCache(file, Buffer.from('old cache bytes'), '0123456789abcdef');
    const reader = openSync(file, 'r');
    try {
      await writeCodeCache(file, Buffer.from('new cache, longer than the old one'), '0123456789abcdef');
      const seen = Buffer.alloc(64);
      const length = readSync(reader, seen, 0, seen.length, 0);
      expect(seen.subarray(0, length).toString()).toBe('old cache bytes');
    } finally {
      closeSync(reader);
    }
    expect(readCodeCache(file)?.toString()).toBe('new cache, longer than the old one');
    expect(readdirSync(directory)).toEqual([path.basename(file)]);
  });

  it('a folder that cannot be written leaves no file and throws nothing', async () => {
    const directory = path.join(home, 'read-only');
    mkdirSync(directory);
    chmodSync(directory, 0o500);
    try {
      await expect(writeCodeCache(path.join(directory, 'provstudio-0123456789abcdef.help.v8-1-x64.cache'), Buffer.from('x'), '0123456789abcdef')).resolves.toBeUndefined();
      // root may write anyway; either way nothing but the cache file itself can be there.
      expect(readdirSync(directory).every((name) => name.endsWith('.cache'))).toBe(true);
    } finally {
      chmodSync(directory, 0o700);
    }
  });
});
