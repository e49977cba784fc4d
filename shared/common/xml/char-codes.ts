// The character codes the positioned scanner (parse.ts) and its DOCTYPE reader (doctype.ts)
// compare with, and the two pseudo-codes its character reader returns.

/** End of input. */
export const EOC = -1;
/** A CR (alone or before LF), or in XML 1.1 also NEL and LINE SEPARATOR: reads as LF. */
export const NL_LIKE = -2;

export const TAB = 9;
export const NL = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const BANG = 0x21;
export const DQUOTE = 0x22;
export const AMP = 0x26;
export const SQUOTE = 0x27;
export const MINUS = 0x2d;
export const SLASH = 0x2f;
export const SEMICOLON = 0x3b;
export const LESS = 0x3c;
export const EQUAL = 0x3d;
export const GREATER = 0x3e;
export const QUESTION = 0x3f;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const NEL = 0x85;
export const LS = 0x2028;
