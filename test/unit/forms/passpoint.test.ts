// The OpenRoaming preset's form changes, applied to real documents: the result is valid for
// Windows 11 and lists OpenRoaming's OI once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFormChanges } from '../../../shared/common/edit/form-changes';
import { OPENROAMING_OI, hasOpenRoaming, openRoamingChanges } from '../../../shared/common/forms/passpoint';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { parseXml } from '../../../shared/common/xml/parse';
import { walkElements, type XmlDocumentNode } from '../../../shared/common/xml/model';
import { sharedValidator } from '../schema/schema-files';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures');

function parse(text: string): XmlDocumentNode {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document;
}

function hotspot2(document: XmlDocumentNode) {
  for (const element of walkElements(document.root)) if (element.localName === 'Hotspot2') return element;
  throw new Error('no Hotspot2');
}

describe('OpenRoaming preset', () => {
  it.each([
    ['an empty Hotspot2', 'corpus-windows11/hotspot2-empty.valid.xml'],
    ['a Hotspot2 without RoamingConsortium', 'corpus-windows11/hotspot2-all-children.valid.xml'],
  ])('adds OpenRoaming’s OI to %s', (_name, file) => {
    let text = readFileSync(path.join(FIXTURES, file), 'utf8');
    if (file.includes('all-children')) text = text.replace(/<RoamingConsortium>[\s\S]*?<\/RoamingConsortium>\s*/, '');
    const document = parse(text);
    expect(hasOpenRoaming(hotspot2(document))).toBe(false);
    const result = applyFormChanges(BUNDLED_SCHEMA_MODEL, document, openRoamingChanges(hotspot2(document)));
    expect(result.ok).toBe(true);
    expect(result.text.match(new RegExp(`<OUI>${OPENROAMING_OI}</OUI>`, 'g'))).toHaveLength(1);
    const validation = sharedValidator('windows11').validate(result.text);
    expect(validation.valid, JSON.stringify(validation.diagnostics)).toBe(true);
    expect(hasOpenRoaming(hotspot2(parse(result.text)))).toBe(true);
    expect(openRoamingChanges(hotspot2(parse(result.text)))).toEqual([]);
  });

  it('adds the OI to an existing RoamingConsortium, after the others', () => {
    const text = readFileSync(path.join(FIXTURES, 'corpus-windows11/hotspot2-oui-three-bytes.valid.xml'), 'utf8');
    const document = parse(text);
    const result = applyFormChanges(BUNDLED_SCHEMA_MODEL, document, openRoamingChanges(hotspot2(document)));
    expect(result.ok).toBe(true);
    expect(result.text).toMatch(/<OUI>001BC5<\/OUI>\s*<OUI>5A03BA0000<\/OUI>/);
    expect(sharedValidator('windows11').validate(result.text).valid).toBe(true);
  });
});
