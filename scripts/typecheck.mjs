// Type-checks each layer with only the globals that layer may use (see tsconfig.json files).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const projects = ['shared/common', 'shared/node', 'renderer', 'electron', 'cli', 'test'];
let failed = false;
for (const project of projects) {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, project), '--noEmit'], {
    stdio: 'inherit',
  });
  console.log(`typecheck ${project}: ${result.status === 0 ? 'ok' : 'FAILED'}`);
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
