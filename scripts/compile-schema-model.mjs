// Compiles the authoring schema set (schemas/*.xsd, the newest target's folder and schemas/authoring/;
// see shared/common/windows/targets.ts) into shared/common/schema-model/generated/schema-model.json, the
// schema model the renderer, the worker and the CLI load (element tree, types, facets, docs).
//   node scripts/compile-schema-model.mjs           write the file (only if it changed)
//   node scripts/compile-schema-model.mjs --check   exit 1 when the file is missing or stale
// The compiler is TypeScript (shared/common/schema-model/compile.ts); esbuild bundles it in
// memory so this script needs no build step of its own.
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const schemaDirectory = path.join(root, 'schemas');
const output = path.join(root, 'shared/common/schema-model/generated/schema-model.json');
const check = process.argv.includes('--check');

const bundle = await build({
  stdin: {
    contents: "export { compileSchemaModel } from './compile'; export { serializeSchemaModel } from './serialize'; export { authoringSchemaSet } from '../windows/targets';",
    resolveDir: path.join(root, 'shared/common/schema-model'),
    loader: 'ts',
  },
  bundle: true,
  write: false,
  platform: 'neutral',
  format: 'esm',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const { compileSchemaModel, serializeSchemaModel, authoringSchemaSet } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

const library = {};
for (const entry of readdirSync(schemaDirectory, { recursive: true }).sort()) {
  const name = String(entry).split(path.sep).join('/');
  if (name.endsWith('.xsd')) library[name] = readFileSync(path.join(schemaDirectory, name), 'utf8');
}
const { model, warnings } = compileSchemaModel(authoringSchemaSet(library));
for (const warning of warnings) console.warn(`compile-schema-model: ${warning}`);
const text = serializeSchemaModel(model);
const current = existsSync(output) ? readFileSync(output, 'utf8') : undefined;

if (check) {
  if (current !== text) {
    console.error(`compile-schema-model: ${path.relative(root, output)} is stale; run node scripts/compile-schema-model.mjs`);
    process.exit(1);
  }
  console.log('compile-schema-model: up to date');
} else if (current === text) {
  console.log('compile-schema-model: unchanged');
} else {
  writeFileSync(output, text);
  console.log(`compile-schema-model: wrote ${path.relative(root, output)} (${Object.keys(model.elements).length} elements, ${Object.keys(model.types).length} types)`);
}
