// One parse per version of a Monaco model, shared by the tree, the language features (hover,
// folding, formatting) and the selection. Parsing is never done per keystroke: callers ask for
// it lazily (debounced, or when a feature is invoked), and large documents
// (shared/common/language/large-documents.ts) are not parsed for these features at all.
import { isLargeDocument, megabytes } from '../../../shared/common/language/large-documents';
import { parseXml, type XmlParseResult } from '../../../shared/common/xml/parse';
import type { monaco } from './monaco';

interface CacheEntry {
  versionId: number;
  result: XmlParseResult;
}

const cache = new WeakMap<monaco.editor.ITextModel, CacheEntry>();

export function isLargeModel(model: monaco.editor.ITextModel): boolean {
  return isLargeDocument(model.getValueLength());
}

/** Size in MB (one decimal) for messages. */
export function sizeInMegabytes(model: monaco.editor.ITextModel): string {
  return megabytes(model.getValueLength());
}

/** The parse of the model's current text (cached per version); null for large models. */
export function parseModel(model: monaco.editor.ITextModel): XmlParseResult | null {
  if (model.isDisposed() || isLargeModel(model)) return null;
  const versionId = model.getVersionId();
  const cached = cache.get(model);
  if (cached && cached.versionId === versionId) return cached.result;
  const result = parseXml(model.getValue());
  cache.set(model, { versionId, result });
  return result;
}

/** The cached parse when it is of the current version, without parsing. */
export function cachedParse(model: monaco.editor.ITextModel): XmlParseResult | null {
  const cached = cache.get(model);
  return cached && cached.versionId === model.getVersionId() ? cached.result : null;
}
