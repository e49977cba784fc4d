// The states of the positioned scanner (parse.ts), its DOCTYPE reader (doctype.ts) and its XML
// declaration reader (xml-declaration.ts), numbered once. saxes' numbering is irrelevant; the
// transitions are its. The DOCTYPE states (S_DOCTYPE to S_DTD_PI_ENDING) stay one contiguous run:
// doctype.ts's isDoctypeState tells them by range.

export const S_BEGIN = 0;
export const S_BEGIN_WHITESPACE = 1;
export const S_DOCTYPE = 2;
export const S_DOCTYPE_QUOTE = 3;
export const S_DTD = 4;
export const S_DTD_QUOTED = 5;
export const S_DTD_OPEN_WAKA = 6;
export const S_DTD_OPEN_WAKA_BANG = 7;
export const S_DTD_COMMENT = 8;
export const S_DTD_COMMENT_ENDING = 9;
export const S_DTD_COMMENT_ENDED = 10;
export const S_DTD_PI = 11;
export const S_DTD_PI_ENDING = 12;
export const S_TEXT = 13;
export const S_ENTITY = 14;
export const S_OPEN_WAKA = 15;
export const S_OPEN_WAKA_BANG = 16;
export const S_COMMENT = 17;
export const S_COMMENT_ENDING = 18;
export const S_COMMENT_ENDED = 19;
export const S_CDATA = 20;
export const S_CDATA_ENDING = 21;
export const S_CDATA_ENDING_2 = 22;
export const S_PI_FIRST_CHAR = 23;
export const S_PI_REST = 24;
export const S_PI_BODY = 25;
export const S_PI_ENDING = 26;
export const S_XML_DECL_NAME_START = 27;
export const S_XML_DECL_NAME = 28;
export const S_XML_DECL_EQ = 29;
export const S_XML_DECL_VALUE_START = 30;
export const S_XML_DECL_VALUE = 31;
export const S_XML_DECL_SEPARATOR = 32;
export const S_XML_DECL_ENDING = 33;
export const S_OPEN_TAG = 34;
export const S_OPEN_TAG_SLASH = 35;
export const S_ATTRIB = 36;
export const S_ATTRIB_NAME = 37;
export const S_ATTRIB_NAME_SAW_WHITE = 38;
export const S_ATTRIB_VALUE = 39;
export const S_ATTRIB_VALUE_QUOTED = 40;
export const S_ATTRIB_VALUE_CLOSED = 41;
export const S_CLOSE_TAG = 43;
export const S_CLOSE_TAG_SAW_WHITE = 44;
