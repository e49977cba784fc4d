// The schema model compiled from schemas/*.xsd by scripts/compile-schema-model.mjs. Importing
// this module puts the model (about 250 kB of JSON) into the bundle; code that receives the
// model another way (e.g. over IPC) should import ./index instead.
import generated from './generated/schema-model.json';
import type { SchemaModel } from './types';

export const BUNDLED_SCHEMA_MODEL: SchemaModel = generated as unknown as SchemaModel;
