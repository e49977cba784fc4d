// The Monaco adapter of the XML language features (shared/common/language/): completion, hover,
// document formatting (refused when the text does not parse) and folding by element, from the
// bundled schema model. This file only converts offsets and plain items to Monaco's types.
// Folding ranges come from the folding worker (folding-client.ts), off the main thread; Monaco's
// folding and its sticky scroll (which asks the folding provider too) share one answer per version.
// Registered once for the 'xml' language; messages follow the UI language through
// setXmlLanguageTranslator. Large documents (see parsed-model.ts) get none of these features;
// Monaco's own indentation folding still works there.
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { completionItemsAt, type CompletionItem } from '../../../shared/common/language/completion';
import { formatEdits } from '../../../shared/common/language/formatting';
import { hoverAt, hoverMarkdown } from '../../../shared/common/language/hover';
import type { Translate } from '../i18n';
import { monaco } from './monaco';
import { FoldingClient } from './folding-client';
import { rangeBetween } from './offset-ranges';
import { isLargeModel, parseModel } from './parsed-model';

let translate: Translate = (key) => key;
let registered = false;
let folding: FoldingClient | null = null;

export function setXmlLanguageTranslator(t: Translate): void {
  translate = t;
}

function markdown(text: string): monaco.IMarkdownString {
  return { value: text, isTrusted: false, supportHtml: false };
}

const ITEM_KINDS: Record<CompletionItem['kind'], monaco.languages.CompletionItemKind> = {
  element: monaco.languages.CompletionItemKind.Module,
  attribute: monaco.languages.CompletionItemKind.Property,
  value: monaco.languages.CompletionItemKind.EnumMember,
};

function toMonacoItem(model: monaco.editor.ITextModel, item: CompletionItem): monaco.languages.CompletionItem {
  return {
    label: item.description === undefined ? item.label : { label: item.label, description: item.description },
    kind: ITEM_KINDS[item.kind],
    insertText: item.insertText,
    ...(item.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
    ...(item.filterText !== undefined ? { filterText: item.filterText } : {}),
    sortText: item.sortText,
    range: rangeBetween(model, item.replaceStart, item.replaceEnd),
    ...(item.detail !== undefined ? { detail: item.detail } : {}),
    ...(item.documentation !== undefined ? { documentation: markdown(item.documentation) } : {}),
  };
}

function provideCompletion(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.CompletionList {
  if (isLargeModel(model)) return { suggestions: [] };
  // Quick suggestions ask on almost every keystroke: completion reads the version's shared parse
  // (parsed-model.ts) instead of parsing the whole text again each time.
  const parsed = () => {
    const result = parseModel(model);
    return result?.ok ? result.document : null;
  };
  const items = completionItemsAt(BUNDLED_SCHEMA_MODEL, model.getValue(), model.getOffsetAt(position), translate, parsed);
  return { suggestions: items.map((item) => toMonacoItem(model, item)) };
}

function provideHover(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.Hover | null {
  const parsed = parseModel(model);
  if (!parsed?.ok) return null;
  const info = hoverAt(BUNDLED_SCHEMA_MODEL, parsed.document, model.getOffsetAt(position));
  if (!info) return null;
  return { range: rangeBetween(model, info.start, info.end), contents: hoverMarkdown(info, translate).map(markdown) };
}

async function provideFolding(model: monaco.editor.ITextModel, token: monaco.CancellationToken): Promise<monaco.languages.FoldingRange[] | null> {
  folding ??= new FoldingClient();
  // Ranges are only ever given for the version they were computed for: when the text changed
  // while the worker answered, ask again for the text as it is now.
  while (!token.isCancellationRequested && !model.isDisposed() && !isLargeModel(model)) {
    const version = model.getVersionId();
    const ranges = await folding.rangesFor(model, version);
    if (token.isCancellationRequested || model.isDisposed() || model.getVersionId() !== version) continue;
    return (ranges ?? null)?.map((range) => ({
      start: range.start,
      end: range.end,
      ...(range.comment ? { kind: monaco.languages.FoldingRangeKind.Comment } : {}),
    })) ?? null;
  }
  // Cancelled (the text changed again): Monaco drops whatever comes back, but for a cancelled
  // request it first computes its indentation folding of the whole text as a fallback, whatever
  // the answer (40 ms of the main thread on a 1 MB file, in the middle of the next keystroke).
  // An answer that never comes costs nothing: Monaco's own promise for the request has already
  // been rejected as cancelled, and nothing else waits for this one.
  if (token.isCancellationRequested) return new Promise<never>(() => undefined);
  return null;
}

/** Registers the providers once (idempotent). */
export function registerXmlLanguageFeatures(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider('xml', {
    triggerCharacters: ['<', ' ', '"', "'"],
    provideCompletionItems: (model, position) => provideCompletion(model, position),
  });
  monaco.languages.registerHoverProvider('xml', { provideHover: (model, position) => provideHover(model, position) });
  monaco.languages.registerDocumentFormattingEditProvider('xml', {
    displayName: 'Provisioning Studio',
    provideDocumentFormattingEdits: (model) => {
      const parsed = parseModel(model);
      // Text that does not parse (or is too large) is left exactly as it is.
      if (!parsed?.ok) return [];
      return formatEdits(parsed.document).map((edit) => ({ range: rangeBetween(model, edit.offset, edit.offset + edit.length), text: edit.text }));
    },
  });
  monaco.languages.registerFoldingRangeProvider('xml', {
    provideFoldingRanges: (model, _context, token) => provideFolding(model, token),
  });
}
