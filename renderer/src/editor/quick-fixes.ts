// One-click repairs in the editor: findings that carry a fix (Diagnostic.fix, e.g. PS-L032's
// almost-right namespace) become Monaco quick fixes (the light bulb, Ctrl+.) and the problems
// panel's "Fix" button. The edits are the finding's own minimal replacements, applied as one undoable
// edit, and only while the text they replace is still what was validated.
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { Translate } from '../i18n';
import { monaco } from './monaco';
import { applyOperationsAsOneStep } from './model-edits';

const latest = new WeakMap<monaco.editor.ITextModel, readonly Diagnostic[]>();
let translate: Translate = (key) => key;
let registered = false;

/** The validation worker's newest findings for a model (called by useValidation). */
export function rememberDiagnostics(model: monaco.editor.ITextModel, diagnostics: readonly Diagnostic[]): void {
  latest.set(model, diagnostics);
}

export function setQuickFixTranslator(t: Translate): void {
  translate = t;
}

function textEdits(model: monaco.editor.ITextModel, diagnostic: Diagnostic): monaco.editor.IIdentifiedSingleEditOperation[] | null {
  if (!diagnostic.fix) return null;
  const length = model.getValueLength();
  // The finding was computed on an earlier text: apply only while the replaced text is unchanged.
  const expected = typeof diagnostic.params.namespace === 'string' ? diagnostic.params.namespace : null;
  const edits: monaco.editor.IIdentifiedSingleEditOperation[] = [];
  for (const edit of diagnostic.fix.edits) {
    if (edit.end > length) return null;
    const start = model.getPositionAt(edit.start);
    const end = model.getPositionAt(edit.end);
    const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
    if (expected !== null && model.getValueInRange(range) !== expected) return null;
    edits.push({ range, text: edit.newText });
  }
  return edits;
}

/** Applies a finding's fix as one undoable edit; false when the text has moved on since. */
export function applyDiagnosticFix(model: monaco.editor.ITextModel, diagnostic: Diagnostic): boolean {
  const edits = textEdits(model, diagnostic);
  if (!edits || edits.length === 0) return false;
  applyOperationsAsOneStep(model, edits);
  return true;
}

/** Registers the quick-fix provider once (idempotent). */
export function registerQuickFixes(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCodeActionProvider(
    'xml',
    {
      provideCodeActions: (model, range) => {
        const actions: monaco.languages.CodeAction[] = [];
        for (const diagnostic of latest.get(model) ?? []) {
          if (!diagnostic.fix) continue;
          const { start, end } = diagnostic.range;
          const found = new monaco.Range(start.line, start.column, end.line, end.column);
          if (!monaco.Range.areIntersectingOrTouching(found, range)) continue;
          const edits = textEdits(model, diagnostic);
          if (!edits) continue;
          actions.push({
            title: translate(diagnostic.fix.titleKey, diagnostic.fix.titleParams),
            kind: 'quickfix',
            isPreferred: true,
            edit: { edits: edits.map((edit) => ({ resource: model.uri, textEdit: { range: edit.range, text: edit.text ?? '' }, versionId: model.getVersionId() })) },
          });
        }
        return { actions, dispose: () => undefined };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}
