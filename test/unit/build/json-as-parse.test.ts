// The build's JSON plugin (scripts/json-as-parse.mjs): a large JSON module becomes JSON.parse of
// its text, with the same data; the built CLI carries the schema model that way.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_PARSE_FROM_BYTES, jsonParseModule } from '../../../scripts/json-as-parse.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const MODEL = path.join(ROOT, 'shared/common/schema-model/generated/schema-model.json');

/** Evaluates an ES module's text and returns its default export. */
async function defaultExport(moduleText: string): Promise<unknown> {
  const url = `data:text/javascript;base64,${Buffer.from(moduleText).toString('base64')}`;
  return ((await import(/* @vite-ignore */ url)) as { default: unknown }).default;
}

describe('json-as-parse build plugin', () => {
  it('turns the schema model into JSON.parse of a string that gives the same data', async () => {
    const text = readFileSync(MODEL, 'utf8');
    expect(text.length).toBeGreaterThan(JSON_PARSE_FROM_BYTES);
    const moduleText = jsonParseModule(text);
    expect(moduleText.startsWith('export default JSON.parse(')).toBe(true);
    expect(await defaultExport(moduleText)).toEqual(JSON.parse(text));
  });

  it('keeps characters JSON and JavaScript treat differently (line separators, quotes, backslashes)', async () => {
    const value = { text: 'a\u2028b\u2029c "quoted" \\ back `tick` ${not} é', list: [1, null, true] };
    expect(await defaultExport(jsonParseModule(JSON.stringify(value)))).toEqual(value);
  });

  it('the built CLI parses the schema model from a string, not from an object literal', () => {
    const directory = path.join(ROOT, 'dist/cli');
    const chunk = readdirSync(directory)
      .filter((name) => /\.m?js$/.test(name))
      .map((name) => readFileSync(path.join(directory, name), 'utf8'))
      .find((source) => /^\/\/ shared\/common\/schema-model\/generated\/schema-model\.json$/m.test(source));
    expect(chunk).toBeDefined();
    // The chunk lists its modules at its top (scripts/cli-script.mjs); the model is its JSON.parse.
    expect(chunk).toMatch(/^\/\/ shared\/common\/schema-model\/generated\/schema-model\.json$/m);
    expect(chunk).toMatch(/^var schema_model_default = JSON\.parse\(/m);
  });
});
