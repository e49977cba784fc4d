// Positioned XML: parse, tree model, positions and the shared diagnostic shape.
export * from './positions';
export * from './diagnostic';
export * from './model';
export * from './parse';
