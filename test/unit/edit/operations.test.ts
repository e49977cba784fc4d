import { describe, expect, it } from 'vitest';
import {
  applyTextEdits,
  insertElement,
  moveDown,
  moveUp,
  removeAttribute,
  removeElement,
  renameElement,
  setAttribute,
  setText,
  type EditOutcome,
  type EditSuccess,
} from '../../../shared/common/edit/index';
import { BUNDLED_SCHEMA_MODEL as model } from '../../../shared/common/schema-model/bundled';
import { at, parse } from './support';

const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const WWAN = 'http://www.microsoft.com/networking/CarrierControl/WWAN/v1';
const WLAN = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';
const BASE = 'http://www.microsoft.com/networking/CarrierControl/Base/v1';

const DOC = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${CC}" xmlns:wwan="${WWAN}">
  <Global>
    <!-- the organisation GUID -->
    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
  <MBNProfiles>
    <wwan:DefaultProfile Priority='3'>
      <wwan:Name>Contoso &amp; Co</wwan:Name>
      <wwan:DataRoamingPartners/>
    </wwan:DefaultProfile>
  </MBNProfiles>
  <WLANProfiles/>
</CarrierProvisioning>
`;

function ok(outcome: EditOutcome): EditSuccess {
  if (!outcome.ok) throw new Error(`edit refused: ${outcome.code}`);
  expect(applyTextEdits(DOC, outcome.edits)).toBe(outcome.text);
  return outcome;
}

/** The new text must differ from the old one only inside the edits' ranges. */
function onlyInside(before: string, outcome: EditSuccess): void {
  const first = outcome.edits[0]!;
  const last = outcome.edits[outcome.edits.length - 1]!;
  expect(outcome.text.startsWith(before.slice(0, first.offset))).toBe(true);
  expect(outcome.text.endsWith(before.slice(last.offset + last.length))).toBe(true);
}

describe('setText', () => {
  const document = parse(DOC);

  it('escapes &, < and > and changes only the value', () => {
    const result = ok(setText(document, at(document, 'Global', 'SubscriberId'), 'a<b&c>d'));
    expect(result.text).toContain('<SubscriberId>a&lt;b&amp;c&gt;d</SubscriberId>');
    onlyInside(DOC, result);
    expect(result.edits).toHaveLength(1);
    const edit = result.edits[0]!;
    expect(edit.range).toEqual({ startLineNumber: 6, startColumn: 19, endLineNumber: 6, endColumn: 34 });
  });

  it('is a no-op (no edit) when the value does not change, entity references included', () => {
    const result = ok(setText(document, at(document, 'MBNProfiles', 'DefaultProfile', 'Name'), 'Contoso & Co'));
    expect(result.edits).toEqual([]);
    expect(result.text).toBe(DOC);
  });

  it('keeps CDATA when the new value still fits, and escapes when it does not', () => {
    const text = `<a xmlns="${CC}"><p><![CDATA[x<y]]></p></a>`;
    const cdata = parse(text);
    const kept = setText(cdata, at(cdata, 'p'), 'p&q<r');
    expect(kept.ok && kept.text).toBe(`<a xmlns="${CC}"><p><![CDATA[p&q<r]]></p></a>`);
    const escaped = setText(cdata, at(cdata, 'p'), 'a]]>b');
    expect(escaped.ok && escaped.text).toBe(`<a xmlns="${CC}"><p>a]]&gt;b</p></a>`);
  });

  it('expands a self-closing element and keeps comments inside an element', () => {
    const text = '<a><b /><c><!-- keep -->old</c></a>';
    const document = parse(text);
    expect((setText(document, at(document, 'b'), 'v') as EditSuccess).text).toBe('<a><b>v</b><c><!-- keep -->old</c></a>');
    expect((setText(document, at(document, 'c'), 'new') as EditSuccess).text).toBe('<a><b /><c><!-- keep -->new</c></a>');
  });

  it('writes line breaks with the file’s line ending and keeps a lone CR as a reference', () => {
    const crlf = parse('<a>\r\n  <b>x</b>\r\n</a>\r\n');
    expect((setText(crlf, at(crlf, 'b'), 'one\ntwo\rthree') as EditSuccess).text).toBe('<a>\r\n  <b>one\r\ntwo&#13;three</b>\r\n</a>\r\n');
  });

  it('refuses elements with element children and characters XML cannot hold', () => {
    expect(setText(document, at(document, 'Global'), 'x')).toMatchObject({ ok: false, code: 'hasElementChildren' });
    expect(setText(document, at(document, 'Global', 'CarrierId'), 'a\u0001b')).toMatchObject({ ok: false, code: 'invalidCharacter' });
  });

  it('refuses a node from another parse instead of corrupting the text', () => {
    const other = parse(`<x>${DOC.slice(DOC.indexOf('<Carrier'))}</x>`.replace('<?xml version="1.0" encoding="utf-8"?>\n', ''));
    expect(setText(document, at(other, 'CarrierProvisioning', 'Global', 'CarrierId'), 'x')).toMatchObject({ ok: false, code: 'staleNode' });
  });
});

describe('attributes', () => {
  const document = parse(DOC);
  const profile = () => at(document, 'MBNProfiles', 'DefaultProfile');

  it('keeps the quote style of an existing attribute', () => {
    const result = ok(setAttribute(document, profile(), 'Priority', "7'"));
    expect(result.text).toContain("<wwan:DefaultProfile Priority='7&apos;'>");
    onlyInside(DOC, result);
  });

  it('appends a new attribute after the last one with one space, in that attribute’s quotes', () => {
    expect(ok(setAttribute(document, profile(), 'Extra', 'a"b<c\n')).text).toContain(`<wwan:DefaultProfile Priority='3' Extra='a"b&lt;c&#10;'>`);
    expect(ok(setAttribute(document, at(document, 'Global'), 'Id', 'x')).text).toContain('<Global Id="x">');
  });

  it('puts a new attribute on its own line when the attributes are one per line', () => {
    const text = '<a\n    one="1"\n    two="2">x</a>';
    expect((setAttribute(parse(text), parse(text).root, 'three', '3') as EditSuccess).text).toBe('<a\n    one="1"\n    two="2"\n    three="3">x</a>');
  });

  it('removes an attribute with the space before it, and ignores a missing one', () => {
    expect(ok(removeAttribute(document, profile(), 'Priority')).text).toContain('<wwan:DefaultProfile>');
    expect(ok(removeAttribute(document, profile(), 'Nope')).edits).toEqual([]);
  });

  it('refuses bad names, unbound prefixes and namespace declarations', () => {
    expect(setAttribute(document, profile(), '1x', 'v')).toMatchObject({ ok: false, code: 'invalidName' });
    expect(setAttribute(document, profile(), 'q:x', 'v')).toMatchObject({ ok: false, code: 'unboundPrefix' });
    expect(setAttribute(document, profile(), 'xmlns:q', 'urn:q')).toMatchObject({ ok: false, code: 'namespaceDeclaration' });
    expect(ok(setAttribute(document, profile(), 'wwan:x', 'v')).text).toContain(`Priority='3' wwan:x='v'`);
  });
});

describe('insertElement', () => {
  const document = parse(DOC);

  it('puts a child at its schema-correct place with its mandatory children and the neighbours’ indentation', () => {
    const result = ok(insertElement(document, at(document, 'Global'), { namespace: CC, localName: 'DeviceId' }, { model }));
    expect(result.text).toContain('    <SubscriberId>310260000000000</SubscriberId>\n    <DeviceId>0000000000000000</DeviceId>\n  </Global>');
    onlyInside(DOC, result);
    expect(result.text.slice(result.focus!.offset, result.focus!.offset + result.focus!.length)).toBe('<DeviceId>0000000000000000</DeviceId>');
  });

  it('reuses an in-scope prefix for the new element’s namespace', () => {
    const result = ok(insertElement(document, at(document, 'MBNProfiles'), { namespace: WWAN, localName: 'PurchaseProfile' }, { model }));
    expect(result.text).toContain('    </wwan:DefaultProfile>\n    <wwan:PurchaseProfile>\n      <wwan:Name>a</wwan:Name>\n    </wwan:PurchaseProfile>\n  </MBNProfiles>');
  });

  it('expands a self-closing parent and declares an unbound namespace as a default xmlns', () => {
    const result = ok(insertElement(document, at(document, 'WLANProfiles'), { namespace: WLAN, localName: 'WLANProfile' }, { model }));
    expect(result.text).toContain(
      `  <WLANProfiles>\n    <WLANProfile xmlns="${WLAN}">\n      <name>a</name>\n      <SSIDConfig>\n        <SSID>\n          <hex>00</hex>\n        </SSID>\n      </SSIDConfig>\n    </WLANProfile>\n  </WLANProfiles>\n</CarrierProvisioning>`,
    );
  });

  it('writes the Base namespace on ProviderID and ProviderName', () => {
    const result = ok(insertElement(document, at(document, 'MBNProfiles', 'DefaultProfile', 'DataRoamingPartners'), { namespace: WWAN, localName: 'Provider' }, { model }));
    expect(result.text).toContain(`<wwan:Provider>\n          <ProviderID xmlns="${BASE}">0</ProviderID>\n          <ProviderName xmlns="${BASE}">a</ProviderName>\n        </wwan:Provider>`);
  });

  it('fills an empty parent and writes no declaration when the parent’s namespace is the same', () => {
    const text = `<CarrierProvisioning xmlns="${CC}">\n\t<Global>\n\t\t<CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>\n\t\t<SubscriberId>1</SubscriberId>\n\t</Global>\n\t<Activation>\n\t</Activation>\n</CarrierProvisioning>`;
    const tabbed = parse(text);
    const result = insertElement(tabbed, tabbed.root, { namespace: CC, localName: 'Plans' }, { model }) as EditSuccess;
    expect(result.text).toContain(`\t</Activation>\n\t<Plans>\n\t\t<Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" Name="">\n\t\t\t<Description PlanType="Unrestricted"/>\n\t\t</Plan>\n\t</Plans>\n</CarrierProvisioning>`);
    const activation = insertElement(tabbed, at(tabbed, 'Activation'), { namespace: WWAN, localName: 'ReconnectToNetwork' }, { model }) as EditSuccess;
    expect(activation.text).toContain(`\t<Activation>\n\t\t<ReconnectToNetwork xmlns="${WWAN}"/>\n\t</Activation>`);
  });

  it('goes before the comments that belong to the next sibling', () => {
    const result = ok(insertElement(document, at(document, 'Global'), { namespace: CC, localName: 'Note' }, { index: 0 }));
    expect(result.text).toContain('  <Global>\n    <Note/>\n    <!-- the organisation GUID -->\n    <CarrierId>');
  });

  it('keeps CRLF line endings', () => {
    const crlf = parse(DOC.replace(/\n/g, '\r\n'));
    const result = insertElement(crlf, at(crlf, 'WLANProfiles'), { namespace: WLAN, localName: 'WLANProfile' }, { model }) as EditSuccess;
    expect(result.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('refuses what the schema does not allow', () => {
    expect(insertElement(document, at(document, 'Global'), { namespace: CC, localName: 'Plans' }, { model })).toMatchObject({ ok: false, code: 'notAllowedHere' });
    // A second Global has no place after the first in CarrierProvisioning.
    expect(insertElement(document, document.root, { namespace: CC, localName: 'Global' }, { model })).toMatchObject({ ok: false, code: 'notAllowedHere' });
  });

  it('stays inline when the siblings are inline', () => {
    const inline = parse('<a><b/><c/></a>');
    expect((insertElement(inline, inline.root, { namespace: '', localName: 'd' }) as EditSuccess).text).toBe('<a><b/><c/><d/></a>');
    expect((insertElement(inline, inline.root, { namespace: '', localName: 'd' }, { index: 1 }) as EditSuccess).text).toBe('<a><b/><d/><c/></a>');
  });
});

describe('removeElement, moveUp, moveDown, renameElement', () => {
  const document = parse(DOC);

  it('removes an element with its own line and keeps the comment above it', () => {
    const result = ok(removeElement(document, at(document, 'Global', 'CarrierId')));
    expect(result.text).toContain('  <Global>\n    <!-- the organisation GUID -->\n    <SubscriberId>');
    expect(result.edits[0]!.text).toBe('');
  });

  it('removes an inline element with the spaces before it', () => {
    const inline = parse('<a><b/> <c/> <d/></a>');
    expect((removeElement(inline, at(inline, 'c')) as EditSuccess).text).toBe('<a><b/> <d/></a>');
    expect(removeElement(inline, inline.root)).toMatchObject({ ok: false, code: 'rootElement' });
  });

  it('moves an element with the comment written directly above it', () => {
    const down = ok(moveDown(document, at(document, 'Global', 'CarrierId')));
    const up = ok(moveUp(document, at(document, 'Global', 'SubscriberId')));
    expect(down.text).toBe(up.text);
    expect(up.text).toContain('  <Global>\n    <SubscriberId>310260000000000</SubscriberId>\n    <!-- the organisation GUID -->\n    <CarrierId>');
    expect(up.text.slice(up.focus!.offset).startsWith('<SubscriberId>')).toBe(true);
    expect(down.text.slice(down.focus!.offset).startsWith('<CarrierId>')).toBe(true);
    expect(moveUp(document, at(document, 'Global', 'CarrierId'))).toMatchObject({ ok: false, code: 'noSibling' });
    expect(moveDown(document, at(document, 'WLANProfiles'))).toMatchObject({ ok: false, code: 'noSibling' });
  });

  it('renames in the start and end tags only', () => {
    const result = ok(renameElement(document, at(document, 'MBNProfiles', 'DefaultProfile'), 'wwan:PurchaseProfile'));
    expect(result.edits).toHaveLength(2);
    expect(result.text).toContain("<wwan:PurchaseProfile Priority='3'>");
    expect(result.text).toContain('</wwan:PurchaseProfile>\n  </MBNProfiles>');
    expect(renameElement(document, at(document, 'Global'), 'x:Global')).toMatchObject({ ok: false, code: 'unboundPrefix' });
    expect(renameElement(document, at(document, 'Global'), 'a b')).toMatchObject({ ok: false, code: 'invalidName' });
  });
});

describe('EditSession and edit batches', () => {
  it('chains operations, re-parsing lazily, and refuses overlapping batches', async () => {
    const { EditSession, editsAreDisjoint } = await import('../../../shared/common/edit/index');
    const session = new EditSession(DOC);
    const first = session.run((document) => setText(document, at(document, 'Global', 'SubscriberId'), '42'));
    expect(first?.ok).toBe(true);
    const second = session.run((document) => insertElement(document, at(document, 'Global'), { namespace: CC, localName: 'DeviceId' }, { model }));
    expect(second?.ok).toBe(true);
    expect(session.text).toContain('<SubscriberId>42</SubscriberId>\n    <DeviceId>0000000000000000</DeviceId>');
    expect(session.document?.root.localName).toBe('CarrierProvisioning');

    const document = session.document!;
    const a = setText(document, at(document, 'Global', 'CarrierId'), '{22222222-2222-3333-4444-555555555555}') as EditSuccess;
    const b = setAttribute(document, at(document, 'Global'), 'Id', 'g') as EditSuccess;
    expect(session.applyEdits([...a.edits, ...b.edits])).toBe(true);
    expect(session.text).toContain('<Global Id="g">');
    expect(editsAreDisjoint([...a.edits, ...a.edits])).toBe(false);
    expect(() => applyTextEdits('abc', [...a.edits, ...a.edits])).toThrow();

    session.replaceText('<broken');
    expect(session.document).toBeNull();
    expect(session.parseError).not.toBeNull();
    expect(session.run((broken) => setText(broken, broken.root, 'x'))).toBeNull();
  });
});
