// Character classes of XML 1.0 (5th edition), XML 1.1 and Namespaces in XML, on code points.
// They are the productions saxes (via xmlchars) used before our own scanner replaced it, so
// the set of accepted names and characters is unchanged.

export function isS(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Char production of XML 1.0. */
export function isChar10(c: number): boolean {
  return (c >= 0x20 && c <= 0xd7ff) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Char production of XML 1.1. */
export function isChar11(c: number): boolean {
  return (c >= 0x0001 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** NameStartChar (with ':'). */
export function isNameStartChar(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x3a ||
    c === 0x5f ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0x00f8 && c <= 0x02ff) ||
    (c >= 0x0370 && c <= 0x037d) ||
    (c >= 0x037f && c <= 0x1fff) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

/** NameChar (with ':'). */
export function isNameChar(c: number): boolean {
  return (
    isNameStartChar(c) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0xb7 ||
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x203f && c <= 0x2040)
  );
}

/** NCNameStartChar (no ':'). */
export function isNCNameStartChar(c: number): boolean {
  return c !== 0x3a && isNameStartChar(c);
}

/** NCNameChar (no ':'). */
export function isNCNameChar(c: number): boolean {
  return c !== 0x3a && isNameChar(c);
}

/** NCName, on a whole string (astral characters included). */
export function isNCName(name: string): boolean {
  if (name.length === 0) return false;
  let first = true;
  for (const character of name) {
    const c = character.codePointAt(0)!;
    if (first ? !isNCNameStartChar(c) : !isNCNameChar(c)) return false;
    first = false;
  }
  return true;
}
