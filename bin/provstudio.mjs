#!/usr/bin/env node
// provstudio entry point. The TypeScript sources are bundled into dist/ by `npm run build`,
// which `npm ci` / `npm install` run automatically (the "prepare" script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/provstudio.mjs', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error('provstudio has not been built yet. Run: npm run build');
  process.exit(2);
}
await import(built.href);
