// Validation: the orchestrator that runs the schema verdict (schema/) and the lint rules (lint/)
// as peers. Callers validate through here.
export * from './validator';
