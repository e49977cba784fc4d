import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/common/i18n/index';
import { completionContextAt } from '../../../shared/common/language/completion-context';
import { attributeSuggestions, completionItemsAt, elementContextInContent, elementSuggestions, valueSuggestions } from '../../../shared/common/language/completion';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { parseXml } from '../../../shared/common/xml/parse';
import { CORPUS_DIRECTORY, listFiles } from '../schema/schema-files';
import { BLANK, CC, PLANS, WLAN } from './support';

describe('completion context', () => {
  const insideGlobal = (typed: string) => {
    const at = BLANK.indexOf('  </Global>');
    const text = BLANK.slice(0, at) + `    ${typed}\n` + BLANK.slice(at);
    return { text, offset: at + 4 + typed.length - (typed.endsWith('>') ? 1 : 0) };
  };

  it('offers only the children the schema allows at the cursor after `<`', () => {
    const { text, offset } = insideGlobal('<>');
    const context = completionContextAt(text, offset);
    expect(context?.kind).toBe('element');
    if (context?.kind !== 'element') return;
    expect(context.parent.localName).toBe('Global');
    expect(context.index).toBe(2);
    expect(text.slice(context.replaceStart, context.replaceEnd)).toBe('>'); // the auto-closed bracket goes
    const names = elementSuggestions(BUNDLED_SCHEMA_MODEL, context).map((suggestion) => suggestion.label);
    expect(names).toContain('DeviceId');
    expect(names).not.toContain('CarrierId');
    expect(names).not.toContain('Plan');
    expect(elementSuggestions(BUNDLED_SCHEMA_MODEL, context).find((suggestion) => suggestion.label === 'DeviceId')?.snippet).toBe('DeviceId>$0</DeviceId>');
  });

  it('writes a new namespace as a default declaration, and reuses the parent’s prefix', () => {
    const text = `<CarrierProvisioning xmlns="${CC}"><Global><CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId><SubscriberId>1</SubscriberId></Global><WLANProfiles><</WLANProfiles></CarrierProvisioning>`;
    const context = completionContextAt(text, text.indexOf('<</WLAN') + 1);
    if (context?.kind !== 'element') throw new Error('no element context');
    const wlan = elementSuggestions(BUNDLED_SCHEMA_MODEL, context).find((suggestion) => suggestion.label === 'WLANProfile');
    expect(wlan?.snippet).toBe(`WLANProfile xmlns="${WLAN}">$0</WLANProfile>`);
    const prefixed = `<cc:CarrierProvisioning xmlns:cc="${CC}"><cc:</cc:CarrierProvisioning>`;
    const inner = completionContextAt(prefixed, prefixed.indexOf('<cc:</') + 4);
    if (inner?.kind !== 'element') throw new Error('no element context');
    expect(elementSuggestions(BUNDLED_SCHEMA_MODEL, inner).map((suggestion) => suggestion.label)).toContain('cc:Global');
  });

  it('still knows the parent when the text does not parse', () => {
    const broken = BLANK.replace('</Global>', '<Unclosed>\n  <').replace('</CarrierProvisioning>', '');
    const context = completionContextAt(broken, broken.lastIndexOf('<') + 1);
    expect(context?.kind).toBe('element');
    if (context?.kind === 'element') expect(context.parent.localName).toBe('Unclosed');
    const global = BLANK.replace('<SubscriberId>', '<').replace('310260000000000</SubscriberId>', '');
    const inGlobal = completionContextAt(global, global.indexOf('    <\n') + 5);
    if (inGlobal?.kind !== 'element') throw new Error('no element context');
    expect(inGlobal.parent.localName).toBe('Global');
    expect(inGlobal.parent.namespaceUri).toBe(CC);
    expect(elementSuggestions(BUNDLED_SCHEMA_MODEL, inGlobal).map((suggestion) => suggestion.label)).toContain('SubscriberId');
  });

  it('offers attributes not yet written, and enumeration values in attributes and text', () => {
    const text = BLANK.replace('  </Global>', `  </Global>\n  <Plans>\n    <Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" >\n    </Plan>\n  </Plans>`);
    const offset = text.indexOf('" >') + 2;
    const context = completionContextAt(text, offset);
    expect(context?.kind).toBe('attribute');
    if (context?.kind === 'attribute') expect(attributeSuggestions(BUNDLED_SCHEMA_MODEL, context).map((attribute) => attribute.name)).toContain('Name');

    const wlan = `<WLANProfile xmlns="${WLAN}"><name>a</name><SSIDConfig><SSID><name>x</name></SSID></SSIDConfig><MSM><security><authEncryption><authentication>WPA</authentication></authEncryption></security></MSM></WLANProfile>`;
    const document = `<CarrierProvisioning xmlns="${CC}"><Global><CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId><SubscriberId>1</SubscriberId></Global><WLANProfiles>${wlan}</WLANProfiles></CarrierProvisioning>`;
    const inText = completionContextAt(document, document.indexOf('WPA<') + 2);
    expect(inText?.kind).toBe('text');
    if (inText?.kind === 'text') {
      expect(valueSuggestions(BUNDLED_SCHEMA_MODEL, inText)).toContain('WPA2PSK');
      expect(document.slice(inText.replaceStart, inText.replaceEnd)).toBe('WPA');
    }
    // In element content without `<`: elements, with the bracket.
    const between = completionContextAt(BLANK, BLANK.indexOf('  </Global>'));
    if (between?.kind !== 'text') throw new Error('expected text');
    const elements = elementContextInContent(BUNDLED_SCHEMA_MODEL, BLANK, between, BLANK.indexOf('  </Global>'));
    expect(elements?.withBracket).toBe(true);
    expect(elementSuggestions(BUNDLED_SCHEMA_MODEL, elements!).map((suggestion) => suggestion.snippet)).toContain('<DeviceId>$0</DeviceId>');
  });

  it('offers nothing inside comments and end tags', () => {
    const text = BLANK.replace('<Global>', '<Global><!-- <');
    expect(completionContextAt(text, text.indexOf('<!-- <') + 6)).toBeNull();
    expect(completionContextAt(BLANK, BLANK.indexOf('</Global>') + 3)).toBeNull();
  });
});

