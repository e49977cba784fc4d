// Base64 as XML-DSig (RFC 2045 via the ds:CryptoBinary and base64Binary types) allows it and as
// xmlsec1 and OpenSSL decode it: XML white space may appear anywhere and is ignored; any other
// character outside the alphabet, missing padding, or data after the padding makes the value
// invalid. Node's Buffer.from(text, 'base64') skips such characters silently, so it is never used
// on its own for signature values or certificates.

const XML_WHITE_SPACE = /[ \t\r\n]+/g;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of a base64 text, or null when it is not strictly base64 (white space aside). */
export function decodeStrictBase64(text: string): Buffer | null {
  const compact = text.replace(XML_WHITE_SPACE, '');
  if (!STRICT_BASE64.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}
