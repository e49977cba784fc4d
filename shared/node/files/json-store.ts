// A small JSON document in the app's data folder, read once and written atomically, private to
// the user (folder 0700, file 0600).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from './private-folder';

export class JsonStore<T> {
  constructor(
    private readonly filePath: string,
    private readonly fallback: () => T,
    private readonly sanitise: (raw: unknown) => T,
  ) {}

  async read(): Promise<T> {
    try {
      return this.sanitise(JSON.parse(await fs.readFile(this.filePath, 'utf8')));
    } catch {
      // Missing or damaged: start afresh rather than refusing to start.
      return this.fallback();
    }
  }

  async write(value: T): Promise<void> {
    await ensurePrivateDirectory(path.dirname(this.filePath));
    await writeFileAtomic(this.filePath, Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8'), { mode: PRIVATE_FILE_MODE });
  }
}
