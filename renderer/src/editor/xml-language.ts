// XML language features of the editor, from the bundled schema model: completion (elements the
// schema allows at the cursor, attributes, enumeration values), hover (documentation and type
// facts), document formatting (re-indent only, refused when the text does not parse) and
// folding by element. Registered once for the 'xml' language; messages follow the UI language
// through setXmlLanguageTranslator. Large documents (see parsed-model.ts) get none of the
// parse-based features; Monaco's own indentation folding still works there.
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import type { Translate } from '../i18n';
import { monaco } from './monaco';
import { isLargeModel, parseModel } from './parsed-model';
import {
  attributeSuggestions,
  completionContextAt,
  elementContextInContent,
  elementSuggestions,
  foldingRanges,
  formatEdits,
  hoverAt,
  valueSuggestions,
  type CompletionContext,
} from './xml-assist';

let translate: Translate = (key) => key;
let registered = false;

export function setXmlLanguageTranslator(t: Translate): void {
  translate = t;
}

function rangeBetween(model: monaco.editor.ITextModel, start: number, end: number): monaco.Range {
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(end);
  return new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
}

function markdown(text: string): monaco.IMarkdownString {
  return { value: text, isTrusted: false, supportHtml: false };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!<>|])/g, '\\$1');
}

function elementItems(model: monaco.editor.ITextModel, context: Extract<CompletionContext, { kind: 'element' }>): monaco.languages.CompletionItem[] {
  const range = rangeBetween(model, context.replaceStart, context.replaceEnd);
  return elementSuggestions(BUNDLED_SCHEMA_MODEL, context).map((suggestion, index) => ({
    label: { label: suggestion.label, description: suggestion.namespace.replace(/^http:\/\/www\.microsoft\.com\/networking\//, '') },
    kind: monaco.languages.CompletionItemKind.Module,
    insertText: suggestion.snippet,
    insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
    filterText: `${context.withBracket ? '<' : ''}${suggestion.label}`,
    sortText: String(index).padStart(4, '0'),
    range,
    ...(suggestion.documentation ? { documentation: markdown(escapeMarkdown(suggestion.documentation)) } : {}),
  }));
}

function provideCompletion(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.CompletionList {
  if (isLargeModel(model)) return { suggestions: [] };
  const text = model.getValue();
  const offset = model.getOffsetAt(position);
  const context = completionContextAt(text, offset);
  if (!context) return { suggestions: [] };
  switch (context.kind) {
    case 'element':
      return { suggestions: elementItems(model, context) };
    case 'attribute': {
      const range = rangeBetween(model, context.replaceStart, context.replaceEnd);
      return {
        suggestions: attributeSuggestions(BUNDLED_SCHEMA_MODEL, context).map((attribute) => ({
          label: attribute.name,
          kind: monaco.languages.CompletionItemKind.Property,
          insertText: `${attribute.name}="$0"`,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          sortText: `${attribute.use === 'required' ? '0' : '1'}${attribute.name}`,
          range,
          ...(attribute.use === 'required' ? { detail: translate('xml.hover.required') } : {}),
          ...(attribute.documentation ? { documentation: markdown(escapeMarkdown(attribute.documentation)) } : {}),
        })),
      };
    }
    case 'attributeValue':
    case 'text': {
      const values = valueSuggestions(BUNDLED_SCHEMA_MODEL, context);
      if (values.length === 0 && context.kind === 'text') {
        const elementContext = elementContextInContent(BUNDLED_SCHEMA_MODEL, text, context, offset);
        return { suggestions: elementContext ? elementItems(model, elementContext) : [] };
      }
      const range = rangeBetween(model, context.replaceStart, context.replaceEnd);
      return {
        suggestions: values.map((value, index) => ({
          label: value,
          kind: monaco.languages.CompletionItemKind.EnumMember,
          insertText: value,
          sortText: String(index).padStart(4, '0'),
          range,
        })),
      };
    }
  }
}

function provideHover(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.Hover | null {
  const parsed = parseModel(model);
  if (!parsed?.ok) return null;
  const info = hoverAt(BUNDLED_SCHEMA_MODEL, parsed.document, model.getOffsetAt(position));
  if (!info) return null;
  const contents: monaco.IMarkdownString[] = [markdown(`**${escapeMarkdown(info.title)}**${info.namespace ? ` — \`${info.namespace}\`` : ''}`)];
  contents.push(markdown(info.documentation ? escapeMarkdown(info.documentation) : `*${escapeMarkdown(translate('xml.hover.noDocumentation'))}*`));
  if (info.facts.length > 0) {
    contents.push(markdown(info.facts.map((fact) => `- ${escapeMarkdown(translate(`xml.hover.${fact.key}`, fact.params))}`).join('\n')));
  }
  return { range: rangeBetween(model, info.start, info.end), contents };
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
