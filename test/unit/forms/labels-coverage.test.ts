// Every element and attribute the form generator can show has a hand-written label in the
// catalogue, and (outside XML-DSig and the results namespaces) hand-written help, so French and
// Portuguese users never see the English fallback built from element names and XSD documentation.
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { CATALOGUES, LANGUAGES } from '../../../shared/common/i18n/index';
import { aliasOf } from '../../../shared/common/forms/declarations';
import { elementForm } from '../../../shared/common/forms/form-model';

const model = BUNDLED_SCHEMA_MODEL;
const HELP_REQUIRED = new Set(['cc', 'cc2', 'base', 'wwan', 'plans', 'wlan', 'wlan2', 'hs', 'onex']);

interface Shown {
  where: string;
  alias: string;
  labelKey: string | undefined;
  helpKey: string | undefined;
}

/** What the generator shows: each element's own form, its attributes, its text and its child slots. */
function everythingShown(): Shown[] {
  const shown: Shown[] = [];
  for (const key of Object.keys(model.elements)) {
    const form = elementForm(model, key);
    const alias = aliasOf(form.namespace);
    shown.push({ where: `${alias}.${form.localName}`, alias, labelKey: form.labelKey, helpKey: form.helpKey });
    for (const field of [...form.attributes, ...(form.text ? [form.text] : [])]) {
      const suffix = field.kind === 'attribute' ? `@${field.name}` : '';
      shown.push({ where: `${aliasOf(field.ownerNamespace)}.${field.ownerLocalName}${suffix}`, alias: aliasOf(field.ownerNamespace), labelKey: field.labelKey, helpKey: field.helpKey });
    }
    for (const slot of form.children) {
      const slotAlias = aliasOf(slot.namespace);
      shown.push({ where: `${slotAlias}.${slot.localName}`, alias: slotAlias, labelKey: slot.labelKey, helpKey: slot.helpKey });
    }
  }
  return shown;
}

describe('hand-written form labels and help', () => {
  const shown = everythingShown();

  it('walks every element of the schema model', () => {
    expect(Object.keys(model.elements).length).toBeGreaterThan(200);
    expect(shown.length).toBeGreaterThan(Object.keys(model.elements).length);
  });

  it('gives every element and attribute a label key', () => {
    const missing = [...new Set(shown.filter((item) => !item.labelKey).map((item) => `forms.label.${item.where}`))].sort();
    expect(missing).toEqual([]);
  });

  it('gives every element and attribute of the provisioning namespaces a help key', () => {
    const missing = [...new Set(shown.filter((item) => HELP_REQUIRED.has(item.alias) && !item.helpKey).map((item) => `forms.help.${item.where}`))].sort();
    expect(missing).toEqual([]);
  });

  it('has the label and help text in every language, not empty', () => {
    const keys = new Set(shown.flatMap((item) => [item.labelKey, item.helpKey]).filter((key): key is NonNullable<typeof key> => key !== undefined));
    const empty: string[] = [];
    for (const language of LANGUAGES) {
      const catalogue = CATALOGUES[language] as Record<string, string>;
      for (const key of keys) if (!catalogue[key]?.trim()) empty.push(`${language}: ${key}`);
    }
    expect(empty).toEqual([]);
  });

  it('uses no unknown alias', () => {
    expect(shown.filter((item) => item.alias === 'x').map((item) => item.where)).toEqual([]);
  });
});
