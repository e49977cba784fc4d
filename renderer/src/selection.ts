// The selected element, shared by the views of a document (tree, forms, text), is an element path
// (shared/common/xml/element-path.ts): plain data that survives re-parses.
export { ancestorPaths, innermostElementAt, pathAtOffset, pathKey, pathOf, resolvePath, samePath, type ElementPath } from '../../shared/common/xml/element-path';
