// The Monaco adapter of the XML language features (shared/common/language/): completion, hover,
// document formatting (refused when the text does not parse) and folding by element, from the
// bundled schema model. This file only converts offsets and plain items to Monaco's types.
// Registered once for the 'xml' language; messages follow the UI language through
// setXmlLanguageTranslator. Large documents (see parsed-model.ts) get none of these features;
// Monaco's own indentation folding still works there.
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { completionItemsAt, type CompletionItem } from '../../../shared/common/language/completion';
import { foldingRanges } from '../../../shared/common/language/folding';
import { formatEdits } from '../../../shared/common/language/formatting';
import { hoverAt, hoverMarkdown } from '../../../shared/common/language/hover';
import type { Translate } from '../i18n';
import { monaco } from './monaco';
import { rangeBetween } from './offset-ranges';
import { isLargeModel, parseModel } from './parsed-model';

let translate: Translate = (key) => key;
let registered = false;

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
  const items = completionItemsAt(BUNDLED_SCHEMA_MODEL, model.getValue(), model.getOffsetAt(position), translate);
  return { suggestions: items.map((item) => toMonacoItem(model, item)) };
}

function provideHover(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.Hover | null {
  const parsed = parseModel(model);
  if (!parsed?.ok) return null;
  const info = hoverAt(BUNDLED_SCHEMA_MODEL, parsed.document, model.getOffsetAt(position));
  if (!info) return null;
  return { range: rangeBetween(model, info.start, info.end), contents: hoverMarkdown(info, translate).map(markdown) };
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
    provideFoldingRanges: (model) => {
      const parsed = parseModel(model);
      if (!parsed?.ok) return null;
      return foldingRanges(parsed.document).map((range) => ({
        start: range.start,
        end: range.end,
        ...(range.comment ? { kind: monaco.languages.FoldingRangeKind.Comment } : {}),
      }));
    },
  });
}
