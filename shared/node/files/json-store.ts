// A small JSON document in the app's data folder, read once and written atomically.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';

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
    await fs.mkdir(path.dirname(this.filePath), { recursive: true });
    await writeFileAtomic(this.filePath, Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8'));
  }
}
