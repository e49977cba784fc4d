// The landing-page kit (`provstudio website init DIR`): copies examples/website (the page: HTML,
// CSS, one script; the server built on the library's per-subscriber endpoint) and the example
// template, bindings and subscribers of examples/bulk into DIR, writes the page's messages.json from
// our catalogues (the `kit.*` keys, en/fr/pt) and points server.mjs at this installation's library.
// DIR must be new or empty: nothing of the user's is overwritten. The files are written into a
// temporary folder beside DIR and renamed into place, so DIR is complete or absent.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CATALOGUES, LANGUAGES, type Language } from '../../common/i18n/index';

/** The files written, relative to DIR. */
export const KIT_FILES = ['site/index.html', 'site/style.css', 'site/landing.js', 'site/messages.json', 'server.mjs', 'template.xml', 'template.bindings.json', 'subscribers.csv'] as const;

export class KitError extends Error {
  constructor(
    readonly code: 'notEmpty' | 'sourceMissing',
    readonly target: string,
  ) {
    super(`${code}: ${target}`);
  }
}

/** The first folder up from this module (or bundle) holding `relative`. */
function findUp(relative: string): string | null {
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (let directory = here; directory !== path.dirname(directory); directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, relative))) return directory;
  }
  return null;
}

/** The installation's root (the folder holding examples/website and dist/lib). */
export function kitSourceRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PROVSTUDIO_ROOT) return path.resolve(env.PROVSTUDIO_ROOT);
  const root = findUp('examples/website/site/index.html');
  if (!root) throw new KitError('sourceMissing', 'examples/website');
  return root;
}

/** The page's messages: each language's `kit.*` messages without the prefix. */
export function kitMessages(): Record<Language, Record<string, string>> {
  const messages = {} as Record<Language, Record<string, string>>;
  for (const language of LANGUAGES) {
    const catalogue = CATALOGUES[language] as Record<string, string>;
    const english = CATALOGUES.en as Record<string, string>;
    messages[language] = {};
    for (const key of Object.keys(english)) if (key.startsWith('kit.')) messages[language][key.slice(4)] = catalogue[key] ?? english[key]!;
  }
  return messages;
}

const LIBRARY_LINE = /^const LIBRARY = process\.env\.PROVSTUDIO_LIBRARY \?\? .*;$/m;

/** server.mjs with the library's location written in (a file URL). */
export function serverWithLibrary(serverText: string, libraryPath: string): string {
  if (!LIBRARY_LINE.test(serverText)) throw new KitError('sourceMissing', 'server.mjs LIBRARY');
  return serverText.replace(LIBRARY_LINE, `const LIBRARY = process.env.PROVSTUDIO_LIBRARY ?? ${JSON.stringify(pathToFileURL(libraryPath).href)};`);
}

export async function writeLandingKit(target: string, root: string = kitSourceRoot()): Promise<{ files: string[] }> {
  const absolute = path.resolve(target);
  const existing = await fs.readdir(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing && existing.length > 0) throw new KitError('notEmpty', absolute);
  const library = path.join(root, 'dist/lib/provstudio.mjs');
  if (!existsSync(library)) throw new KitError('sourceMissing', library);

  const read = (relative: string) => fs.readFile(path.join(root, relative));
  const contents: Record<(typeof KIT_FILES)[number], Uint8Array | string> = {
    'site/index.html': await read('examples/website/site/index.html'),
    'site/style.css': await read('examples/website/site/style.css'),
    'site/landing.js': await read('examples/website/site/landing.js'),
    'site/messages.json': JSON.stringify(kitMessages(), null, 2) + '\n',
    'server.mjs': serverWithLibrary((await read('examples/website/server.mjs')).toString('utf8'), library),
    'template.xml': await read('examples/bulk/template.xml'),
    'template.bindings.json': await read('examples/bulk/template.bindings.json'),
    'subscribers.csv': await read('examples/bulk/subscribers.csv'),
  };

  const staging = `${absolute}.provstudio-${process.pid}.tmp`;
  await fs.rm(staging, { recursive: true, force: true });
  try {
    for (const [relative, content] of Object.entries(contents)) {
      await fs.mkdir(path.dirname(path.join(staging, relative)), { recursive: true });
      await fs.writeFile(path.join(staging, relative), content);
    }
    if (existing) await fs.rmdir(absolute);
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    await fs.rename(staging, absolute);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { files: [...KIT_FILES] };
}
