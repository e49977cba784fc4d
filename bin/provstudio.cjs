#!/usr/bin/env node
// provstudio entry point. The TypeScript sources are bundled into dist/ by `npm run build`, which
// `npm ci` / `npm install` run automatically (the "prepare" script). CommonJS, as is the launcher
// it starts: an ES module entry would make Node load its ES module loader first (docs/performance.md).
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'dist', 'cli', 'provstudio.cjs');
if (!existsSync(built)) {
  console.error('provstudio has not been built yet. Run: npm run build');
  process.exit(2);
}
require(built);
