// Sign -> verify on generated documents (test/support/fuzz.ts makes them): our signature verifies
// in our verifier, and in xmlsec1 for a sample; a one-character change outside the Signature (in
// a text node or an attribute value, where canonical XML keeps it) is always refused with
// 0x82170005, the digest mismatch. Shared by the test and `npm run fuzz`.
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { walkElements, type XmlElementNode } from '../../shared/common/xml/model';
import { parseXml } from '../../shared/common/xml/parse';
import { decodeText, encodeText } from '../../shared/node/files/encoding';
import { signerFromKeyObject } from '../../shared/node/keystores/file-store';
import { sign } from '../../shared/node/signing/sign';
import type { TestEvKit } from '../../shared/node/signing/test-ev-kit';
import { verify } from '../../shared/node/signing/verify';
import { documentChoices, generateDocument } from './fuzz';

const XMLDSIG = 'http://www.w3.org/2000/09/xmldsig#';
const DIGEST_MISMATCH = '0x82170005';

export interface SigningFuzzCounts {
  documents: number;
  verified: number;
  xmlsec1Checked: number;
  xmlsec1Accepted: number;
  tampered: number;
  tamperRefused: number;
  problems: string[];
}

function insideSignature(element: XmlElementNode): boolean {
  for (let current: XmlElementNode | null = element; current; current = current.parent) {
    if (current.localName === 'Signature' && current.namespaceUri === XMLDSIG) return true;
  }
  return false;
}

/** Offsets of letters and digits in text nodes and attribute values, outside the Signature. */
function tamperableOffsets(text: string): number[] {
  const parsed = parseXml(text);
  if (!parsed.ok) return [];
  const offsets: number[] = [];
  const collect = (start: number, end: number) => {
    // Not inside an entity or character reference (changing one would make the file malformed).
    let reference = false;
    for (let offset = start; offset < end; offset++) {
      const character = text[offset]!;
      if (character === '&') reference = true;
      else if (character === ';') reference = false;
      else if (!reference && /[A-Za-z0-9]/.test(character)) offsets.push(offset);
    }
  };
  for (const element of walkElements(parsed.document.root)) {
    if (insideSignature(element)) continue;
    for (const attribute of element.attributes) {
      if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
      collect(attribute.valueStart, attribute.valueEnd);
    }
    for (const child of element.children) if (child.kind === 'text') collect(child.start, child.end);
  }
  return offsets;
}

export async function runSigningFuzz(options: { seed: number; documents: number; xmlsec1Sample: number; tampersPerDocument: number; kit: TestEvKit; directory: string }): Promise<SigningFuzzCounts> {
  const counts: SigningFuzzCounts = { documents: 0, verified: 0, xmlsec1Checked: 0, xmlsec1Accepted: 0, tampered: 0, tamperRefused: 0, problems: [] };
  const signer = signerFromKeyObject(createPrivateKey(options.kit.signer.privateKeyPem), [options.kit.signer.der, options.kit.root.der]);
  const samples = fc.sample(documentChoices, { seed: options.seed, numRuns: options.documents });
  let random = options.seed >>> 0;
  const next = (bound: number) => (random = (random * 1103515245 + 12345) >>> 0) % bound;
  for (const [index, values] of samples.entries()) {
    counts.documents++;
    const generated = generateDocument(values);
    const digest = index % 3 === 0 ? 'sha1' : 'sha256';
    const signed = await sign(generated.bytes, signer, { digest, includeChain: index % 2 === 0 });
    const verdict = await verify(signed, { trustedRoots: [options.kit.root.der] });
    if (verdict.accepted) counts.verified++;
    else counts.problems.push(`document ${index} (${generated.encoding}): ours refused its own signature: ${verdict.hresult} ${verdict.code}`);
    if (index < options.xmlsec1Sample) {
      const file = path.join(options.directory, `fuzz-${index}.xml`);
      writeFileSync(file, signed);
      const result = spawnSync('xmlsec1', ['--verify', '--trusted-der', options.kit.rootPath, file], { encoding: 'utf8' });
      counts.xmlsec1Checked++;
      if (result.status === 0) counts.xmlsec1Accepted++;
      else counts.problems.push(`document ${index}: xmlsec1 refused it: ${result.stderr.slice(0, 300)}`);
    }
    const decoded = decodeText(signed);
    const offsets = tamperableOffsets(decoded.text);
    for (let tamper = 0; tamper < options.tampersPerDocument && offsets.length > 0; tamper++) {
      const offset = offsets[next(offsets.length)]!;
      const original = decoded.text[offset]!;
      const replacement = original === 'x' ? 'y' : 'x';
      const changed = encodeText(decoded.text.slice(0, offset) + replacement + decoded.text.slice(offset + 1), decoded.encoding);
      counts.tampered++;
      const tampered = await verify(changed, { trustedRoots: [options.kit.root.der] });
      if (!tampered.accepted && tampered.hresult === DIGEST_MISMATCH) counts.tamperRefused++;
      else counts.problems.push(`document ${index}: changing ${JSON.stringify(original)} at ${offset} gave ${tampered.accepted ? 'accepted' : tampered.hresult}`);
    }
  }
  return counts;
}
