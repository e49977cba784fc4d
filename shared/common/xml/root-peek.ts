// The root peek: what a document's root element is, read from the first bytes without a full
// scan, and whether a text can hold a DTD at all. The validator's fast path uses both (a text with
// no DOCTYPE cannot declare entities, so libxml2 may see it first).

/** How much of a file's start peekRoot reads when validating bytes (the prolog and the root's start tag). */
export const ROOT_PEEK_BYTES = 64 * 1024;

/** Whether `bytes` contain the ASCII string `needle`: a native search for its second byte ('!' for
 * '<!DOCTYPE', rare in these files), then a comparison around each hit. */
export function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const anchor = needle.charCodeAt(1);
  for (let at = bytes.indexOf(anchor, 1); at !== -1; at = bytes.indexOf(anchor, at + 1)) {
    let matches = true;
    for (let index = 0; index < needle.length && matches; index++) matches = bytes[at - 1 + index] === needle.charCodeAt(index);
    if (matches) return true;
  }
  return false;
}

/**
 * The root element's name and namespace, read without a full scan: skips the prolog (XML
 * declaration, comments, processing instructions) and reads the first start tag's name and its
 * namespace declarations. Null when the text does not start like a document; the full scan then
 * gives the precise error. Only used when the text holds no DOCTYPE.
 */
export function peekRoot(text: string): { localName: string; namespaceUri: string } | null {
  let position = 0;
  for (;;) {
    position = text.indexOf('<', position);
    if (position === -1) return null;
    if (text.startsWith('<?', position)) {
      const end = text.indexOf('?>', position + 2);
      if (end === -1) return null;
      position = end + 2;
    } else if (text.startsWith('<!--', position)) {
      const end = text.indexOf('-->', position + 4);
      if (end === -1) return null;
      position = end + 3;
    } else if (text.startsWith('<!', position)) {
      return null;
    } else {
      break;
    }
  }
  const nameMatch = /^<([^\s/>]+)/.exec(text.slice(position, position + 256));
  if (!nameMatch) return null;
  const qualifiedName = nameMatch[1]!;
  const colon = qualifiedName.indexOf(':');
  const prefix = colon === -1 ? '' : qualifiedName.slice(0, colon);
  const localName = colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
  // The start tag ends at the first '>' outside quotes.
  let end = position + nameMatch[0].length;
  let quote = '';
  for (; end < text.length; end++) {
    const character = text[end]!;
    if (quote) {
      if (character === quote) quote = '';
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '>') {
      break;
    }
  }
  const tag = text.slice(position, end);
  const declaration = new RegExp(`\\sxmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*(["'])(.*?)\\1`).exec(tag);
  return { localName, namespaceUri: declaration ? declaration[2]! : '' };
}
