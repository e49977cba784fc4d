// Positioned, namespace-aware XML parsing: a hand-written, single-pass scanner.
//
// It checks well-formedness, resolves namespaces and builds the positioned tree (model.ts) in
// one pass over the string, with charCodeAt loops and tables for the hot paths (character
// data, attribute values, names, comment and CDATA bodies). It replaced a parser built on
// saxes and keeps its behaviour exactly: the same tree for every document saxes accepted, and
// for every document it refused the same first error (code, message key, detail and range).
// To make that true by construction, the scanner follows saxes' state machine, state by state,
// but stops at the first error (XML has no error recovery) and reads the whole text as one
// chunk. test/unit/xml/saxes-reference.ts keeps the old implementation as the oracle of a
// property test (test/unit/xml/scanner-equivalence.test.ts).
//
// Its parts beside it: the character codes (char-codes.ts) and classes (chars.ts), the DOCTYPE
// reader (doctype.ts: a document type declaration is refused outright, XML_DTD_FORBIDDEN, so there
// are no external entities, no parameter entities and no entity expansion), references
// (entities.ts: the five predefined entities and character references), and the sorting of its
// messages into codes (error-kinds.ts).
import * as CHAR_CODES from './char-codes';
import { isChar10, isChar11, isNameChar, isNameStartChar, isNCNameChar, isNCNameStartChar, isS } from './chars';
import { XML_CODES } from './codes';
import { DOCTYPE_KEYWORD, isDoctypeState, stepDoctype, type DoctypeScanner } from './doctype';
import { resolveReference } from './entities';
import * as SCANNER_STATES from './scanner-states';
import { stepXmlDeclaration, type XmlDeclarationScanner } from './xml-declaration';
import { classifyMessage } from './error-kinds';
import { createDiagnostic, type Diagnostic } from './diagnostic';
import { explainXmlError } from './explain';
import {
  XML_NAMESPACE,
  XMLNS_NAMESPACE,
  type XmlAttributeNode,
  type XmlChildNode,
  type XmlDeclaration,
  type XmlDocumentNode,
  type XmlElementNode,
} from './model';
import { computeLineStarts, PositionMapper, type Range } from './positions';

export type XmlParseResult = { ok: true; document: XmlDocumentNode } | { ok: false; error: Diagnostic };

/** The root element as `checkXml` reports it (no tree is built). */
export interface XmlRootInfo {
  name: string;
  prefix: string;
  localName: string;
  namespaceUri: string;
  /** Offset of the `<` of its start tag. */
  start: number;
}

export type XmlCheckResult = { ok: true; root: XmlRootInfo } | { ok: false; error: Diagnostic };

/** An element as `scanElements` reports it, once it is complete (no tree is built). */
export interface XmlElementLayout {
  name: string;
  localName: string;
  namespaceUri: string;
  /** Offset of the `<` of the start tag. */
  start: number;
  /** Offset just past the `>` of the start tag. */
  startTagEnd: number;
  /** Offset of the `<` of the end tag; -1 when the element is written `<x/>`. */
  endTagStart: number;
  /** Offset just past the `>` that ends the element. */
  end: number;
  /** How many elements enclose it: 0 for the root. */
  depth: number;
}

export type ElementObserver = (element: XmlElementLayout) => void;

export { XML_CODES } from './codes';

// The scanner's states and character codes as local constants: its hot loops compare with them at
// every character, and a local constant costs nothing where a module binding may not (under the
// test runner's module transform, each imported name is read through a getter).
const {
  S_ATTRIB,
  S_ATTRIB_NAME,
  S_ATTRIB_NAME_SAW_WHITE,
  S_ATTRIB_VALUE,
  S_ATTRIB_VALUE_CLOSED,
  S_ATTRIB_VALUE_QUOTED,
  S_BEGIN,
  S_BEGIN_WHITESPACE,
  S_CDATA,
  S_CDATA_ENDING,
  S_CDATA_ENDING_2,
  S_CLOSE_TAG,
  S_CLOSE_TAG_SAW_WHITE,
  S_COMMENT,
  S_COMMENT_ENDED,
  S_COMMENT_ENDING,
  S_DOCTYPE,
  S_ENTITY,
  S_OPEN_TAG,
  S_OPEN_TAG_SLASH,
  S_OPEN_WAKA,
  S_OPEN_WAKA_BANG,
  S_PI_BODY,
  S_PI_ENDING,
  S_PI_FIRST_CHAR,
  S_PI_REST,
  S_TEXT,
  S_XML_DECL_ENDING,
  S_XML_DECL_EQ,
  S_XML_DECL_NAME,
  S_XML_DECL_NAME_START,
  S_XML_DECL_SEPARATOR,
  S_XML_DECL_VALUE,
  S_XML_DECL_VALUE_START,
} = SCANNER_STATES;
const {
  AMP,
  BANG,
  CLOSE_BRACKET,
  CR,
  DQUOTE,
  EOC,
  EQUAL,
  GREATER,
  LESS,
  LS,
  MINUS,
  NEL,
  NL,
  NL_LIKE,
  QUESTION,
  SEMICOLON,
  SLASH,
  SPACE,
  SQUOTE,
  TAB,
} = CHAR_CODES;



const FORBIDDEN_START = 0;
const FORBIDDEN_BRACKET = 1;
const FORBIDDEN_BRACKET_BRACKET = 2;

const isQuote = (c: number): boolean => c === DQUOTE || c === SQUOTE;

/** ASCII characters that never need a closer look in names: letters, digits, _ : . - */
const ASCII_NAME = new Uint8Array(128);
/** ASCII characters that can be copied as they are inside character data. */
const ASCII_TEXT = new Uint8Array(128);
/** ... inside comments (stop at '-') and CDATA sections (stop at ']'). */
const ASCII_COMMENT = new Uint8Array(128);
const ASCII_CDATA = new Uint8Array(128);
/** ... inside attribute values (the quote is checked separately). */
const ASCII_ATTRIBUTE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const plain = c >= 0x20 || c === TAB || c === NL;
  ASCII_NAME[c] = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x3a || c === 0x2e || c === 0x2d ? 1 : 0;
  ASCII_TEXT[c] = plain && c !== LESS && c !== AMP && c !== CLOSE_BRACKET && c !== GREATER ? 1 : 0;
  ASCII_COMMENT[c] = plain && c !== MINUS ? 1 : 0;
  ASCII_CDATA[c] = plain && c !== CLOSE_BRACKET ? 1 : 0;
  ASCII_ATTRIBUTE[c] = c >= 0x20 && c !== AMP && c !== LESS ? 1 : 0;
}


