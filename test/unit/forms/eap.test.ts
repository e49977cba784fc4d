// EAP-SIM / EAP-AKA settings: read from the EAP-SIM template, rewritten for each method and option,
// read back the same, and the file stays valid.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EAP_SETTINGS, EAP_METHODS, eapHostConfigText, readEapSettings, type EapSettings } from '../../../shared/common/forms/eap';
import { templateByName } from '../../../shared/common/templates/index';
import { parseXml } from '../../../shared/common/xml/parse';
import type { XmlDocumentNode, XmlElementNode } from '../../../shared/common/xml/model';
import { sharedValidator } from '../schema/schema-files';

function eapConfigOf(document: XmlDocumentNode): XmlElementNode {
  const find = (element: XmlElementNode): XmlElementNode | undefined =>
    element.localName === 'EAPConfig' ? element : element.children.flatMap((node) => (node.kind === 'element' ? [find(node)] : [])).find(Boolean);
  return find(document.root)!;
}

function parse(text: string): XmlDocumentNode {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document;
}

/** Replaces the EAPConfig content the way the form's widget does. */
function withSettings(text: string, settings: EapSettings): string {
  const eapConfig = eapConfigOf(parse(text));
  const block = `\n${eapHostConfigText(settings, '              ', '  ', '\n')}\n            `;
  return text.slice(0, eapConfig.startTagEnd) + block + text.slice(eapConfig.endTagStart);
}

describe('EAP-SIM / EAP-AKA settings', () => {
  const template = templateByName('eap-sim-hotspot2')!.text;

  it('reads the EAP-SIM template (Microsoft method: type 18, author 311)', () => {
    expect(template).toContain('<AuthorId xmlns="http://www.microsoft.com/provisioning/EapCommon">311</AuthorId>');
    expect(readEapSettings(eapConfigOf(parse(template)))).toMatchObject({ method: 'sim', realmEnabled: true });
  });

  it.each([
    { ...DEFAULT_EAP_SETTINGS, method: 'sim' as const, useStrongCipherKeys: true, dontRevealPermanentId: true },
    { ...DEFAULT_EAP_SETTINGS, method: 'aka' as const, realmEnabled: false, providerName: 'Contoso & Co' },
  ])('writes $method settings that read back the same and keep the file valid', (settings) => {
    const text = withSettings(template, settings);
    expect(text).toContain(`>${EAP_METHODS[settings.method].type}</Type>`);
    expect(text).toContain(`<${EAP_METHODS[settings.method].element} xmlns="${EAP_METHODS[settings.method].namespace}">`);
    const read = readEapSettings(eapConfigOf(parse(text)));
    expect(read).toEqual({ ...settings, useStrongCipherKeys: settings.method === 'sim' && settings.useStrongCipherKeys });
    expect(sharedValidator().validate(text, { lint: false }).valid).toBe(true);
  });

  it('does not claim other EAP methods', () => {
    const other = template.replace('>18</Type>', '>25</Type>');
    expect(readEapSettings(eapConfigOf(parse(other)))).toBeNull();
  });
});
