// XSD validation of provisioning and results documents (libxml2 in WebAssembly): Windows' verdict.
// Lint is not part of it; shared/common/validation/ runs both.
export * from './roots';
export * from './validator';
export { resolveNodePath, issueToDiagnostic, issuesToDiagnostics, SCHEMA_CODES } from './map-issues';
export { CompiledXsd, INSTANCE_PARSE_OPTIONS, wasmXsdEngine } from './libxml';
export { SchemaCompileError, type CompiledSchemaSet, type LibxmlIssue, type StreamedValidation, type XsdEngine } from './engine';