/** Thrown to stop at the first error; the diagnostic is already built. */
class StopParsing {
  constructor(readonly error: Diagnostic) {}
}

/** An attribute between its closing quote and the end of its start tag. */
interface PendingAttribute {
  name: string;
  prefix: string;
  local: string;
  value: string;
  nameStart: number;
  valueStart: number;
  valueEnd: number;
  quote: number;
  uri: string;
}

/** What the scanner keeps of an open element; in building mode, the element node itself. */
interface OpenElement {
  name: string;
  start: number;
  /** Kept in checking mode only when an element observer listens. */
  localName?: string;
  namespaceUri?: string;
  startTagEnd?: number;
}

/** Namespace bindings in scope: the element's own, then its ancestors', then xml and xmlns. */
type Scope = Map<string, string>;
const ROOT_SCOPE: Scope = new Map([
  ['xml', XML_NAMESPACE],
  ['xmlns', XMLNS_NAMESPACE],
]);


/** Indentation strings ("\n" + spaces), shared between the many text nodes that are just that. */
const INDENTS: string[] = [];
for (let spaces = 0; spaces <= 64; spaces++) INDENTS.push(`\n${' '.repeat(spaces)}`);

/** text[start, end) as a string; a newline plus up to 64 spaces comes from the shared set. */
function textValue(text: string, start: number, end: number): string {
  const length = end - start;
  if (length <= 65 && text.charCodeAt(start) === NL) {
    let index = start + 1;
    while (index < end && text.charCodeAt(index) === SPACE) index++;
    if (index === end) return INDENTS[length - 1]!;
  }
  return text.slice(start, end);
}

function splitQualifiedName(name: string): { prefix: string; localName: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { prefix: '', localName: name } : { prefix: name.slice(0, colon), localName: name.slice(colon + 1) };
}

class Scanner implements DoctypeScanner, XmlDeclarationScanner {
  private readonly n: number;
  /**
   * End of the chunk being read. saxes received the text in one write, but held back a final
   * CR or high surrogate until close(); the few places where that shows are reproduced.
   */
  private chunkEnd: number;
  /** Index of the '<' that started the markup being read. */
  private markupAt = 0;
  private tableText: Uint8Array = ASCII_TEXT;
  private tableComment: Uint8Array = ASCII_COMMENT;
  private tableCdata: Uint8Array = ASCII_CDATA;
  private tableAttribute: Uint8Array = ASCII_ATTRIBUTE;
  /** Index of the next character to read. */
  private i = 0;
  /** Index of the character read last (where `unget` goes back to). */
  private prevI = 0;
  state = S_BEGIN;
  private v11 = false;

  // Buffers, as in saxes.
  buffer = '';
  name = '';
  piTarget = '';
  private entity = '';
  openWakaBang = '';
  q = -1;
  private entityReturnState = S_TEXT;
  private forbiddenState = FORBIDDEN_START;
  xmlDeclPossible = true;
  xmlDeclExpects: string[] = ['version'];
  readonly xmlDecl: { version: string | undefined; encoding: string | undefined; standalone: string | undefined } = {
    version: undefined,
    encoding: undefined,
    standalone: undefined,
  };
  private sawRoot = false;
  private closedRoot = false;
  doctype = false;

  // The start tag being read.
  private tagName = '';
  private tagScope: Scope | null = null;
  private tagDeclares = false;
  private attributes: PendingAttribute[] = [];
  private attributeNameStart = 0;
  private attributeValueStart = 0;
  /** A surrogate inside the current tag: attribute ranges are then found by re-scanning it. */
  private tagHasSurrogate = false;

  // The tree.
  private readonly stack: OpenElement[] = [];
  private rootInfo: XmlRootInfo | null = null;
  /** Set once the root's start tag is complete (the old implementation's `root`). */
  private rootSeen = false;
  private readonly scopes: Scope[] = [];
  private scope: Scope = ROOT_SCOPE;
  private readonly topLevel: XmlChildNode[] = [];
  private root: XmlElementNode | null = null;
  declaration: XmlDeclaration | null = null;
  /** Offset just past the last node built (the old implementation's cursor). */
  cursor = 0;
  /** Start of the last end tag seen. */
  private lastEndTagStart = -1;
  private mapper: PositionMapper | null = null;

  /**
   * `build`: make the tree; otherwise only check well-formedness (same errors, no nodes), telling
   * `observer` (if any) of each element as it completes.
   */
  constructor(
    private readonly text: string,
    private readonly build: boolean,
    private readonly explain = true,
    private readonly observer: ElementObserver | null = null,
  ) {
    this.n = text.length;
    const last = text.charCodeAt(this.n - 1);
    this.chunkEnd = this.n > 0 && (last === CR || (last >= 0xd800 && last <= 0xdbff)) ? this.n - 1 : this.n;
  }

  // ---- results ----------------------------------------------------------------------------

  parse(): XmlParseResult {
    const failure = this.run();
    if (failure) return { ok: false, error: this.explained(failure) };
    const lineStarts = this.mapper ? this.mapper.lineStarts : computeLineStarts(this.text);
    return { ok: true, document: { kind: 'document', text: this.text, declaration: this.declaration, children: this.topLevel, root: this.root!, lineStarts } };
  }

  check(): XmlCheckResult {
    const failure = this.run();
    return failure ? { ok: false, error: this.explained(failure) } : { ok: true, root: this.rootInfo! };
  }

  /** The first error as a person would name it (explain.ts), unless saxes' wording was asked for. */
  private explained(failure: Diagnostic): Diagnostic {
    return this.explain ? explainXmlError(this.text, failure) : failure;
  }

