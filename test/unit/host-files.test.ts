// The host's file channels as an attacker (or an unlucky user) would use them: devices and FIFOs,
// files that grow while read, concurrent saves, files changed on disk, symbolic links planted in a
// chosen folder, stale temporaries, and the privacy of the data folder.
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostHandlers } from '../../shared/common/ipc';
import { isSaveTemporaryName, sha256Hex } from '../../shared/node/files/atomic-write';
import { FileTooLargeError, NotRegularFileError, readRegularFile } from '../../shared/node/files/regular-file';
import { createHostHandlers, dispatch } from '../../shared/node/host';

const temporaryDirectory = () => mkdtempSync(path.join(os.tmpdir(), 'provstudio-hostfiles-'));

function browserHost(dataDirectory = temporaryDirectory()): HostHandlers {
  return createHostHandlers({ dataDirectory, kind: 'browser', version: '1', askSecret: async () => null, secretPrompt: 'promptPage' });
}

describe('file.read reads regular files only, within the limit', () => {
  it('refuses /dev/zero and a FIFO without reading or blocking', async () => {
    const host = browserHost();
    await expect(dispatch(host, 'file.read', { path: '/dev/zero' })).rejects.toMatchObject({ code: 'file.notRegular' });
    await expect(dispatch(host, 'file.read', { path: '/dev/urandom' })).rejects.toMatchObject({ code: 'file.notRegular' });
    const fifo = path.join(temporaryDirectory(), 'pipe.xml');
    execFileSync('mkfifo', [fifo]);
    // No writer ever opens the FIFO: a blocking open would hang this test (and the I/O pool).
    await expect(dispatch(host, 'file.read', { path: fifo })).rejects.toMatchObject({ code: 'file.notRegular' });
    await expect(readRegularFile(fifo, 10)).rejects.toBeInstanceOf(NotRegularFileError);
  });

  it('enforces the byte limit while reading, not from stat (a /proc file has size 0)', async () => {
    expect(statSync('/proc/self/maps').size).toBe(0);
    await expect(readRegularFile('/proc/self/maps', 16)).rejects.toBeInstanceOf(FileTooLargeError);
    const file = path.join(temporaryDirectory(), 'a.xml');
    writeFileSync(file, 'x'.repeat(100));
    expect((await readRegularFile(file, 100)).length).toBe(100);
    await expect(readRegularFile(file, 99)).rejects.toBeInstanceOf(FileTooLargeError);
  });
});

