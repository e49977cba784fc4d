// The document type declaration: always refused (XML_DTD_FORBIDDEN: no external entities, no
// parameter entities, no entity expansion), but read as saxes read it, so that the first error of
// a document that has one is the same (what test/unit/xml/scanner-equivalence.test.ts checks).
// The scanner (parse.ts) hands each step in these states to `stepDoctype`.
import {
  S_DOCTYPE,
  S_DOCTYPE_QUOTE,
  S_DTD,
  S_DTD_COMMENT,
  S_DTD_COMMENT_ENDED,
  S_DTD_COMMENT_ENDING,
  S_DTD_OPEN_WAKA,
  S_DTD_OPEN_WAKA_BANG,
  S_DTD_PI,
  S_DTD_PI_ENDING,
  S_DTD_QUOTED,
} from './scanner-states';
import { BANG, CLOSE_BRACKET, DQUOTE, EOC, GREATER, LESS, MINUS, OPEN_BRACKET, QUESTION, SQUOTE } from './char-codes';

export const DOCTYPE_KEYWORD = '<!DOCTYPE';


/** The states in which the scanner is inside a DOCTYPE (numbered together in scanner-states.ts). */
export function isDoctypeState(state: number): boolean {
  return state >= S_DOCTYPE && state <= S_DTD_PI_ENDING;
}

const DOCTYPE_TERMINATOR = [DQUOTE, SQUOTE, OPEN_BRACKET, GREATER];
const DTD_TERMINATOR = [DQUOTE, SQUOTE, LESS, CLOSE_BRACKET];

const isQuote = (c: number): boolean => c === DQUOTE || c === SQUOTE;

/** What the DOCTYPE reader uses of the scanner. */
export interface DoctypeScanner {
  state: number;
  /** The quote being read to, or -1. */
  q: number;
  buffer: string;
  openWakaBang: string;
  /** Set once a DOCTYPE has been read. */
  doctype: boolean;
  captureTo(chars: readonly number[]): number;
  captureToChar(char: number, table: Uint8Array | null): boolean;
  getCodeNorm(): number;
  markupStart(): number;
  fail(message: string): never;
  failDoctype(start: number): never;
}

export function stepDoctype(scanner: DoctypeScanner): void {
  switch (scanner.state) {
    case S_DOCTYPE: {
      const c = scanner.captureTo(DOCTYPE_TERMINATOR);
      if (c === GREATER) {
        scanner.doctype = true;
        scanner.failDoctype(scanner.markupStart());
      }
      if (c === EOC) return;
      scanner.buffer += String.fromCodePoint(c);
      if (c === OPEN_BRACKET) scanner.state = S_DTD;
      else if (isQuote(c)) {
        scanner.state = S_DOCTYPE_QUOTE;
        scanner.q = c;
      }
      return;
    }
    case S_DOCTYPE_QUOTE:
      if (scanner.captureToChar(scanner.q, null)) {
        scanner.q = -1;
        scanner.state = S_DOCTYPE;
      }
      return;
    case S_DTD: {
      const c = scanner.captureTo(DTD_TERMINATOR);
      if (c === EOC) return;
      if (c === CLOSE_BRACKET) scanner.state = S_DOCTYPE;
      else if (c === LESS) scanner.state = S_DTD_OPEN_WAKA;
      else if (isQuote(c)) {
        scanner.state = S_DTD_QUOTED;
        scanner.q = c;
      }
      return;
    }
    case S_DTD_QUOTED:
      if (scanner.captureToChar(scanner.q, null)) {
        scanner.state = S_DTD;
        scanner.q = -1;
      }
      return;
    case S_DTD_OPEN_WAKA: {
      const c = scanner.getCodeNorm();
      scanner.buffer += String.fromCodePoint(c);
      if (c === BANG) {
        scanner.state = S_DTD_OPEN_WAKA_BANG;
        scanner.openWakaBang = '';
      } else if (c === QUESTION) scanner.state = S_DTD_PI;
      else scanner.state = S_DTD;
      return;
    }
    case S_DTD_OPEN_WAKA_BANG: {
      const owb = (scanner.openWakaBang += String.fromCodePoint(scanner.getCodeNorm()));
      if (owb !== '-') {
        scanner.state = owb === '--' ? S_DTD_COMMENT : S_DTD;
        scanner.openWakaBang = '';
      }
      return;
    }
    case S_DTD_COMMENT:
      if (scanner.captureToChar(MINUS, null)) scanner.state = S_DTD_COMMENT_ENDING;
      return;
    case S_DTD_COMMENT_ENDING: {
      const c = scanner.getCodeNorm();
      scanner.buffer += String.fromCodePoint(c);
      scanner.state = c === MINUS ? S_DTD_COMMENT_ENDED : S_DTD_COMMENT;
      return;
    }
    case S_DTD_COMMENT_ENDED: {
      const c = scanner.getCodeNorm();
      scanner.buffer += String.fromCodePoint(c);
      if (c === GREATER) scanner.state = S_DTD;
      else scanner.fail('malformed comment.');
      return;
    }
    case S_DTD_PI:
      if (scanner.captureToChar(QUESTION, null)) scanner.state = S_DTD_PI_ENDING;
      return;
    case S_DTD_PI_ENDING: {
      const c = scanner.getCodeNorm();
      scanner.buffer += String.fromCodePoint(c);
      if (c === GREATER) scanner.state = S_DTD;
      return;
    }
    default:
  }
}
