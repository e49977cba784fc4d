// The edit engine: tree operations as minimal text edits (see docs/editing.md).
export * from './text-edits';
export * from './operations';
export * from './session';
export * from './xpath';
export * from './trusted-certificates';
export * from './form-changes';
