// Canonical XML 1.0 through libxml2 (the same C14N code xmlsec1 runs), compiled to WebAssembly.
// Two jobs: the canonical form of a document without its Signature (what the enveloped Reference
// digests) and the canonical form of SignedInfo as it sits inside the document (what the key signs).
// SignedInfo is never re-serialised: its canonical form is taken from the parsed node, in a document
// made of the file's own bytes (prolog, root start tag, the Signature element, root end tag).
import { createHash } from 'node:crypto';
import { ParseOption, XmlC14NMode, XmlDocument, XmlElement, XmlLibError, type XmlOutputBufferHandler } from 'libxml2-wasm';
import { translateEnglish } from '../../common/i18n/core';
import { parserLimitMessage } from '../../common/schema/parser-limits';
import { DSIG_NAMESPACE, type DigestName } from './profile';
import { XmlLocationError, type RootFrame } from './xml-bytes';

/**
 * No network, no external entities, no DTD defaults: the document is read as it is written.
 * XML_PARSE_HUGE: a 50 MB base64 blob (activation data, a logo) is one text node, over libxml2's
 * default 10 MB limit; DTDs are refused before parsing, so nothing expands.
 */
const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NOERROR | ParseOption.XML_PARSE_NOWARNING | ParseOption.XML_PARSE_HUGE;

export function parseXml(bytes: Uint8Array): XmlDocument {
  try {
    return XmlDocument.fromBuffer(bytes, { option: PARSE_OPTIONS });
  } catch (error) {
    if (error instanceof XmlLibError) {
      const first = error.details[0];
      const message = (first?.message ?? error.message).trim();
      // A parser limit is said as what the user can do, never as a libxml2 option to set.
      const limit = parserLimitMessage(message);
      throw new XmlLocationError(limit ? translateEnglish(limit.messageKey) : `not well-formed XML: ${message}`, first?.line ?? 1, first?.col ?? 1);
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
function canonicalElement(element: XmlElement): Buffer {
  const collecting = collectingHandler();
  element.canonicalize(collecting.handler, { mode: XmlC14NMode.XML_C14N_1_0, withComments: false });
  return collecting.result();
}

/**
 * Canonical SignedInfo of a Signature that is (or will be) the last child of the document's root.
 * C14N 1.0 of SignedInfo depends only on the element itself and on what it inherits from its
 * ancestors: the root's namespace declarations and xml:* attributes. So it is taken in place from a
 * small document made of the file's own bytes: `frame.opening` (prolog and root start tag), the
 * Signature element's bytes as written, and `frame.closing`. Nothing is re-serialised, and the
 * rest of the document (which a C14N subset walk would visit node by node) is left out.
 */
export function canonicalSignedInfo(frame: RootFrame, signatureBytes: Uint8Array): Buffer {
  const document = parseXml(Buffer.concat([frame.opening, signatureBytes, frame.closing]));
  try {
    const signedInfo = document.get('/*/ds:Signature/ds:SignedInfo', { ds: DSIG_NAMESPACE });
    if (!(signedInfo instanceof XmlElement)) throw new Error('SignedInfo not found in the Signature element');
    return canonicalElement(signedInfo);
  } finally {
    document.dispose();
  }
}