describe('completion items', () => {
  const t = translator('en');

  it('inside an element: the allowed children, in order, replacing the name typed so far', () => {
    const at = BLANK.indexOf('  </Global>');
    const text = `${BLANK.slice(0, at)}    <Dev\n${BLANK.slice(at)}`;
    const offset = at + '    <Dev'.length;
    const items = completionItemsAt(BUNDLED_SCHEMA_MODEL, text, offset, t);
    const device = items.find((item) => item.label === 'DeviceId');
    expect(device).toMatchObject({ kind: 'element', insertText: 'DeviceId>$0</DeviceId>', snippet: true, filterText: 'DeviceId', description: 'CarrierControl/v1' });
    expect(text.slice(device!.replaceStart, device!.replaceEnd)).toBe('Dev');
    expect(items.map((item) => item.label)).not.toContain('CarrierId');
    expect(items.map((item) => item.sortText)).toEqual([...items.map((item) => item.sortText)].sort());
  });

  it('in an attribute value: the enumeration, replacing the value', () => {
    const text = BLANK.replace('  </Global>', `  </Global>\n  <Plans>\n    <Plan xmlns="${PLANS}" Name="Gold">\n      <Description PlanType="Fix"/>\n    </Plan>\n  </Plans>`);
    const offset = text.indexOf('"Fix"') + 2;
    const items = completionItemsAt(BUNDLED_SCHEMA_MODEL, text, offset, t);
    expect(items.map((item) => item.label)).toEqual(['Unrestricted', 'Fixed', 'Variable']);
    expect(items.every((item) => item.kind === 'value' && !item.snippet)).toBe(true);
    expect(text.slice(items[0]!.replaceStart, items[0]!.replaceEnd)).toBe('Fix');
  });

  it('attributes: required first with their detail in the reader’s language; nothing in a comment', () => {
    const text = BLANK.replace('  </Global>', `  </Global>\n  <Plans>\n    <Plan xmlns="${PLANS}" >\n    </Plan>\n  </Plans>`);
    const items = completionItemsAt(BUNDLED_SCHEMA_MODEL, text, text.indexOf('" >') + 2, translator('fr'));
    const name = items.find((item) => item.label === 'Name');
    expect(name).toMatchObject({ kind: 'attribute', insertText: 'Name="$0"', snippet: true });
    expect(name?.detail).toBe(translator('fr')('xml.hover.required'));
    expect(name?.sortText.startsWith('0')).toBe(true);
    const comment = BLANK.replace('<Global>', '<Global><!-- <');
    expect(completionItemsAt(BUNDLED_SCHEMA_MODEL, comment, comment.indexOf('<!-- <') + 6, t)).toEqual([]);
  });
});

