// The schema model (types and queries). The compiled data itself is in ./bundled.
export * from './types';
export * from './queries';
export { checkValue, type ValueProblem } from './value-check';
export { compileSchemaModel, type SchemaCompilation } from './compile';
export { serializeSchemaModel } from './serialize';
