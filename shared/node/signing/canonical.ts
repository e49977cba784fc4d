// Canonical XML 1.0 through libxml2 (the same C14N code xmlsec1 runs), compiled to WebAssembly.
// Two jobs: the canonical form of a document without its Signature (what the enveloped Reference
// digests) and the canonical form of SignedInfo as it sits inside the document (what the key signs).
import { createHash } from 'node:crypto';
import { ParseOption, XmlC14NMode, XmlDocument, XmlElement, XmlLibError, type XmlOutputBufferHandler } from 'libxml2-wasm';
import { DSIG_NAMESPACE, type DigestName } from './profile';
import { XmlLocationError } from './xml-bytes';

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** No network, no external entities, no DTD defaults: the document is read as it is written. */
const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NOERROR | ParseOption.XML_PARSE_NOWARNING;

export function parseXml(bytes: Uint8Array): XmlDocument {
  try {
    return XmlDocument.fromBuffer(bytes, { option: PARSE_OPTIONS });
  } catch (error) {
    if (error instanceof XmlLibError) {
      const first = error.details[0];
      throw new XmlLocationError(`not well-formed XML: ${(first?.message ?? error.message).trim()}`, first?.line ?? 1, first?.col ?? 1);
    }
    throw error;
  }
}

function hashingHandler(digest: DigestName): { handler: XmlOutputBufferHandler; result(): Buffer } {
  const hash = createHash(digest);
  return {
    handler: {
      write(chunk: Uint8Array) {
        hash.update(chunk);
        return chunk.length;
      },
      close() {
        return true;
      },
    },
    result: () => hash.digest(),
  };
}

function collectingHandler(): { handler: XmlOutputBufferHandler; result(): Buffer } {
  const chunks: Buffer[] = [];
  return {
    handler: {
      write(chunk: Uint8Array) {
        chunks.push(Buffer.from(chunk));
        return chunk.length;
      },
      close() {
        return true;
      },
    },
    result: () => Buffer.concat(chunks),
  };
}

/** Digest of the whole document in C14N 1.0 without comments (the Signature must already be gone). */
export function digestCanonicalDocument(document: XmlDocument, digest: DigestName): Buffer {
  const hashing = hashingHandler(digest);
  document.canonicalize(hashing.handler, { mode: XmlC14NMode.XML_C14N_1_0, withComments: false });
  return hashing.result();
}

/** Canonical bytes of the whole document, for tests and diagnostics. */
export function canonicalDocument(document: XmlDocument): Buffer {
  const collecting = collectingHandler();
  document.canonicalize(collecting.handler, { mode: XmlC14NMode.XML_C14N_1_0, withComments: false });
  return collecting.result();
}

/**
 * C14N 1.0 (without comments) of one element as it stands in its document: the subset is the
 * element and its descendants, so the namespaces in scope and the xml:* attributes of its
 * ancestors are rendered on it, and every character between its tags is kept as written.
 * This is what a verifier must hash for SignedInfo, never a re-serialisation of it.
 */
export function canonicalElement(element: XmlElement): Buffer {
  const collecting = collectingHandler();
  element.canonicalize(collecting.handler, { mode: XmlC14NMode.XML_C14N_1_0, withComments: false });
  return collecting.result();
}

/**
 * What SignedInfo inherits from the root element it sits under: C14N 1.0 renders every
 * namespace in scope and the xml:* attributes of ancestors on the apex element of a subset.
 */
export interface RootContext {
  namespaces: Array<[prefix: string, uri: string]>;
  xmlAttributes: Array<[localName: string, value: string]>;
}

export function rootContextOf(root: XmlElement): RootContext {
  const namespaces = Object.entries(root.localNamespaces) as Array<[string, string]>;
  const xmlAttributes = root.attrs.filter((attribute) => attribute.namespaceUri === XML_NAMESPACE).map((attribute) => [attribute.name, attribute.value] as [string, string]);
  return { namespaces, xmlAttributes };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * Canonical SignedInfo of a Signature element that is a child of the document's root. The
 * Signature markup is placed under a stand-in root carrying the real root's namespace
 * declarations and xml:* attributes: for C14N 1.0 of the SignedInfo subset that context is
 * all that matters, and it spares a second walk over a large document.
 */
export function canonicalSignedInfo(context: RootContext, signatureMarkup: string): Buffer {
  const declarations = context.namespaces.map(([prefix, uri]) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttribute(uri)}"`).join('');
  const xmlAttributes = context.xmlAttributes.map(([name, value]) => ` xml:${name}="${escapeAttribute(value)}"`).join('');
  const wrapper = `<r${declarations}${xmlAttributes}>${signatureMarkup}</r>`;
  const document = parseXml(Buffer.from(wrapper, 'utf8'));
  try {
    const signedInfo = document.get('/*/ds:Signature/ds:SignedInfo', { ds: DSIG_NAMESPACE });
    if (!(signedInfo instanceof XmlElement)) throw new Error('SignedInfo not found in the Signature element');
    return canonicalElement(signedInfo);
  } finally {
    document.dispose();
  }
}