describe('saves', () => {
  it('of ten concurrent saves expecting the same file, exactly one wins; the others get the conflict error', async () => {
    const host = browserHost();
    const target = path.join(temporaryDirectory(), 'doc.xml');
    writeFileSync(target, '<a>original</a>');
    const opened = await dispatch(host, 'file.read', { path: target });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        dispatch(host, 'file.save', { path: target, text: `<a>edit ${index}</a>`, encoding: 'utf-8', expectedDiskSha256: opened.diskSha256 }),
      ),
    );
    const won = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
    expect(won).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'file.changedOnDisk' });
    expect(readFileSync(target, 'utf8')).toBe(`<a>edit ${won[0]}</a>`);
    expect(readdirSync(path.dirname(target))).toEqual(['doc.xml']);
  });

  it('a save while another program rewrites the file never leaves a mixed file', async () => {
    const host = browserHost();
    const directory = temporaryDirectory();
    const target = path.join(directory, 'doc.xml');
    const theirs = (index: number) => `<theirs n="${index}">${'t'.repeat(20000)}</theirs>`;
    const ours = (index: number) => `<ours n="${index}">${'o'.repeat(30000)}</ours>`;
    writeFileSync(target, theirs(0));
    let opened = await dispatch(host, 'file.read', { path: target });
    // Another program rewrites the file over and over, as editors do (a temporary file renamed over
    // it): every read then sees one whole version, so a mixed file could only come from our save.
    // (A program writing in place can be read half-written by anyone; that is not a save of ours.)
    const writer = spawn(process.execPath, [
      '-e',
      `const fs=require('fs');let i=1;const end=Date.now()+1500;const t=${JSON.stringify(target)};while(Date.now()<end){fs.writeFileSync(t+'.other','<theirs n="'+i+'">'+'t'.repeat(20000)+'</theirs>');fs.renameSync(t+'.other',t);i++;}`,
    ]);
    let running = true;
    const exited = new Promise((resolve) => writer.on('exit', resolve)).then(() => (running = false));
    // Start once the other program is writing.
    await expect.poll(() => readFileSync(target, 'utf8').startsWith('<theirs n="0"'), { timeout: 10_000 }).toBe(false);
    let conflicts = 0;
    for (let index = 0; running || index < 20; index++) {
      try {
        const saved = await dispatch(host, 'file.save', { path: target, text: ours(index), encoding: 'utf-8', expectedDiskSha256: opened.diskSha256 });
        opened = { ...opened, diskSha256: saved.diskSha256 };
      } catch (error) {
        expect(error).toMatchObject({ code: 'file.changedOnDisk' });
        conflicts++;
        opened = await dispatch(host, 'file.read', { path: target }).catch(() => opened);
      }
      const now = readFileSync(target, 'utf8');
      // Whole, from one writer or the other.
      expect(/^<ours n="\d+">o{30000}<\/ours>$/.test(now) || /^<theirs n="\d+">t{20000}<\/theirs>$/.test(now), now.slice(0, 80)).toBe(true);
    }
    await exited;
    expect(conflicts).toBeGreaterThan(0);
  });

  it('go only where the user chose: an opened document or a confirmed save target', async () => {
    const host = browserHost();
    const directory = temporaryDirectory();
    const elsewhere = path.join(directory, 'not-chosen.xml');
    await expect(dispatch(host, 'file.save', { path: elsewhere, text: 'x', encoding: 'utf-8' })).rejects.toMatchObject({ code: 'file.notChosen' });
    expect(existsSync(elsewhere)).toBe(false);
    await expect(dispatch(host, 'recovery.write', { documentId: 'd1', path: elsewhere, title: 't', text: 'x', encoding: 'utf-8' })).rejects.toMatchObject({
      code: 'file.notChosen',
    });
    const chosen = path.join(directory, 'chosen.xml');
    await dispatch(host, 'dialog.confirmSaveTarget', { path: chosen });
    await dispatch(host, 'file.save', { path: chosen, text: '<a/>', encoding: 'utf-8', refuseOverwrite: true });
    expect(readFileSync(chosen, 'utf8')).toBe('<a/>');
    const opened = path.join(directory, 'opened.xml');
    writeFileSync(opened, '<b/>');
    await dispatch(host, 'file.read', { path: opened });
    await dispatch(host, 'file.save', { path: opened, text: '<b>2</b>', encoding: 'utf-8' });
    expect(readFileSync(opened, 'utf8')).toBe('<b>2</b>');
  });

  it('with native dialogs, only the dialog names a save target', async () => {
    const directory = temporaryDirectory();
    const picked = path.join(directory, 'picked.xml');
    const host = createHostHandlers({
      dataDirectory: temporaryDirectory(),
      kind: 'electron',
      version: '1',
      askSecret: async () => null,
      secretPrompt: 'window',
      chooseFile: async () => ({ path: picked }),
    });
    await expect(dispatch(host, 'dialog.confirmSaveTarget', { path: path.join(directory, 'other.xml') })).rejects.toMatchObject({ code: 'dialog.nativeOnly' });
    await expect(dispatch(host, 'file.save', { path: path.join(directory, 'other.xml'), text: 'x', encoding: 'utf-8' })).rejects.toMatchObject({ code: 'file.notChosen' });
    await dispatch(host, 'dialog.chooseFile', { purpose: 'save' });
    await dispatch(host, 'file.save', { path: picked, text: '<p/>', encoding: 'utf-8' });
    expect(readFileSync(picked, 'utf8')).toBe('<p/>');
  });

  it('cannot be redirected by a symbolic link planted in the chosen folder', async () => {
    const host = browserHost();
    const directory = temporaryDirectory();
    const victim = path.join(temporaryDirectory(), 'victim.txt');
    writeFileSync(victim, 'precious');

    // A new file chosen, then a link appears under its name.
    const fresh = path.join(directory, 'new.xml');
    await dispatch(host, 'dialog.confirmSaveTarget', { path: fresh });
    symlinkSync(victim, fresh);
    await expect(dispatch(host, 'file.save', { path: fresh, text: 'pwned', encoding: 'utf-8' })).rejects.toMatchObject({ code: 'file.redirected' });

    // An opened document swapped for a link.
    const opened = path.join(directory, 'opened.xml');
    writeFileSync(opened, '<a/>');
    const read = await dispatch(host, 'file.read', { path: opened });
    renameSync(opened, path.join(directory, 'moved.xml'));
    symlinkSync(victim, opened);
    await expect(dispatch(host, 'file.save', { path: opened, text: 'pwned', encoding: 'utf-8', expectedDiskSha256: read.diskSha256 })).rejects.toMatchObject({
      code: 'file.redirected',
    });

    // The chosen folder swapped for a link to another folder.
    const sub = path.join(directory, 'sub');
    mkdirSync(sub);
    const inSub = path.join(sub, 'doc.xml');
    await dispatch(host, 'dialog.confirmSaveTarget', { path: inSub });
    renameSync(sub, path.join(directory, 'sub-moved'));
    symlinkSync(path.dirname(victim), sub);
    await expect(dispatch(host, 'file.save', { path: inSub, text: 'pwned', encoding: 'utf-8' })).rejects.toMatchObject({ code: 'file.redirected' });
    expect(existsSync(path.join(path.dirname(victim), 'doc.xml'))).toBe(false);

    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it('a link that was there when the user opened the file is kept, and the file it names is saved', async () => {
    const host = browserHost();
    const directory = temporaryDirectory();
    const real = path.join(directory, 'real.xml');
    const link = path.join(directory, 'link.xml');
    writeFileSync(real, '<a/>');
    symlinkSync(real, link);
    const opened = await dispatch(host, 'file.read', { path: link });
    await dispatch(host, 'file.save', { path: link, text: '<a>2</a>', encoding: 'utf-8', expectedDiskSha256: opened.diskSha256 });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('<a>2</a>');
  });

  it('clean stale temporaries of our own naming pattern, never show them, and leave other files alone', async () => {
    const host = browserHost();
    const directory = temporaryDirectory();
    const stale = path.join(directory, '.doc.xml.0123456789ab.tmp');
    const fresh = path.join(directory, '.doc.xml.ba9876543210.tmp');
    const notOurs = path.join(directory, '.doc.xml.tmp');
    for (const file of [stale, fresh, notOurs]) writeFileSync(file, 'half a save');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(stale, hourAgo, hourAgo);
    utimesSync(notOurs, hourAgo, hourAgo);
    expect(isSaveTemporaryName(path.basename(stale))).toBe(true);
    expect(isSaveTemporaryName(path.basename(notOurs))).toBe(false);
    const listing = await dispatch(host, 'file.listDirectory', { path: directory });
    expect(listing.entries.map((entry) => entry.name)).toEqual([]);
    const doc = path.join(directory, 'doc.xml');
    await dispatch(host, 'dialog.confirmSaveTarget', { path: doc });
    await dispatch(host, 'file.save', { path: doc, text: '<a/>', encoding: 'utf-8' });
    // The stale one is gone; one that may belong to a save in progress, and files not ours, stay.
    expect(readdirSync(directory).sort()).toEqual(['.doc.xml.ba9876543210.tmp', '.doc.xml.tmp', 'doc.xml']);
  });
});

