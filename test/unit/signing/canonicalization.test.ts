// Every tricky canonicalisation case is signed by us and accepted by our verifier, by xmlsec1
// (libxml2's C14N, trust checked against the test root) and by the JDK's XML-DSig; the bytes
// outside the inserted Signature are exactly the input's.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeDocument, encodeInDocument } from '../../../shared/node/signing/xml-bytes';
import { sign } from '../../../shared/node/signing/sign';
import { verify } from '../../../shared/node/signing/verify';
import { makeTestEvKit, type TestEvKit } from '../../../shared/node/signing/test-ev-kit';
import { SAMPLE, javaVerify, signerFor, temporaryDirectory, toolAvailable, writeFixture, xmlsecVerify } from './support';

const NS = 'http://www.microsoft.com/networking/CarrierControl/v1';
const GLOBAL = '<Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>310260000000000</SubscriberId></Global>';

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
}

const CASES: Array<[name: string, bytes: Uint8Array]> = [
  ['sample', Buffer.from(SAMPLE)],
  ['processing-instructions', Buffer.from(`<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet type="text/xsl" href="a.xsl"?>\n<?app before root?>\n<CarrierProvisioning xmlns="${NS}"><?app inside   with spaces?>${GLOBAL}<?app last?></CarrierProvisioning>\n<?app after root?>`)],
  ['xml-lang-and-space-inherited', Buffer.from(`<?xml version="1.0"?>\n<CarrierProvisioning xmlns="${NS}" xml:lang="fr-CA" xml:space="preserve">  ${GLOBAL}  <Note xml:lang="pt">  x  </Note>\n</CarrierProvisioning>`)],
  ['comments', Buffer.from(`<?xml version="1.0"?>\n<!-- before root -->\n<CarrierProvisioning xmlns="${NS}"><!-- inside -->${GLOBAL}<!-- last --></CarrierProvisioning>\n<!-- after root -->\n`)],
  ['crlf', Buffer.from(`<?xml version="1.0" encoding="utf-8"?>\r\n<CarrierProvisioning xmlns="${NS}">\r\n  <Global>\r\n    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>\r\n    <SubscriberId attr="a\r\nb">310260000000000</SubscriberId>\r\n  </Global>\r\n</CarrierProvisioning>\r\n`)],
  ['entity-and-character-references', Buffer.from(`<?xml version="1.0"?>\n<CarrierProvisioning xmlns="${NS}"><Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><Name a="&quot;q&quot; &lt;&amp;&gt; &#9;tab&#10;nl &apos;" b='single "quotes"'>&amp; &lt; &gt; &#233; &#x20AC; &#13; <![CDATA[<raw> & ]]> ]]&gt;</Name></Global></CarrierProvisioning>`)],
  ['non-ascii', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<CarrierProvisioning xmlns="${NS}"><Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><Name>Opérateur São João — 中文 ✓ 🚀</Name></Global></CarrierProvisioning>`)],
  ['utf8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)])],
  [
    'namespaces-prefixed-and-default',
    Buffer.from(
      `<?xml version="1.0"?>\n<cp:CarrierProvisioning xmlns:cp="${NS}" xmlns:wlan="http://www.microsoft.com/networking/CarrierControl/WLAN/v1" xmlns:unused="urn:unused"><cp:Global><cp:CarrierId>{11111111-2222-3333-4444-555555555555}</cp:CarrierId></cp:Global><Profiles xmlns="http://www.microsoft.com/networking/CarrierControl/v1"><WLANProfiles xmlns="http://www.microsoft.com/networking/CarrierControl/WLAN/v1"><wlan:Profile b="2" a="1" xmlns:z="urn:z"><Inner xmlns="">none</Inner></wlan:Profile></WLANProfiles></Profiles></cp:CarrierProvisioning>`,
    ),
  ],
  ['ds-prefix-declared-on-root', Buffer.from(`<?xml version="1.0"?>\n<CarrierProvisioning xmlns="${NS}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${GLOBAL}</CarrierProvisioning>`)],
  ['utf16le-bom', utf16le(`<?xml version="1.0" encoding="UTF-16"?>\r\n<CarrierProvisioning xmlns="${NS}">${GLOBAL}<Name>é中</Name></CarrierProvisioning>\r\n`)],
  ['empty-root', Buffer.from(`<?xml version="1.0"?>\n<CarrierProvisioning xmlns="${NS}" />`)],
];

/** The document with the inserted Signature element cut out, in the document's own encoding. */
function withoutSignature(signed: Uint8Array): Uint8Array {
  const decoded = decodeDocument(signed);
  const start = decoded.text.indexOf('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
  const end = decoded.text.indexOf('</Signature>') + '</Signature>'.length;
  return encodeInDocument(decoded.text.slice(0, start) + decoded.text.slice(end), decoded.encoding);
}

describe('signing the tricky canonicalisation cases', () => {
  let kit: TestEvKit;
  let directory: string;
  const signedFiles = new Map<string, string>();

  beforeAll(async () => {
    directory = temporaryDirectory();
    kit = await makeTestEvKit(path.join(directory, 'kit'), 'test-password');
    for (const [name, bytes] of CASES) {
      for (const digest of ['sha256', 'sha1'] as const) {
        const signed = await sign(bytes, signerFor(kit.signer, [kit.root.der]), { digest, includeChain: digest === 'sha1' });
        signedFiles.set(`${name}.${digest}`, writeFixture(directory, `${name}.${digest}.xml`, signed));
      }
    }
  });

  it.each(CASES)('%s: our verifier accepts it and the bytes outside the Signature are unchanged', async (name, original) => {
    for (const digest of ['sha256', 'sha1']) {
      const signed = new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(signedFiles.get(`${name}.${digest}`)!)));
      const verdict = await verify(signed, { trustedRoots: [kit.root.der] });
      expect(verdict.findings).toEqual(expect.arrayContaining([]));
      expect(verdict.accepted, JSON.stringify(verdict.findings)).toBe(true);
      if (name !== 'empty-root') expect(Buffer.from(withoutSignature(signed)).equals(Buffer.from(original))).toBe(true);
    }
  });

  it.runIf(toolAvailable('xmlsec1'))('xmlsec1 verifies every case, trusting only the test root', () => {
    for (const file of signedFiles.values()) {
      const result = xmlsecVerify(file, kit.rootPath);
      expect(result.ok, `${file}: ${result.output}`).toBe(true);
    }
  });

  it.runIf(toolAvailable('java', ['-version']))('the JDK XML-DSig verifier validates every case', () => {
    const verdicts = javaVerify([...signedFiles.values()]);
    for (const file of signedFiles.values()) expect(verdicts.get(file), file).toBe('VALID');
  });

  it('keeps the document encoding: UTF-16 stays UTF-16 with its BOM, CRLF documents get CRLF inside the Signature', async () => {
    const { readFileSync } = await import('node:fs');
    const utf16 = readFileSync(signedFiles.get('utf16le-bom.sha256')!);
    expect([utf16[0], utf16[1]]).toEqual([0xff, 0xfe]);
    expect(decodeDocument(utf16).encoding).toBe('utf-16le');
    const crlf = readFileSync(signedFiles.get('crlf.sha256')!, 'utf8');
    const signature = crlf.slice(crlf.indexOf('<Signature'), crlf.indexOf('</Signature>'));
    expect(signature).toContain('<SignedInfo>\r\n');
    expect(signature.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('re-signing replaces the existing Signature instead of adding a second one', async () => {
    const { readFileSync } = await import('node:fs');
    const once = readFileSync(signedFiles.get('comments.sha256')!);
    const twice = await sign(once, signerFor(kit.signer), { digest: 'sha256' });
    expect(Buffer.from(twice).toString('utf8').split('<Signature ').length).toBe(2);
    expect((await verify(twice, { trustedRoots: [kit.root.der] })).accepted).toBe(true);
    const original = CASES.find(([name]) => name === 'comments')![1];
    expect(Buffer.from(withoutSignature(twice)).equals(Buffer.from(original))).toBe(true);
    writeFileSync(path.join(directory, 'resigned.xml'), twice);
    if (toolAvailable('xmlsec1')) expect(xmlsecVerify(path.join(directory, 'resigned.xml'), kit.rootPath).ok).toBe(true);
  });

  it('reports malformed input with its line and column', async () => {
    await expect(sign(Buffer.from('<a>\n  <b></a>'), signerFor(kit.signer))).rejects.toMatchObject({ line: 2 });
  });
});
