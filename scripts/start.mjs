// `npm start`: the desktop window when the Electron binary is installed; otherwise the same app
// served to a browser by `provstudio serve` (the Electron binary is downloaded from GitHub at
// install time, which offline machines skip with ELECTRON_SKIP_BINARY_DOWNLOAD=1).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-needed'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const binary = electronBinary();
const extraArgs = process.argv.slice(2);
const child = binary
  ? spawn(binary, [root, ...extraArgs], { stdio: 'inherit' })
  : (console.log(
      'The Electron binary is not installed (npm skipped its download), so Provisioning Studio opens in your browser instead; ' +
        'run `npm install electron` with internet access to get the desktop window.',
    ),
    spawn(process.execPath, [path.join(root, 'bin/provstudio.cjs'), 'serve', '--open', ...extraArgs], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
