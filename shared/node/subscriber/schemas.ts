// The schemas/ folder of this installation, for the hosts and the library (the CLI has its own
// --schemas lookup in cli/commands/validate.ts): PROVSTUDIO_SCHEMAS, else the first folder up from
// this bundle (dist/cli, dist/electron, dist/lib) or source file that holds schemas/provisioning.xsd.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findSchemaDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PROVSTUDIO_SCHEMAS) return path.resolve(env.PROVSTUDIO_SCHEMAS);
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (let directory = here; directory !== path.dirname(directory); directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'schemas', 'provisioning.xsd'))) return path.join(directory, 'schemas');
  }
  throw new Error('the schemas folder was not found; set PROVSTUDIO_SCHEMAS');
}

/** Every *.xsd of the folder by file name (the driver imports its siblings by name). */
export function readSchemaFiles(directory: string = findSchemaDirectory()): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory)) if (name.endsWith('.xsd')) files[name] = readFileSync(path.join(directory, name), 'utf8');
  return files;
}
