// Reading and saving documents on behalf of the renderer, with errors the user can act on.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { HostError, type OpenedFile, type SaveFileRequest, type SavedFile, type DirectoryListing } from '../../common/ipc';
import { detectLineEnding } from '../../common/text/line-endings';
import { AtomicWriteError, isSaveTemporaryName, sha256Hex, writeFileAtomic } from './atomic-write';
import { DecodeError, EncodeError, decodeText, encodeText } from './encoding';
import { FileTooLargeError, NotRegularFileError, readRegularFile } from './regular-file';

export const MAX_OPEN_BYTES = 200 * 1024 * 1024;

function requireAbsolute(filePath: string): void {
  if (!path.isAbsolute(filePath)) throw new HostError('path.notAbsolute', 'error.path.notAbsolute', { path: filePath });
}

function readError(filePath: string, error: unknown): HostError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new HostError('file.notFound', 'error.file.notFound', { path: filePath });
  if (code === 'EISDIR') return new HostError('file.isDirectory', 'error.file.isDirectory', { path: filePath });
  if (code === 'EACCES' || code === 'EPERM') return new HostError('file.accessDenied', 'error.file.accessDenied', { path: filePath });
  return new HostError('file.readFailed', 'error.file.readFailed', { path: filePath, reason: code ?? String(error) });
}

export async function readDocument(filePath: string): Promise<OpenedFile> {
  requireAbsolute(filePath);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(filePath, MAX_OPEN_BYTES);
  } catch (error) {
    if (error instanceof NotRegularFileError) {
      if (error.kind === 'directory') throw new HostError('file.isDirectory', 'error.file.isDirectory', { path: filePath });
      throw new HostError('file.notRegular', 'error.file.notRegular', { path: filePath });
    }
    if (error instanceof FileTooLargeError) {
      throw new HostError('file.tooLarge', 'error.file.tooLarge', {
        path: filePath,
        size: Math.round(error.sizeBytes / 1048576),
        limit: MAX_OPEN_BYTES / 1048576,
      });
    }
    throw readError(filePath, error);
  }
  try {
    const { text, encoding } = decodeText(bytes);
    return { path: filePath, text, encoding, lineEnding: detectLineEnding(text), diskSha256: sha256Hex(bytes), sizeBytes: bytes.length };
  } catch (error) {
    if (error instanceof DecodeError) {
      throw new HostError('file.undecodable', 'error.file.undecodable', { path: filePath, encoding: error.encoding, offset: error.byteOffset });
    }
    throw error;
  }
}

/**
 * Saves `request.text` to `request.path`, or to `writeTo` when given: the real path the host's
 * write scope resolved for `request.path` (a symbolic link found there is replaced, never followed).
 */
export async function saveDocument(request: SaveFileRequest, writeTo?: string): Promise<SavedFile> {
  requireAbsolute(request.path);
  let bytes: Buffer;
  try {
    bytes = encodeText(request.text, request.encoding);
  } catch (error) {
    if (error instanceof EncodeError) {
      throw new HostError('file.unencodable', 'error.file.unencodable', { encoding: error.encoding, character: error.character, line: error.line });
    }
    throw error;
  }
  try {
    await writeFileAtomic(writeTo ?? request.path, bytes, {
      ...(writeTo !== undefined ? { alreadyResolved: true } : {}),
      ...(request.expectedDiskSha256 !== undefined ? { expectedSha256: request.expectedDiskSha256 } : {}),
      ...(request.refuseOverwrite ? { refuseOverwrite: true } : {}),
    });
  } catch (error) {
    if (error instanceof AtomicWriteError) {
      if (error.kind === 'changedOnDisk') throw new HostError('file.changedOnDisk', 'error.file.changedOnDisk', { path: request.path });
      if (error.kind === 'exists') throw new HostError('file.exists', 'error.file.exists', { path: request.path });
      throw new HostError('file.saveFailed', 'error.file.saveFailed', { path: request.path, reason: error.reason });
    }
    throw error;
  }
  return { path: request.path, diskSha256: sha256Hex(bytes), sizeBytes: bytes.length };
}

export async function listDirectory(directory: string): Promise<DirectoryListing> {
  requireAbsolute(directory);
  const resolved = path.resolve(directory);
  let names;
  try {
    names = await fs.readdir(resolved, { withFileTypes: true });
  } catch (error) {
    throw readError(resolved, error);
  }
  const entries = [];
  for (const entry of names) {
    // Hidden files, including the temporary files of saves, are not documents to offer.
    if (entry.name.startsWith('.') || isSaveTemporaryName(entry.name)) continue;
    let isDirectory = entry.isDirectory();
    let sizeBytes: number | undefined;
    if (entry.isSymbolicLink() || entry.isFile()) {
      try {
        const stat = await fs.stat(path.join(resolved, entry.name));
        isDirectory = stat.isDirectory();
        sizeBytes = stat.isFile() ? stat.size : undefined;
      } catch {
        continue;
      }
    }
    if (!isDirectory && sizeBytes === undefined) continue;
    entries.push(isDirectory ? { name: entry.name, kind: 'directory' as const } : { name: entry.name, kind: 'file' as const, sizeBytes });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1));
  const parent = path.dirname(resolved);
  return { path: resolved, parent: parent === resolved ? null : parent, entries };
}
