// The generated file's layout: valid JSON with one element or type per line, so a schema change
// shows up in a review as a few changed lines rather than one giant one.
import type { SchemaModel } from './types';

function recordLines(record: Record<string, unknown>): string {
  const entries = Object.entries(record).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n }`;
}

export function serializeSchemaModel(model: SchemaModel): string {
  return (
    '{\n' +
    ` "format": ${JSON.stringify(model.format)},\n` +
    ` "namespaces": ${recordLines(model.namespaces)},\n` +
    ` "substitutionGroups": ${recordLines(model.substitutionGroups)},\n` +
    ` "elements": ${recordLines(model.elements)},\n` +
    ` "types": ${recordLines(model.types)}\n` +
    '}\n'
  );
}
