// One-click repairs in the editor: findings that carry a fix (Diagnostic.fix, e.g. PS-L032's
// almost-right namespace) become Monaco quick fixes (the light bulb, Ctrl+.) and the problems
// panel's "Fix" button. The edits are the finding's own minimal replacements, applied as one undoable
// edit, and only while the text they replace is still what was validated
// (shared/common/language/quick-fixes.ts decides that; this file is the Monaco adapter).
import { applicableFixEdits } from '../../../shared/common/language/quick-fixes';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { Translate } from '../i18n';
import { monaco } from './monaco';
import { applyOperationsAsOneStep } from './model-edits';
import { rangeBetween } from './offset-ranges';

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
  const edits = applicableFixEdits(diagnostic, model.getValueLength(), (start, end) => model.getValueInRange(rangeBetween(model, start, end)));
  return edits && edits.map((edit) => ({ range: rangeBetween(model, edit.start, edit.end), text: edit.newText }));
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
