// The form's sections as the navigator shows them, above the element tree: the same outline seen
// by topic. Choosing a section shows its page and selects its element (tree and text follow);
// each section shows its count of errors.
import { memo, useMemo } from 'react';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { XmlDocumentNode } from '../../../shared/common/xml/model';
import { diagnosticsByField } from '../../../shared/common/forms/form-model';
import { pathOf } from '../../../shared/common/xml/element-path';
import { SECTIONS, locateSection, sectionById, sectionOfPath, type SectionId } from '../../../shared/common/forms/sections';
import { useI18n } from '../i18n';
import type { monaco } from '../editor/monaco';
import { useDocumentTree } from '../tree/useDocumentTree';

/** Errors per section: each diagnostic counted in the section its element belongs to. */
function errorCounts(document: XmlDocumentNode, diagnostics: readonly Diagnostic[]): Map<SectionId, number> {
  const counts = new Map<SectionId, number>();
  for (const [key, list] of diagnosticsByField(document, diagnostics)) {
    const errors = list.filter((diagnostic) => diagnostic.severity === 'error').length;
    if (errors === 0) continue;
    const path = key.split('|')[0]!.split('.').filter(Boolean).map(Number);
    const id = sectionOfPath(document, path);
    const definition = sectionById(id);
    const { depth } = locateSection(document, definition);
    if (depth !== definition.steps.length) continue;
    counts.set(id, (counts.get(id) ?? 0) + errors);
  }
  return counts;
}

export interface SectionListProps {
  model: monaco.editor.ITextModel;
  diagnostics: readonly Diagnostic[];
  section: SectionId;
  onSelect(section: SectionId, elementPath: number[] | null): void;
}

/** Memoised, like the tree: re-rendered when its document, findings or section change. */
export const SectionList = memo(function SectionList({ model, diagnostics, section, onSelect }: SectionListProps) {
  const { t } = useI18n();
  // The tree's parse (shared, re-read once typing pauses): rendering never parses the text.
  const { document } = useDocumentTree(model, true);
  const counts = useMemo(() => (document ? errorCounts(document, diagnostics) : new Map<SectionId, number>()), [document, diagnostics]);
  return (
    <nav className="section-list" aria-label={t('forms.sections')} data-testid="form-sections">
      <ul>
        {SECTIONS.map((definition) => {
          const errors = counts.get(definition.id) ?? 0;
          return (
            <li key={definition.id}>
              <button
                type="button"
                aria-current={section === definition.id ? 'page' : undefined}
                data-testid={`form-section-${definition.id}`}
                onClick={() => {
                  if (!document) return onSelect(definition.id, null);
                  const { element, depth } = locateSection(document, definition);
                  // Its element, unless another section shows that element (MBNProfiles holds three pages).
                  const path = depth === definition.steps.length ? pathOf(element) : null;
                  onSelect(definition.id, path && sectionOfPath(document, path) === definition.id ? path : null);
                }}
              >
                {t(definition.titleKey)}
                {errors > 0 && (
                  <span className="form-badge" aria-label={t('forms.sectionErrors', { count: errors })}>
                    {errors}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
});
