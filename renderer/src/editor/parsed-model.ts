// One parse per version of a Monaco model, shared by the tree, the language features (hover,
// folding, formatting) and the selection. Parsing is never done per keystroke: callers ask for
// it lazily (debounced, or when a feature is invoked), and large documents
// (shared/common/language/large-documents.ts) are not parsed for these features at all.
//
// Once a model has been parsed, its edits are kept (each content change of one edit, with the
// version it made); asked for a later version, the parse is derived from the cached one edit by
// edit when every edit stays inside one value (shared/common/xml/incremental-parse.ts), which on a
// 1 MB file takes a fifth of a full parse. Anything else is parsed in full, as before.
import { isLargeDocument, megabytes } from '../../../shared/common/language/large-documents';
import { parseAfterEdit, type SimpleTextEdit } from '../../../shared/common/xml/incremental-parse';
import { parseXml, type XmlParseResult } from '../../../shared/common/xml/parse';
import type { monaco } from './monaco';

interface CacheEntry {
  versionId: number;
  result: XmlParseResult;
  /** The model's edits since `versionId`, one per version in order; null once one cannot be used. */
  edits: SimpleTextEdit[] | null;
}

/** More edits than this since the cached parse: a full parse is as quick as deriving them all. */
const MAX_DERIVED_EDITS = 4;

const cache = new WeakMap<monaco.editor.ITextModel, CacheEntry>();
const followed = new WeakSet<monaco.editor.ITextModel>();

export function isLargeModel(model: monaco.editor.ITextModel): boolean {
  return isLargeDocument(model.getValueLength());
}

/** Size in MB (one decimal) for messages. */
export function sizeInMegabytes(model: monaco.editor.ITextModel): string {
  return megabytes(model.getValueLength());
}

/** Keeps the edits made after the cached parse, while they can still be derived from it. */
function followEdits(model: monaco.editor.ITextModel): void {
  if (followed.has(model)) return;
  followed.add(model);
  model.onDidChangeContent((event) => {
    const entry = cache.get(model);
    if (!entry?.edits) return;
    const change = event.changes[0];
    const expectedVersion = entry.versionId + entry.edits.length + 1;
    if (event.isFlush || event.changes.length !== 1 || !change || event.versionId !== expectedVersion || entry.edits.length >= MAX_DERIVED_EDITS || !entry.result.ok) {
      entry.edits = null;
      return;
    }
    entry.edits.push({ offset: change.rangeOffset, length: change.rangeLength, text: change.text });
  });
}

/** The parse of the current version derived from the cached one, or null. */
function derivedParse(entry: CacheEntry, versionId: number): XmlParseResult | null {
  if (!entry.edits || !entry.result.ok || entry.versionId + entry.edits.length !== versionId) return null;
  let document = entry.result.document;
  for (const edit of entry.edits) {
    const next = parseAfterEdit(document, edit);
    if (!next) return null;
    document = next;
  }
  return { ok: true, document };
}

/** The parse of the model's current text (cached per version); null for large models. */
export function parseModel(model: monaco.editor.ITextModel): XmlParseResult | null {
  if (model.isDisposed() || isLargeModel(model)) return null;
  const versionId = model.getVersionId();
  const cached = cache.get(model);
  if (cached && cached.versionId === versionId) return cached.result;
  let result = cached ? derivedParse(cached, versionId) : null;
  // A derived text that is not the model's would be a bug; the full parse is then the answer.
  if (result?.ok && result.document.text.length !== model.getValueLength()) result = null;
  result ??= parseXml(model.getValue());
  cache.set(model, { versionId, result, edits: [] });
  followEdits(model);
  return result;
}

/** The cached parse when it is of the current version, without parsing. */
export function cachedParse(model: monaco.editor.ITextModel): XmlParseResult | null {
  const cached = cache.get(model);
  return cached && cached.versionId === model.getVersionId() ? cached.result : null;
}