describe('the data folder', () => {
  it('is 0700 and its files 0600, also when it existed before with looser permissions', async () => {
    const dataDirectory = path.join(temporaryDirectory(), 'data');
    mkdirSync(dataDirectory, { mode: 0o755 });
    chmodSync(dataDirectory, 0o755);
    writeFileSync(path.join(dataDirectory, 'recent.json'), '[]', { mode: 0o644 });
    const host = browserHost(dataDirectory);
    const document = path.join(temporaryDirectory(), 'secret.xml');
    writeFileSync(document, '<a/>');
    await dispatch(host, 'file.read', { path: document });
    await dispatch(host, 'recent.add', { path: document });
    await dispatch(host, 'settings.update', { theme: 'dark' });
    await dispatch(host, 'recovery.write', { documentId: 'doc-1', path: document, title: 'secret.xml', text: '<Password>hunter2</Password>', encoding: 'utf-8' });
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(dataDirectory)).toBe(0o700);
    expect(mode(path.join(dataDirectory, 'recovery'))).toBe(0o700);
    expect(mode(path.join(dataDirectory, 'recent.json'))).toBe(0o600);
    expect(mode(path.join(dataDirectory, 'settings.json'))).toBe(0o600);
    expect(mode(path.join(dataDirectory, 'recovery', 'doc-1.json'))).toBe(0o600);
  });

  it('restores recovery copies to their documents (a copy from the private folder is a save target)', async () => {
    const dataDirectory = temporaryDirectory();
    const document = path.join(temporaryDirectory(), 'doc.xml');
    writeFileSync(document, '<a/>');
    const first = browserHost(dataDirectory);
    await dispatch(first, 'file.read', { path: document });
    await dispatch(first, 'recovery.write', { documentId: 'doc-1', path: document, title: 'doc.xml', text: '<a>unsaved</a>', encoding: 'utf-8' });
    // After a crash: a new host, the same data folder.
    const second = browserHost(dataDirectory);
    const [copy] = await dispatch(second, 'recovery.list', undefined);
    await dispatch(second, 'file.save', { path: copy!.path!, text: copy!.text, encoding: copy!.encoding, expectedDiskSha256: sha256Hex(readFileSync(document)) });
    expect(readFileSync(document, 'utf8')).toBe('<a>unsaved</a>');
  });
});