describe('completion with the editor’s parse of the text', () => {
  const t = translator('en');
  // Places where completion reads a parse of the whole text: text content, attribute names and values.
  const placesIn = (text: string) => {
    const places: number[] = [];
    for (let offset = 1; offset < text.length; offset++) {
      const before = text[offset - 1]!;
      if (before === '>' || before === '"' || before === ' ' || /\w/.test(before)) places.push(offset);
    }
    // An even spread of places in each file (the corpus has hundreds of files).
    const step = Math.max(1, Math.floor(places.length / 25));
    return places.filter((_, index) => index % step === 0);
  };
  const corpus = listFiles(CORPUS_DIRECTORY, '.xml').map((file) => ({ file: path.relative(CORPUS_DIRECTORY, file), text: readFileSync(file, 'utf8') }));

  it('offers exactly what it offers when it parses the text itself, on every corpus file', () => {
    let compared = 0;
    let offered = 0;
    for (const { file, text } of corpus) {
      const parsed = parseXml(text);
      const document = parsed.ok ? parsed.document : null;
      const shared = () => document;
      for (const offset of placesIn(text)) {
        const own = completionItemsAt(BUNDLED_SCHEMA_MODEL, text, offset, t);
        const withShared = completionItemsAt(BUNDLED_SCHEMA_MODEL, text, offset, t, shared);
        expect(withShared, `${file} at ${offset}`).toEqual(own);
        compared++;
        if (own.length > 0) offered++;
      }
    }
    expect(compared).toBeGreaterThan(5_000);
    expect(offered).toBeGreaterThan(500);
  }, 120_000);

  it('reads the given parse instead of parsing the text in content and complete tags', () => {
    const text = BLANK.replace('  </Global>', `  </Global>\n  <Plans>\n    <Plan xmlns="${PLANS}" Name="Gold">\n      <Description PlanType="Fixed"/>\n    </Plan>\n  </Plans>`);
    const parsed = parseXml(text);
    if (!parsed.ok) throw new Error('fixture does not parse');
    let asked = 0;
    const shared = () => {
      asked++;
      return parsed.document;
    };
    const inValue = completionItemsAt(BUNDLED_SCHEMA_MODEL, text, text.indexOf('"Fixed"') + 2, t, shared);
    expect(inValue.map((item) => item.label)).toEqual(['Unrestricted', 'Fixed', 'Variable']);
    const afterDescription = text.indexOf('/>', text.indexOf('<Description')) + 3;
    const inContent = completionItemsAt(BUNDLED_SCHEMA_MODEL, text, afterDescription, t, shared);
    expect(inContent.length).toBeGreaterThan(0);
    expect(inContent).toEqual(completionItemsAt(BUNDLED_SCHEMA_MODEL, text, afterDescription, t));
    expect(asked).toBe(2);
  });
});
