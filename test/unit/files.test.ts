import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostError } from '../../shared/common/ipc';
import { detectLineEnding, preferredLineEnding } from '../../shared/common/text/line-endings';
import { AtomicWriteError, sha256Hex, writeFileAtomic } from '../../shared/node/files/atomic-write';
import { listDirectory, readDocument, saveDocument } from '../../shared/node/files/documents';
import { DecodeError, EncodeError, decodeText, encodeText, firstInvalidUtf8Offset } from '../../shared/node/files/encoding';

const temporaryDirectory = () => mkdtempSync(path.join(os.tmpdir(), 'provstudio-files-'));
const isRoot = process.getuid?.() === 0;

describe('text encodings', () => {
  const text = 'Opérateur «Contoso» — 日本 😀\r\n<a/>';

  it.each(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const)('round-trips %s byte for byte', (encoding) => {
    const bytes = encodeText(text, encoding);
    const decoded = decodeText(bytes);
    expect(decoded).toEqual({ text, encoding });
    expect(encodeText(decoded.text, decoded.encoding).equals(bytes)).toBe(true);
  });

  it('reports the offset of the first invalid UTF-8 byte', () => {
    const bytes = Buffer.concat([Buffer.from('<a>ok</a>'), Buffer.from([0xc3, 0x28])]);
    expect(firstInvalidUtf8Offset(bytes)).toBe(9);
    expect(() => decodeText(bytes)).toThrow(DecodeError);
    expect(firstInvalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // encoded surrogate
    expect(firstInvalidUtf8Offset(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
  });

  it('refuses to write a lone surrogate instead of replacing it silently', () => {
    expect(() => encodeText('a\nb\ud800c', 'utf-8')).toThrow(EncodeError);
  });

  it('detects line endings', () => {
    expect(detectLineEnding('a\r\nb\r\n')).toBe('crlf');
    expect(detectLineEnding('a\nb\n')).toBe('lf');
    expect(detectLineEnding('a\r\nb\n')).toBe('mixed');
    expect(detectLineEnding('a')).toBe('none');
    expect(preferredLineEnding('a\r\nb\n')).toBe('crlf');
  });
});

describe('atomic save', () => {
  it('replaces the file and leaves no temporary file', async () => {
    const directory = temporaryDirectory();
    const target = path.join(directory, 'file.xml');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    await writeFileAtomic(target, Buffer.from('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual(['file.xml']);
  });

  it('writes through a symbolic link, keeping the link', async () => {
    const directory = temporaryDirectory();
    writeFileSync(path.join(directory, 'real.xml'), 'old');
    symlinkSync(path.join(directory, 'real.xml'), path.join(directory, 'link.xml'));
    await writeFileAtomic(path.join(directory, 'link.xml'), Buffer.from('new'));
    expect(readFileSync(path.join(directory, 'real.xml'), 'utf8')).toBe('new');
  });

  it('refuses when the file changed on disk since it was read, and changes nothing', async () => {
    const directory = temporaryDirectory();
    const target = path.join(directory, 'file.xml');
    writeFileSync(target, 'version 1');
    const digest = sha256Hex(readFileSync(target));
    writeFileSync(target, 'version 2 by another program');
    await expect(writeFileAtomic(target, Buffer.from('mine'), { expectedSha256: digest })).rejects.toMatchObject({ kind: 'changedOnDisk' });
    expect(readFileSync(target, 'utf8')).toBe('version 2 by another program');
  });

  it('refuses to overwrite when asked not to', async () => {
    const directory = temporaryDirectory();
    const target = path.join(directory, 'file.xml');
    writeFileSync(target, 'keep');
    await expect(writeFileAtomic(target, Buffer.from('x'), { refuseOverwrite: true })).rejects.toMatchObject({ kind: 'exists' });
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(readdirSync(directory)).toEqual(['file.xml']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(writeFileAtomic('/nonexistent-folder/x.xml', Buffer.from('x'))).rejects.toBeInstanceOf(AtomicWriteError);
  });

  // Root ignores folder permissions, so this case can only be observed as an ordinary user.
  it.skipIf(isRoot)('fails cleanly in a read-only folder, leaving the file as it was', async () => {
    const directory = temporaryDirectory();
    const target = path.join(directory, 'file.xml');
    writeFileSync(target, 'original');
    chmodSync(directory, 0o500);
    try {
      await expect(saveDocument({ path: target, text: 'new', encoding: 'utf-8' })).rejects.toMatchObject({ code: 'file.saveFailed' });
      expect(readFileSync(target, 'utf8')).toBe('original');
    } finally {
      chmodSync(directory, 0o700);
    }
  });

  it('fails cleanly on an I/O error, leaving the file and folder as they were', async () => {
    const directory = temporaryDirectory();
    const target = path.join(directory, 'file.xml');
    writeFileSync(target, 'original');
    // A path below a regular file: creating the temporary file fails (ENOTDIR), even for root.
    await expect(saveDocument({ path: path.join(target, 'child.xml'), text: 'x', encoding: 'utf-8' })).rejects.toMatchObject({
      code: 'file.saveFailed',
    });
    expect(readFileSync(target, 'utf8')).toBe('original');
    expect(readdirSync(directory)).toEqual(['file.xml']);
  });
});

describe('documents', () => {
  it('keeps a CRLF, BOM file byte for byte when saved unchanged', async () => {
    const directory = temporaryDirectory();
    const target = path.join(directory, 'bom.xml');
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0"?>\r\n<!-- é -->\r\n<a/>\r\n')]);
    writeFileSync(target, original);
    const opened = await readDocument(target);
    expect(opened.encoding).toBe('utf-8-bom');
    expect(opened.lineEnding).toBe('crlf');
    await saveDocument({ path: target, text: opened.text, encoding: opened.encoding, expectedDiskSha256: opened.diskSha256 });
    expect(readFileSync(target).equals(original)).toBe(true);
  });

  it('gives errors the user can act on', async () => {
    const directory = temporaryDirectory();
    await expect(readDocument(path.join(directory, 'missing.xml'))).rejects.toMatchObject({ code: 'file.notFound' });
    await expect(readDocument(directory)).rejects.toMatchObject({ code: 'file.isDirectory' });
    await expect(readDocument('relative.xml')).rejects.toMatchObject({ code: 'path.notAbsolute' });
    writeFileSync(path.join(directory, 'latin1.xml'), Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]));
    const error = await readDocument(path.join(directory, 'latin1.xml')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).params).toMatchObject({ offset: 3, encoding: 'utf-8' });
  });

  it('lists folders first, then files, without hidden entries', async () => {
    const directory = temporaryDirectory();
    writeFileSync(path.join(directory, 'b.xml'), '<b/>');
    writeFileSync(path.join(directory, '.hidden'), '');
    mkdirSync(path.join(directory, 'z-folder'));
    const listing = await listDirectory(directory);
    expect(listing.entries.map((entry) => `${entry.kind}:${entry.name}`)).toEqual(['directory:z-folder', 'file:b.xml']);
    expect(listing.parent).toBe(path.dirname(directory));
  });
});
