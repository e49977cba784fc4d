// The "To fill in" list's content: the placeholder findings of lint (PS-L035, PS-L036) in document
// order, nothing else; its count in each language's plural rules.
import { describe, expect, it } from 'vitest';
import { placeholdersToFill } from '../../../renderer/src/forms/FillInPanel';
import { translate } from '../../../shared/common/i18n/index';
import { TEMPLATES } from '../../../shared/common/templates/index';
import { sharedValidator } from '../schema/schema-files';

describe('To fill in', () => {
  it('lists every template\'s placeholders, CarrierId and SubscriberId first, in document order, and no other finding', () => {
    for (const template of TEMPLATES) {
      const diagnostics = sharedValidator(template.target ?? 'windows10').validate(template.text).diagnostics;
      const entries = placeholdersToFill(diagnostics);
      expect(entries.slice(0, 2).map((entry) => entry.params.element), template.name).toEqual(['CarrierId', 'SubscriberId']);
      expect(entries.every((entry) => entry.code === 'PS-L035' || entry.code === 'PS-L036')).toBe(true);
      const offsets = entries.map((entry) => entry.range.start.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
  });

  it('counts with the plural rules of each language', () => {
    expect([1, 2].map((count) => translate('en', 'fillIn.count', { count }))).toEqual(['1 value still to fill in', '2 values still to fill in']);
    // French: 0 and 1 are singular.
    expect([0, 1, 2].map((count) => translate('fr', 'fillIn.count', { count }))).toEqual(['0 valeur encore à remplir', '1 valeur encore à remplir', '2 valeurs encore à remplir']);
    expect([1, 3].map((count) => translate('pt', 'fillIn.count', { count }))).toEqual(['1 valor ainda a preencher', '3 valores ainda a preencher']);
  });
});