  /** Scans the whole text; returns the first error, or null. */
  private run(): Diagnostic | null {
    try {
      const n = this.n;
      const limit = this.chunkEnd;
      while (this.i < limit) this.step();
      if (limit < n) {
        this.i = limit;
        this.chunkEnd = n;
        while (this.i < n) this.step();
      }
      this.end();
    } catch (error) {
      if (error instanceof StopParsing) return error.error;
      // A character the scanner cannot turn into a string (a lone surrogate in some places),
      // reported where saxes' own crash was reported: at the end of the last node.
      const at = Math.min(this.cursor, this.n);
      return createDiagnostic('xml', XML_CODES.syntax, 'error', 'xml.error.syntax', { detail: error instanceof Error ? error.message : String(error) }, this.range(at, at));
    }
    return null;
  }

  /** The innermost open element node (building mode only). */
  private parentNode(): XmlElementNode | null {
    const stack = this.stack;
    return stack.length > 0 ? (stack[stack.length - 1] as XmlElementNode) : null;
  }

  private range(start: number, end: number): Range {
    this.mapper ??= PositionMapper.forText(this.text);
    return this.mapper.rangeOf(start, end);
  }

  markupStart(): number {
    const start = this.text.indexOf('<', this.cursor);
    return start < 0 ? this.cursor : start;
  }

  /** Where the node whose last character was just read ends (comments: see `comment`). */
  markupEnd(): number {
    const position = this.i;
    if (position > 0 && this.text.charCodeAt(position - 1) === GREATER) return position;
    const close = this.text.indexOf('>', position);
    return close < 0 ? position : close + 1;
  }

  failDoctype(start: number): never {
    throw new StopParsing(
      createDiagnostic('xml', XML_CODES.dtdForbidden, 'error', 'xml.error.dtdForbidden', {}, this.range(start, Math.min(start + DOCTYPE_KEYWORD.length, this.n))),
    );
  }