describe('the PKCS#11 module named by the page', () => {
  it('is loaded only from an absolute path to a file, never a bare name through the library search path', async () => {
    const host = browserHost();
    const store = (modulePath: string) => ({ store: { kind: 'pkcs11', modulePath } });
    for (const bare of ['libsofthsm2.so', 'softhsm/libsofthsm2.so', './libsofthsm2.so', 'opensc-pkcs11.dll']) {
      await expect(dispatch(host, 'signing.listIdentities', store(bare))).rejects.toMatchObject({
        code: 'signing.pkcs11ModuleRefused',
        messageKey: 'error.signing.pkcs11Module.notAbsolute',
      });
    }
    for (const missing of ['/nonexistent/libevil.so', '/usr/lib', '/dev/zero']) {
      await expect(dispatch(host, 'signing.listIdentities', store(missing))).rejects.toMatchObject({ messageKey: 'error.signing.pkcs11Module.notFile' });
    }
    await expect(
      dispatch(host, 'signing.sign', { text: '<a/>', encoding: 'utf-8', store: store('libsofthsm2.so').store, identityId: 'x', digest: 'sha256', includeChain: false }),
    ).rejects.toMatchObject({ code: 'signing.pkcs11ModuleRefused' });
  });

  it('passes the check when it is the real SoftHSM module', async () => {
    const { kinds, pkcs11Modules } = await dispatch(browserHost(), 'signing.keyStores', undefined);
    expect(kinds).toContain('pkcs11');
    const softhsm = pkcs11Modules.find((candidate) => candidate.includes('softhsm'));
    expect(softhsm).toBeDefined();
    const outcome = await dispatch(browserHost(), 'signing.listIdentities', { store: { kind: 'pkcs11', modulePath: softhsm! } }).catch((error: unknown) => error);
    expect(outcome).not.toMatchObject({ code: 'signing.pkcs11ModuleRefused' });
  });
});
