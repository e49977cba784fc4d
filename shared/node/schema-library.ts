// The schema library from disk: every .xsd under a schemas/ folder, keyed by its path relative to
// it with forward slashes ("base.xsd", "windows11/wlan-v1-additions.xsd"); see
// shared/common/windows/targets.ts for how a target's set is picked from it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { SchemaLibrary } from '../common/windows/targets';

export function readSchemaLibrary(directory: string): SchemaLibrary {
  const library: Record<string, string> = {};
  for (const entry of readdirSync(directory, { recursive: true, encoding: 'utf8' }).sort()) {
    const name = entry.split(path.sep).join('/');
    if (name.endsWith('.xsd')) library[name] = readFileSync(path.join(directory, entry), 'utf8');
  }
  return library;
}
