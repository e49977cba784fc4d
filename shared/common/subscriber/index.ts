// One file per subscriber: bindings (the sidecar), compiled templates and rendering of rows.
// See docs/subscribers.md.
export * from './bindings';
export * from './template';
export * from './progress';
