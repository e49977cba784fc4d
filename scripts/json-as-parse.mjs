// An esbuild plugin for the Node bundles: a large JSON module (the schema model, about 250 kB) is
// emitted as `JSON.parse('…')` instead of an object literal. V8 scans a string literal and
// JSON.parse builds the object several times faster than it compiles and runs the same data
// written as JavaScript (measured on `provstudio validate`: the model's chunk cost about 10 ms of
// CPU at every start as a literal, about 3 ms this way). Vite does the same for the renderer
// (its `json.stringify: 'auto'`), so every build reads the JSON the same way.
import { readFileSync } from 'node:fs';

/** From this size on a JSON module is parsed at run time (Vite's threshold). */
export const JSON_PARSE_FROM_BYTES = 10 * 1024;

/** The module for a large JSON text: its default export parsed at run time (the text minified first). */
export function jsonParseModule(text) {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});\n`;
}

export function jsonAsParse() {
  return {
    name: 'json-as-parse',
    setup(build) {
      build.onLoad({ filter: /\.json$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        // Small files keep esbuild's own JSON loader (named imports of top-level keys and all).
        if (text.length < JSON_PARSE_FROM_BYTES) return { contents: text, loader: 'json' };
        return { contents: jsonParseModule(text), loader: 'js' };
      });
    },
  };
}