  /** Stops at the first error, placed where saxes' position was when it reported it. */
  fail(message: string, at: number = this.i): never {
    const text = this.text;
    const position = Math.min(at, this.n);
    // A broken DOCTYPE is still a DOCTYPE: say so rather than "unexpected end".
    if (!this.rootSeen) {
      const doctype = text.indexOf(DOCTYPE_KEYWORD, this.cursor);
      if (doctype >= 0 && doctype < Math.max(position, this.cursor + 1)) this.failDoctype(doctype);
    }
    const kind = classifyMessage(message);
    let range: Range;
    if (kind.code === XML_CODES.unclosedElement && this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1]!;
      range = this.range(open.start + 1, open.start + 1 + open.name.length);
    } else if (kind.code === XML_CODES.undefinedEntity) {
      const ampersand = text.lastIndexOf('&', Math.max(position - 1, 0));
      range = this.range(ampersand >= 0 ? ampersand : Math.max(position - 1, 0), position);
    } else if (kind.code === XML_CODES.mismatchedEndTag) {
      const last = this.lastEndTagStart;
      const start = last >= 0 && last < position ? Math.max(last, text.lastIndexOf('</', position - 1)) : this.markupStart();
      range = this.range(start, position);
    } else {
      range = this.range(Math.max(position - 1, 0), position);
    }
    throw new StopParsing(createDiagnostic('xml', kind.code, 'error', kind.messageKey, { detail: message.replace(/\.$/, '') }, range));
  }

  // ---- reading characters (saxes' getCode10 / getCode11) -------------------------------------

  private getCode(): number {
    const i = this.i;
    this.prevI = i;
    this.i = i + 1;
    if (i >= this.chunkEnd) return EOC;
    const text = this.text;
    const code = text.charCodeAt(i);
    if (code < 0xd800) {
      if (this.v11) {
        if ((code > 0x1f && code < 0x7f) || (code > 0x9f && code !== LS) || code === TAB) return code;
        switch (code) {
          case NL:
            return NL;
          case CR: {
            const next = text.charCodeAt(i + 1);
            if (next === NL || next === NEL) this.i = i + 2;
            return NL_LIKE;
          }
          case NEL:
          case LS:
            return NL_LIKE;
          default:
            return this.fail('disallowed character.');
        }
      }
      if (code >= SPACE || code === TAB) return code;
      if (code === NL) return NL;
      if (code === CR) {
        if (text.charCodeAt(i + 1) === NL) this.i = i + 2;
        return NL_LIKE;
      }
      return this.fail('disallowed character.');
    }
    if (code > 0xdbff) {
      if (!(code >= 0xe000 && code <= 0xfffd)) this.fail('disallowed character.');
      return code;
    }
    // A high surrogate and whatever follows it, combined as saxes combines them.
    const low = i + 1 < this.chunkEnd ? text.charCodeAt(i + 1) : NaN;
    const final = 0x10000 + (code - 0xd800) * 0x400 + (low - 0xdc00);
    this.i = i + 2;
    if (final > 0x10ffff) this.fail('disallowed character.');
    return final;
  }

  /** XML 1.1: DEL and C1 controls are refused, NEL and LINE SEPARATOR end lines. */
  useXml11(): void {
    this.v11 = true;
    const without = (table: Uint8Array): Uint8Array => {
      const copy = table.slice();
      copy[0x7f] = 0;
      return copy;
    };
    this.tableText = without(ASCII_TEXT);
    this.tableComment = without(ASCII_COMMENT);
    this.tableCdata = without(ASCII_CDATA);
    this.tableAttribute = without(ASCII_ATTRIBUTE);
  }

  getCodeNorm(): number {
    const c = this.getCode();
    return c === NL_LIKE ? NL : c;
  }

  private unget(): void {
    this.i = this.prevI;
  }

  private isChar(c: number): boolean {
    return this.v11 ? isChar11(c) : isChar10(c);
  }

  /** Is `code` (a UTF-16 unit below 0xD800) one getCode returns as it is? */
  private plainNonAscii(code: number): boolean {
    return !this.v11 || (code > 0x9f && code !== LS);
  }

  captureTo(chars: readonly number[]): number {
    let start = this.i;
    const text = this.text;
    for (;;) {
      const c = this.getCode();
      const isNLLike = c === NL_LIKE;
      const final = isNLLike ? NL : c;
      if (final === EOC || chars.includes(final)) {
        this.buffer += text.slice(start, this.prevI);
        return final;
      }
      if (isNLLike) {
        this.buffer += `${text.slice(start, this.prevI)}\n`;
        start = this.i;
      }
    }
  }

  /**
   * Appends characters to the buffer up to `char` (not NL), LF-normalised. `table` marks the
   * ASCII characters that can be copied without a closer look. True when `char` was found.
   */
  captureToChar(char: number, table: Uint8Array | null): boolean {
    const text = this.text;
    const n = this.chunkEnd;
    let start = this.i;
    let j = start;
    for (;;) {
      if (table !== null && j < n) {
        const code = text.charCodeAt(j);
        if (code < 128 ? table[code] === 1 : code < 0xd800 && this.plainNonAscii(code)) {
          j++;
          continue;
        }
      }
      this.i = j;
      let c = this.getCode();
      if (c === NL_LIKE) {
        this.buffer += `${text.slice(start, this.prevI)}\n`;
        start = this.i;
        c = NL;
      } else if (c === EOC) {
        this.buffer += text.slice(start, n);
        return false;
      }
      if (c === char) {
        this.buffer += text.slice(start, this.prevI);
        return true;
      }
      j = this.i;
    }
  }

  /** Appends name characters to `name`; returns the character that ended the name (NL for NL_LIKE). */
  private captureNameChars(): number {
    const text = this.text;
    const n = this.chunkEnd;
    const start = this.i;
    let j = start;
    for (;;) {
      if (j < n) {
        const code = text.charCodeAt(j);
        if (code < 128 && ASCII_NAME[code] === 1) {
          j++;
          continue;
        }
      }
      this.i = j;
      const c = this.getCode();
      if (c === EOC) {
        this.name += text.slice(start, n);
        return EOC;
      }
      if (!isNameChar(c)) {
        this.name += text.slice(start, this.prevI);
        return c === NL_LIKE ? NL : c;
      }
      const unit = text.charCodeAt(this.prevI);
      if (unit >= 0xd800 && unit <= 0xdfff) this.tagHasSurrogate = true;
      j = this.i;
    }
  }

  skipSpaces(): number {
    for (;;) {
      const c = this.getCodeNorm();
      if (c === EOC || !isS(c)) return c;
    }
  }

  // ---- the state machine ------------------------------------------------------------------

  private step(): void {
    switch (this.state) {
      case S_TEXT:
        if (this.stack.length !== 0) this.textInRoot();
        else this.textOutsideRoot();
        return;
      case S_OPEN_WAKA:
        return this.sOpenWaka();
      case S_OPEN_TAG:
        return this.sOpenTag();
      case S_ATTRIB:
        return this.sAttrib();
      case S_ATTRIB_NAME:
        return this.sAttribName();
      case S_ATTRIB_VALUE:
        return this.sAttribValue();
      case S_ATTRIB_VALUE_QUOTED:
        return this.sAttribValueQuoted();
      case S_ATTRIB_VALUE_CLOSED:
        return this.sAttribValueClosed();
      case S_CLOSE_TAG:
        return this.sCloseTag();
      case S_OPEN_TAG_SLASH:
        if (this.getCode() === GREATER) this.openTag(true);
        else this.fail('forward-slash in opening tag not followed by >.');
        return;
      case S_ATTRIB_NAME_SAW_WHITE:
        return this.sAttribNameSawWhite();
      case S_CLOSE_TAG_SAW_WHITE:
        switch (this.skipSpaces()) {
          case GREATER:
            this.closeTag();
            return;
          case EOC:
            return;
          default:
            this.fail('disallowed character in closing tag.');
        }
        return;
      case S_ENTITY:
        return this.sEntity();
      case S_BEGIN:
        if (this.text.charCodeAt(0) === 0xfeff) this.i++;
        this.state = S_BEGIN_WHITESPACE;
        return;
      case S_BEGIN_WHITESPACE:
        return this.sBeginWhitespace();
      case S_OPEN_WAKA_BANG:
        return this.sOpenWakaBang();
      case S_COMMENT:
        if (this.captureToChar(MINUS, this.tableComment)) this.state = S_COMMENT_ENDING;
        return;
      case S_COMMENT_ENDING: {
        const c = this.getCodeNorm();
        if (c === MINUS) {
          this.state = S_COMMENT_ENDED;
          this.comment(this.buffer);
          this.buffer = '';
        } else {
          this.buffer += `-${String.fromCodePoint(c)}`;
          this.state = S_COMMENT;
        }
        return;
      }
      case S_COMMENT_ENDED: {
        const c = this.getCodeNorm();
        if (c !== GREATER) {
          this.fail('malformed comment.');
        }
        this.state = S_TEXT;
        return;
      }
      case S_CDATA:
        if (this.captureToChar(CLOSE_BRACKET, this.tableCdata)) this.state = S_CDATA_ENDING;
        return;
      case S_CDATA_ENDING: {
        const c = this.getCodeNorm();
        if (c === CLOSE_BRACKET) this.state = S_CDATA_ENDING_2;
        else {
          this.buffer += `]${String.fromCodePoint(c)}`;
          this.state = S_CDATA;
        }
        return;
      }
      case S_CDATA_ENDING_2: {
        const c = this.getCodeNorm();
        if (c === GREATER) {
          this.cdata(this.buffer);
          this.buffer = '';
          this.state = S_TEXT;
        } else if (c === CLOSE_BRACKET) {
          this.buffer += ']';
        } else {
          this.buffer += `]]${String.fromCodePoint(c)}`;
          this.state = S_CDATA;
        }
        return;
      }
      case S_PI_FIRST_CHAR:
        return this.sPIFirstChar();
      case S_PI_REST:
        return this.sPIRest();
      case S_PI_BODY:
        return this.sPIBody();
      case S_PI_ENDING:
        return this.sPIEnding();
      case S_XML_DECL_NAME_START:
      case S_XML_DECL_NAME:
      case S_XML_DECL_EQ:
      case S_XML_DECL_VALUE_START:
      case S_XML_DECL_VALUE:
      case S_XML_DECL_SEPARATOR:
      case S_XML_DECL_ENDING:
        return stepXmlDeclaration(this);
      default:
        if (isDoctypeState(this.state)) return stepDoctype(this);
        throw new Error(`unknown scanner state ${this.state}`);
    }
  }

  private sBeginWhitespace(): void {
    const iBefore = this.i;
    const c = this.skipSpaces();
    if (this.prevI !== iBefore) this.xmlDeclPossible = false;
    switch (c) {
      case LESS:
        this.state = S_OPEN_WAKA;
        this.markupAt = this.prevI;
        break;
      case EOC:
        break;
      default:
        this.unget();
        this.state = S_TEXT;
        this.xmlDeclPossible = false;
    }
  }

  /** Character data inside the root element: the hot path. */
  private textInRoot(): void {
    const text = this.text;
    const n = this.chunkEnd;
    const table = this.tableText;
    let start = this.i;
    let j = start;
    let forbidden = this.forbiddenState;
    for (;;) {
      if (j < n) {
        const code = text.charCodeAt(j);
        if (code < 128) {
          if (table[code] === 1) {
            j++;
            forbidden = FORBIDDEN_START;
            continue;
          }
        } else if (code < 0xd800 && this.plainNonAscii(code)) {
          j++;
          forbidden = FORBIDDEN_START;
          continue;
        }
      }
      this.i = j;
      switch (this.getCode()) {
        case LESS: {
          this.state = S_OPEN_WAKA;
          this.markupAt = this.prevI;
          if (this.buffer.length !== 0 || this.prevI > start) {
            const end = this.markupStart();
            if (this.build) {
              const value = this.buffer.length !== 0 ? this.buffer + text.slice(start, this.prevI) : textValue(text, start, this.prevI);
              const parent = this.parentNode()!;
              parent.children.push({ kind: 'text', value, start: this.cursor, end, parent });
            }
            this.cursor = end;
          }
          this.buffer = '';
          this.forbiddenState = FORBIDDEN_START;
          return;
        }
        case AMP:
          this.state = S_ENTITY;
          this.entityReturnState = S_TEXT;
          this.buffer += text.slice(start, this.prevI);
          this.forbiddenState = FORBIDDEN_START;
          return;
        case CLOSE_BRACKET:
          forbidden = forbidden === FORBIDDEN_START ? FORBIDDEN_BRACKET : FORBIDDEN_BRACKET_BRACKET;
          break;
        case GREATER:
          if (forbidden === FORBIDDEN_BRACKET_BRACKET) this.fail('the string "]]>" is disallowed in char data.');
          forbidden = FORBIDDEN_START;
          break;
        case NL_LIKE:
          // When only checking, the text itself is not needed, only that there is some.
          if (this.build) this.buffer += `${text.slice(start, this.prevI)}\n`;
          else this.buffer = '\n';
          start = this.i;
          forbidden = FORBIDDEN_START;
          break;
        case EOC:
          this.buffer += text.slice(start, n);
          this.forbiddenState = forbidden;
          return;
        default:
          forbidden = FORBIDDEN_START;
      }
      j = this.i;
    }
  }

  private textOutsideRoot(): void {
    let nonSpace = false;
    for (;;) {
      const code = this.getCode();
      if (code === LESS) {
        this.state = S_OPEN_WAKA;
        this.markupAt = this.prevI;
        this.buffer = '';
        break;
      }
      if (code === AMP) {
        this.state = S_ENTITY;
        this.entityReturnState = S_TEXT;
        nonSpace = true;
        break;
      }
      if (code === EOC) break;
      if (code !== NL_LIKE && !isS(code)) nonSpace = true;
    }
    if (!nonSpace) return;
    if (!this.sawRoot || this.closedRoot) this.fail('text data outside of root node.');
  }

  private sEntity(): void {
    const text = this.text;
    let start = this.i;
    for (;;) {
      switch (this.getCode()) {
        case NL_LIKE:
          this.entity += `${text.slice(start, this.prevI)}\n`;
          start = this.i;
          break;
        case SEMICOLON: {
          const returnState = this.entityReturnState;
          const entity = this.entity + text.slice(start, this.prevI);
          this.state = returnState;
          if (entity === '') this.fail('empty entity name.');
          this.buffer += this.parseEntity(entity);
          this.entity = '';
          return;
        }
        case EOC:
          this.entity += text.slice(start, this.chunkEnd);
          return;
        default:
      }
    }
  }

  private parseEntity(entity: string): string {
    const resolved = resolveReference(entity, this.v11);
    return 'text' in resolved ? resolved.text : this.fail(resolved.refusal);
  }

  private sOpenWaka(): void {
    const c = this.getCode();
    if (isNameStartChar(c)) {
      this.state = S_OPEN_TAG;
      this.unget();
      this.xmlDeclPossible = false;
      return;
    }
    switch (c) {
      case SLASH:
        this.state = S_CLOSE_TAG;
        this.xmlDeclPossible = false;
        return;
      case BANG:
        this.state = S_OPEN_WAKA_BANG;
        this.openWakaBang = '';
        this.xmlDeclPossible = false;
        return;
      case QUESTION:
        this.state = S_PI_FIRST_CHAR;
        return;
      default:
        this.fail('disallowed character in tag name');
    }
  }

  private sOpenWakaBang(): void {
    this.openWakaBang += String.fromCodePoint(this.getCodeNorm());
    switch (this.openWakaBang) {
      case '[CDATA[':
        if (!this.sawRoot || this.closedRoot) this.fail('text data outside of root node.');
        this.state = S_CDATA;
        this.openWakaBang = '';
        this.buffer = '';
        return;
      case '--':
        this.state = S_COMMENT;
        this.openWakaBang = '';
        this.buffer = '';
        return;
      case 'DOCTYPE':
        this.state = S_DOCTYPE;
        if (this.doctype || this.sawRoot) this.fail('inappropriately located doctype declaration.');
        this.openWakaBang = '';
        return;
      default:
        if (this.openWakaBang.length >= 7) this.fail('incorrect syntax.');
    }
  }

  // ---- start tags -------------------------------------------------------------------------

  private sOpenTag(): void {
    this.tagHasSurrogate = false;
    const c = this.captureNameChars();
    if (c === EOC) return;
    this.tagName = this.name;
    this.name = '';
    this.tagScope = null;
    this.tagDeclares = false;
    this.attributes = [];
    this.sawRoot = true;
    if (this.closedRoot) this.fail('documents may contain only one root.');
    switch (c) {
      case GREATER:
        this.openTag(false);
        return;
      case SLASH:
        this.state = S_OPEN_TAG_SLASH;
        return;
      default:
        if (!isS(c)) this.fail('disallowed character in tag name.');
        this.state = S_ATTRIB;
    }
  }

  private sAttrib(): void {
    const c = this.skipSpaces();
    if (c === EOC) return;
    if (isNameStartChar(c)) {
      this.unget();
      this.attributeNameStart = this.i;
      this.state = S_ATTRIB_NAME;
    } else if (c === GREATER) {
      this.openTag(false);
    } else if (c === SLASH) {
      this.state = S_OPEN_TAG_SLASH;
    } else {
      this.fail('disallowed character in attribute name.');
    }
  }

  private sAttribName(): void {
    const c = this.captureNameChars();
    if (c === EQUAL) this.state = S_ATTRIB_VALUE;
    else if (isS(c)) this.state = S_ATTRIB_NAME_SAW_WHITE;
    else if (c === GREATER) this.fail('attribute without value.');
    else if (c !== EOC) this.fail('disallowed character in attribute name.');
  }

  private sAttribNameSawWhite(): void {
    const c = this.skipSpaces();
    if (c === EOC) return;
    if (c === EQUAL) this.state = S_ATTRIB_VALUE;
    else this.fail('attribute without value.');
  }

  private sAttribValue(): void {
    const c = this.getCodeNorm();
    if (isQuote(c)) {
      this.q = c;
      this.attributeValueStart = this.i;
      this.buffer = '';
      this.state = S_ATTRIB_VALUE_QUOTED;
    } else if (!isS(c)) {
      this.fail('unquoted attribute value.');
    }
  }

  private sAttribValueQuoted(): void {
    const text = this.text;
    const n = this.chunkEnd;
    const q = this.q;
    const table = this.tableAttribute;
    let start = this.i;
    let j = start;
    for (;;) {
      if (j < n) {
        const code = text.charCodeAt(j);
        if (code < 128) {
          if (table[code] === 1 && code !== q) {
            j++;
            continue;
          }
        } else if (code < 0xd800 && this.plainNonAscii(code)) {
          j++;
          continue;
        } else if (code >= 0xd800 && code <= 0xdfff) {
          this.tagHasSurrogate = true;
        }
      }
      this.i = j;
      switch (this.getCode()) {
        case q: {
          const valueEnd = this.prevI;
          // When only checking, only namespace declarations need their value.
          const needed = this.build || this.name.startsWith('xmlns');
          const value = !needed ? '' : this.buffer.length !== 0 ? this.buffer + text.slice(start, valueEnd) : text.slice(start, valueEnd);
          this.buffer = '';
          this.pushAttribute(this.name, value, valueEnd);
          this.name = '';
          this.q = -1;
          this.state = S_ATTRIB_VALUE_CLOSED;
          return;
        }
        case AMP:
          this.buffer += text.slice(start, this.prevI);
          this.state = S_ENTITY;
          this.entityReturnState = S_ATTRIB_VALUE_QUOTED;
          return;
        case NL:
        case NL_LIKE:
        case TAB:
          this.buffer += `${text.slice(start, this.prevI)} `;
          start = this.i;
          break;
        case LESS:
          this.fail('disallowed character.');
          break;
        case EOC:
          return;
        default:
      }
      j = this.i;
    }
  }

  private sAttribValueClosed(): void {
    const c = this.getCodeNorm();
    if (isS(c)) this.state = S_ATTRIB;
    else if (c === GREATER) this.openTag(false);
    else if (c === SLASH) this.state = S_OPEN_TAG_SLASH;
    else if (isNameStartChar(c)) this.fail('no whitespace between attributes.');
    else this.fail('disallowed character in attribute name.');
  }

  private qname(name: string): { prefix: string; local: string } {
    const colon = name.indexOf(':');
    if (colon === -1) return { prefix: '', local: name };
    const local = name.slice(colon + 1);
    const prefix = name.slice(0, colon);
    if (prefix === '' || local === '' || local.includes(':')) this.fail(`malformed name: ${name}.`);
    return { prefix, local };
  }

  private declare(prefix: string, uri: string): void {
    if (!this.tagDeclares) {
      this.tagScope = new Map(this.scope);
      this.tagDeclares = true;
    }
    this.tagScope!.set(prefix, uri);
    this.nsPairCheck(prefix, uri);
  }

  private nsPairCheck(prefix: string, uri: string): void {
    if (prefix === 'xml' && uri !== XML_NAMESPACE) this.fail(`xml prefix must be bound to ${XML_NAMESPACE}.`);
    if (prefix === 'xmlns' && uri !== XMLNS_NAMESPACE) this.fail(`xmlns prefix must be bound to ${XMLNS_NAMESPACE}.`);
    if (uri === XMLNS_NAMESPACE) {
      this.fail(prefix === '' ? `the default namespace may not be set to ${uri}.` : `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NAMESPACE}.`);
    } else if (uri === XML_NAMESPACE) {
      if (prefix === '') this.fail(`the default namespace may not be set to ${uri}.`);
      else if (prefix !== 'xml') this.fail('may not assign the xml namespace to another prefix.');
    }
  }

  private pushAttribute(name: string, value: string, valueEnd: number): void {
    const { prefix, local } = this.qname(name);
    this.attributes.push({
      name,
      prefix,
      local,
      value,
      nameStart: this.attributeNameStart,
      valueStart: this.attributeValueStart,
      valueEnd,
      quote: this.q,
      uri: '',
    });
    if (prefix === 'xmlns') {
      const trimmed = value.trim();
      if (!this.v11 && trimmed === '') this.fail('invalid attempt to undefine prefix in XML 1.0');
      this.declare(local, trimmed);
    } else if (name === 'xmlns') {
      this.declare('', value.trim());
    }
  }

  private resolve(prefix: string): string | undefined {
    return (this.tagDeclares ? this.tagScope! : this.scope).get(prefix);
  }

  /** The start tag is complete (at its '>'): resolve names, check attributes, build the element. */
  private openTag(selfClosing: boolean): void {
    const tagName = this.tagName;
    const { prefix, local } = this.qname(tagName);
    let uri = this.resolve(prefix) ?? '';
    if (prefix !== '') {
      if (prefix === 'xmlns') this.fail('tags may not have "xmlns" as prefix.');
      if (uri === '') {
        this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
        uri = prefix;
      }
    }
    const pending = this.attributes;
    if (pending.length > 1) {
      const seen = new Set<string>();
      for (const attribute of pending) this.resolveAttribute(attribute, seen);
    } else if (pending.length === 1) {
      this.resolveAttribute(pending[0]!, null);
    }

    const start = this.markupStart();
    const end = this.markupEnd();
    this.cursor = end;
    this.state = S_TEXT;
    this.name = '';
    this.attributes = [];
    if (!this.build) {
      if (this.stack.length === 0) {
        this.rootSeen = true;
        this.rootInfo ??= { name: tagName, prefix, localName: local, namespaceUri: uri, start };
      }
      const observer = this.observer;
      if (selfClosing) {
        if (this.stack.length === 0) this.closedRoot = true;
        observer?.({ name: tagName, localName: local, namespaceUri: uri, start, startTagEnd: end, endTagStart: -1, end, depth: this.stack.length });
      } else {
        this.stack.push(observer ? { name: tagName, start, localName: local, namespaceUri: uri, startTagEnd: end } : { name: tagName, start });
        this.scopes.push(this.scope);
        if (this.tagDeclares) this.scope = this.tagScope!;
      }
      return;
    }

    // The node, built as the saxes-based parser built it.
    const parent = this.parentNode();
    const element: XmlElementNode = {
      kind: 'element',
      name: tagName,
      prefix,
      localName: local,
      namespaceUri: uri,
      attributes: [],
      children: [],
      parent,
      start,
      end,
      startTagEnd: end,
      endTagStart: -1,
    };
    if (pending.length > 0) {
      if (this.tagHasSurrogate || start !== this.markupAt) this.rescanAttributes(element, pending);
      else for (const attribute of pending) element.attributes.push(this.attributeNode(attribute));
    }
    if (parent) parent.children.push(element);
    else {
      this.root = element;
      this.rootSeen = true;
      this.topLevel.push(element);
    }
    if (selfClosing) {
      if (this.stack.length === 0) this.closedRoot = true;
    } else {
      this.stack.push(element);
      this.scopes.push(this.scope);
      if (this.tagDeclares) this.scope = this.tagScope!;
    }
  }

  private resolveAttribute(attribute: PendingAttribute, seen: Set<string> | null): void {
    const { name, prefix, local } = attribute;
    let uri: string | undefined;
    let eqname: string;
    if (prefix === '') {
      uri = name === 'xmlns' ? XMLNS_NAMESPACE : '';
      eqname = name;
    } else {
      uri = this.resolve(prefix);
      if (uri === undefined) {
        this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
      }
      eqname = `{${uri}}${local}`;
    }
    if (seen !== null) {
      if (seen.has(eqname)) this.fail(`duplicate attribute: ${eqname}.`);
      seen.add(eqname);
    }
    attribute.uri = uri;
  }

  private attributeNode(attribute: PendingAttribute): XmlAttributeNode {
    const name = attribute.name;
    const isDeclaration = name === 'xmlns' || attribute.prefix === 'xmlns';
    return {
      kind: 'attribute',
      name,
      prefix: attribute.prefix,
      localName: attribute.local,
      namespaceUri: isDeclaration ? XMLNS_NAMESPACE : attribute.uri,
      value: attribute.value,
      quote: attribute.quote === SQUOTE ? "'" : '"',
      start: attribute.nameStart,
      end: attribute.valueEnd + 1,
      valueStart: attribute.valueStart,
      valueEnd: attribute.valueEnd,
    };
  }

  /**
   * The saxes-based parser found attribute ranges by re-scanning the start tag with indexOf.
   * A lone surrogate can make saxes' reading and that re-scan disagree; the tree must still be
   * the same, so in that (garbage-in) case we re-scan the same way.
   */
  private rescanAttributes(element: XmlElementNode, pending: PendingAttribute[]): void {
    const text = this.text;
    const byName = new Map<string, PendingAttribute>();
    for (const attribute of pending) byName.set(attribute.name, attribute);
    const tagEnd = element.startTagEnd;
    let index = element.start + 1 + element.name.length;
    while (index < tagEnd) {
      const code = text.charCodeAt(index);
      if (isS(code)) {
        index++;
        continue;
      }
      if (code === SLASH || code === GREATER) break;
      const nameStart = index;
      while (index < tagEnd) {
        const c = text.charCodeAt(index);
        if (c === EQUAL || isS(c)) break;
        index++;
      }
      const name = text.slice(nameStart, index);
      while (index < tagEnd && text.charCodeAt(index) !== EQUAL) index++;
      index++;
      while (index < tagEnd && isS(text.charCodeAt(index))) index++;
      const quote = text[index] ?? '"';
      const valueStart = index + 1;
      const valueEnd = text.indexOf(quote, valueStart);
      const resolved = byName.get(name);
      const split = splitQualifiedName(name);
      const isDeclaration = name === 'xmlns' || split.prefix === 'xmlns';
      element.attributes.push({
        kind: 'attribute',
        name,
        prefix: split.prefix,
        localName: split.localName,
        namespaceUri: isDeclaration ? XMLNS_NAMESPACE : (resolved?.uri ?? ''),
        value: resolved?.value ?? text.slice(valueStart, valueEnd),
        quote,
        start: nameStart,
        end: valueEnd + 1,
        valueStart,
        valueEnd,
      });
      index = valueEnd + 1;
    }
  }

  // ---- end tags ---------------------------------------------------------------------------

  private sCloseTag(): void {
    const c = this.captureNameChars();
    if (c === GREATER) this.closeTag();
    else if (isS(c)) this.state = S_CLOSE_TAG_SAW_WHITE;
    else if (c !== EOC) this.fail('disallowed character in closing tag.');
  }

  private closeTag(): void {
    const name = this.name;
    this.state = S_TEXT;
    this.name = '';
    if (name === '') this.fail('weird empty close tag.');
    const stack = this.stack;
    let l = stack.length;
    while (l-- > 0) {
      const element = stack.pop()!;
      this.scope = this.scopes.pop()!;
      this.lastEndTagStart = this.markupStart();
      this.cursor = this.markupEnd();
      if (this.build) {
        (element as XmlElementNode).endTagStart = this.lastEndTagStart;
        (element as XmlElementNode).end = this.cursor;
      }
      if (element.name === name) {
        this.observer?.({
          name,
          localName: element.localName!,
          namespaceUri: element.namespaceUri!,
          start: element.start,
          startTagEnd: element.startTagEnd!,
          endTagStart: this.lastEndTagStart,
          end: this.cursor,
          depth: stack.length,
        });
        break;
      }
      this.fail('unexpected close tag.');
    }
    if (l === 0) this.closedRoot = true;
    else if (l < 0) this.fail(`unmatched closing tag: ${name}.`);
  }

  // ---- comments, CDATA, processing instructions, XML declaration --------------------------

  private append(node: XmlChildNode): void {
    if (!this.build) return;
    const parent = this.parentNode();
    if (parent) parent.children.push(node);
    else this.topLevel.push(node);
  }

  private comment(value: string): void {
    const start = this.markupStart();
    this.cursor = this.markupEnd();
    this.append({ kind: 'comment', value, start, end: this.cursor, parent: this.parentNode() });
  }

  private cdata(value: string): void {
    const start = this.markupStart();
    this.cursor = this.markupEnd();
    if (!this.build) return;
    const parent = this.parentNode()!;
    parent.children.push({ kind: 'cdata', value, start, end: this.cursor, parent });
  }

  private sPIFirstChar(): void {
    const c = this.getCodeNorm();
    this.buffer = '';
    this.piTarget = '';
    if (isNCNameStartChar(c)) {
      this.piTarget += String.fromCodePoint(c);
      this.state = S_PI_REST;
    } else if (c === QUESTION || isS(c)) {
      this.fail('processing instruction without a target.');
    } else {
      this.fail('disallowed character in processing instruction name.');
    }
  }

  private sPIRest(): void {
    const text = this.text;
    const start = this.i;
    for (;;) {
      const c = this.getCodeNorm();
      if (c === EOC) {
        this.piTarget += text.slice(start, this.chunkEnd);
        return;
      }
      if (!isNCNameChar(c)) {
        this.piTarget += text.slice(start, this.prevI);
        const isQuestion = c === QUESTION;
        if (isQuestion || isS(c)) {
          if (this.piTarget === 'xml') {
            if (!this.xmlDeclPossible) this.fail('an XML declaration must be at the start of the document.');
            this.state = isQuestion ? S_XML_DECL_ENDING : S_XML_DECL_NAME_START;
          } else {
            this.state = isQuestion ? S_PI_ENDING : S_PI_BODY;
          }
        } else {
          this.fail('disallowed character in processing instruction name.');
        }
        return;
      }
    }
  }

  private sPIBody(): void {
    if (this.buffer.length === 0) {
      const c = this.getCodeNorm();
      if (c === QUESTION) this.state = S_PI_ENDING;
      else if (!isS(c)) this.buffer = String.fromCodePoint(c);
    } else if (this.captureToChar(QUESTION, null)) {
      this.state = S_PI_ENDING;
    }
  }

  private sPIEnding(): void {
    const c = this.getCodeNorm();
    if (c === GREATER) {
      const target = this.piTarget;
      if (target.toLowerCase() === 'xml') this.fail('the XML declaration must appear at the start of the document.');
      const start = this.markupStart();
      this.cursor = this.markupEnd();
      this.append({ kind: 'processingInstruction', target, body: this.buffer, start, end: this.cursor, parent: this.parentNode() });
      this.piTarget = this.buffer = '';
      this.state = S_TEXT;
    } else if (c === QUESTION) {
      this.buffer += '?';
    } else {
      this.buffer += `?${String.fromCodePoint(c)}`;
      this.state = S_PI_BODY;
    }
    this.xmlDeclPossible = false;
  }

  // ---- end of input -----------------------------------------------------------------------

  private end(): void {
    const n = this.n;
    if (!this.sawRoot) this.fail('document must contain a root element.', n);
    if (this.stack.length > 0) this.fail(`unclosed tag: ${this.stack[this.stack.length - 1]!.name}`, n);
    if (this.state !== S_BEGIN && this.state !== S_TEXT) this.fail('unexpected end.', n);
    if (!this.rootSeen) {
      const at = this.range(n, n);
      throw new StopParsing(createDiagnostic('xml', XML_CODES.noRoot, 'error', 'xml.error.noRoot', { detail: '' }, at));
    }
  }
}

/**
 * Parses `text` into a positioned tree, or returns the first well-formedness error with its
 * location. Never throws on bad input.
 */
export function parseXml(text: string): XmlParseResult {
  return new Scanner(text, true).parse();
}

/**
 * Checks that `text` is well-formed without building the tree: the same scan as `parseXml`,
 * so exactly the same first error, but several times cheaper. On success it reports the root
 * element (name and namespace), which is all the validator needs when nothing is wrong.
 */
export function checkXml(text: string): XmlCheckResult {
  return new Scanner(text, false).check();
}

/**
 * The same check as `checkXml`, telling `observer` of each element when it is complete (at its end
 * tag, or at the `/>` of an empty-element tag), with its offsets, namespace and depth; no tree is
 * built. The signing code finds the root and the ds:Signature elements this way.
 */
export function scanElements(text: string, observer: ElementObserver): XmlCheckResult {
  return new Scanner(text, false, true, observer).check();
}

/**
 * The scanner's first error exactly as saxes worded and placed it, before explain.ts names the
 * cause: what test/unit/xml/scanner-equivalence.test.ts compares with the saxes oracle.
 */
export function parseXmlAsSaxes(text: string): XmlParseResult {
  return new Scanner(text, true, false).parse();
}
