// Recovery copies: the renderer sends unsaved text a moment after each edit; after a crash the
// next start offers to restore it. One JSON file per document, written atomically, readable by
// the user only (the folder and its parent, the data folder, are 0700; the files 0600).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RecoveryCopy } from '../../common/ipc';
import { isSaveTemporaryName, writeFileAtomic } from './atomic-write';
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from './private-folder';

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidDocumentId(documentId: string): boolean {
  return DOCUMENT_ID.test(documentId);
}

export class RecoveryStore {
  constructor(private readonly directory: string) {}

  private fileOf(documentId: string): string {
    if (!isValidDocumentId(documentId)) throw new Error(`invalid document id ${JSON.stringify(documentId)}`);
    return path.join(this.directory, `${documentId}.json`);
  }

  async write(copy: RecoveryCopy): Promise<void> {
    await ensurePrivateDirectory(path.dirname(this.directory));
    await ensurePrivateDirectory(this.directory);
    await writeFileAtomic(this.fileOf(copy.documentId), Buffer.from(JSON.stringify(copy), 'utf8'), { mode: PRIVATE_FILE_MODE });
  }

  async discard(documentId: string): Promise<void> {
    await fs.rm(this.fileOf(documentId), { force: true });
  }

  async list(): Promise<RecoveryCopy[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.directory);
    } catch {
      return [];
    }
    const copies: RecoveryCopy[] = [];
    for (const name of names.filter((entry) => entry.endsWith('.json') && !isSaveTemporaryName(entry)).sort()) {
      try {
        const copy = JSON.parse(await fs.readFile(path.join(this.directory, name), 'utf8')) as RecoveryCopy;
        if (typeof copy.text === 'string' && isValidDocumentId(copy.documentId)) copies.push(copy);
      } catch {
        // A damaged copy is skipped, not fatal; the file stays for a person to look at.
      }
    }
    return copies.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  }
}
