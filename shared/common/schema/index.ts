// XSD validation of provisioning and results documents (libxml2 in WebAssembly): Windows' verdict.
// Lint is not part of it; shared/common/validation/ runs both.
export * from './roots';
export * from './validator';
export { resolveNodePath, issueToDiagnostic, issuesToDiagnostics, SCHEMA_CODES } from './map-issues';
export { CompiledXsd, INSTANCE_PARSE_OPTIONS, type LibxmlIssue } from './libxml';
