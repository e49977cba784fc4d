// Smoke test of the React form generator without a browser: every template's sections render
// (server-side) with the real declarative layer, in the three languages, without throwing.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { translator, type Language } from '../../../shared/common/i18n/index';
import { parseXml } from '../../../shared/common/xml/parse';
import { childElements } from '../../../shared/common/xml/model';
import { TEMPLATES } from '../../../shared/common/templates/index';
import { ElementEditor } from '../../../renderer/src/forms/ElementEditor';
import { FormContext, type FormContextValue } from '../../../renderer/src/forms/form-context';
import type { WindowsTarget } from '../../../shared/common/windows/targets';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateDocument } from '../../bench/validation';

function render(text: string, language: Language, target: WindowsTarget = 'windows11', revealKey: string | null = null): string {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error('not well-formed');
  const document = parsed.document;
  const context: FormContextValue = {
    schema: BUNDLED_SCHEMA_MODEL,
    document,
    readOnly: false,
    t: translator(language),
    problems: new Map(),
    planNames: ['Contoso 5GB'],
    selectedKey: null,
    revealKey,
    apply: () => undefined,
    reveal: () => undefined,
    select: () => undefined,
    replaceText: () => undefined,
    target,
  };
  return childElements(document.root)
    .map((section) => renderToStaticMarkup(createElement(FormContext.Provider, { value: context }, createElement(ElementEditor, { element: section }))))
    .join('\n');
}

describe('form rendering', () => {
  it('renders a long list a page at a time: the page holding the element to reveal, in each language', () => {
    const text = generateDocument(150_000);
    const parsed = parseXml(text);
    if (!parsed.ok) throw new Error('not well-formed');
    const sections = childElements(parsed.document.root);
    const wlan = sections.findIndex((section) => section.localName === 'WLANProfiles');
    const profiles = childElements(sections[wlan]!).length;
    expect(profiles).toBe(153);
    const first = render(text, 'en');
    expect(first).toContain('1–50 of 153');
    expect(first).toContain(`data-field-key="${wlan}.49"`);
    expect(first).not.toContain(`data-field-key="${wlan}.50"`);
    // A field inside profile 121 (index 120) to reveal: its page, 101–150.
    const revealed = render(text, 'en', 'windows11', `${wlan}.120.0|#text`);
    expect(revealed).toContain('101–150 of 153');
    expect(revealed).toContain(`data-field-key="${wlan}.120"`);
    expect(revealed).not.toContain(`data-field-key="${wlan}.49"`);
    expect(render(text, 'fr', 'windows11', `${wlan}.152`)).toContain('151 à 153 sur 153');
    expect(render(text, 'fr')).toContain('50 suivants');
    expect(render(text, 'pt', 'windows11', `${wlan}.152`)).toContain('151–153 de 153');
  });

  it.each(TEMPLATES.map((template) => [template.name, template.text] as const))('%s renders every section with labelled controls', (_name, text) => {
    const html = render(text, 'en');
    expect(html).toContain('CarrierId');
    // Every input, select and textarea has a label pointing at it (or an aria-label).
    const ids = [...html.matchAll(/<(?:input|select|textarea)[^>]*\bid="([^"]+)"/g)].map((match) => match[1]);
    for (const id of ids) expect(html.includes(`for="${id}"`) || new RegExp(`id="${id}"[^>]*aria-label=`).test(html) || html.includes(`aria-label=`), id).toBe(true);
  });

  it('shows French and Portuguese labels', () => {
    const text = TEMPLATES.find((template) => template.name === 'plans-with-usage')!.text;
    expect(render(text, 'fr')).toContain('Identifiant opérateur (CarrierId)');
    expect(render(text, 'fr')).toContain('Nom du forfait');
    expect(render(text, 'pt')).toContain('Nome do plano');
  });

  it('masks passwords and warns about clear text; the SMS tester appears on a rule', () => {
    const html = render(TEMPLATES.find((template) => template.name === 'mbn-auto-connect')!.text, 'en');
    expect(html).toMatch(/type="password"/);
    expect(html).toContain('cleartext-warning');
    const sms = `<?xml version="1.0"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global><CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId><SubscriberId>1</SubscriberId></Global>
  <MBNProfiles>
    <Messages xmlns="http://www.microsoft.com/networking/CarrierControl/WWAN/v1">
      <Message Silent="true"><SMSBearer Sender="+14255550100"/><Pattern>[^]*</Pattern></Message>
    </Messages>
  </MBNProfiles>
</CarrierProvisioning>`;
    expect(render(sms, 'en')).toContain('data-testid="sms-tester"');
  });

  it('follows the target: Hotspot2 is offered for Windows 11 only, an existing one stays editable with the OpenRoaming preset', () => {
    const open = TEMPLATES.find((template) => template.name === 'wifi-open')!.text;
    expect(render(open, 'en', 'windows11')).toContain('Add Passpoint (Hotspot 2.0, Windows 11 and later)');
    expect(render(open, 'en', 'windows10')).not.toContain('Passpoint');
    const passpoint = readFileSync(path.join(import.meta.dirname, '../../fixtures/passpoint/hgot07-passpoint-win-eap-ttls.xml'), 'utf8');
    const html = render(passpoint, 'en', 'windows10');
    expect(html).toContain('data-testid="form-element-Hotspot2"');
    // The file's OI is 5a03ba0000 (lower case): recognised as OpenRoaming already.
    expect(html).toContain('OpenRoaming’s roaming consortium OI 5A03BA0000 is listed.');
    const without = passpoint.replace(/<RoamingConsortium>[\s\S]*?<\/RoamingConsortium>\s*/, '');
    expect(render(without, 'fr')).toContain('data-testid="form-openroaming"');
  });
});
