// The XML declaration (`<?xml version="1.0" encoding="…" standalone="…"?>`), read as saxes read
// it: its names in order, each value checked, the first error worded as saxes worded it. The
// scanner (parse.ts) hands each step in these states to `stepXmlDeclaration`; what was read ends in
// `scanner.declaration`.
import { CR, DQUOTE, EOC, EQUAL, GREATER, NL, QUESTION, SPACE, SQUOTE, TAB } from './char-codes';
import { isS } from './chars';
import {
  S_TEXT,
  S_XML_DECL_ENDING,
  S_XML_DECL_EQ,
  S_XML_DECL_NAME,
  S_XML_DECL_NAME_START,
  S_XML_DECL_SEPARATOR,
  S_XML_DECL_VALUE,
  S_XML_DECL_VALUE_START,
} from './scanner-states';
import type { XmlDeclaration } from './model';


const XML_DECL_NAME_TERMINATOR = [EQUAL, QUESTION, SPACE, NL, CR, TAB];

const isQuote = (c: number): boolean => c === DQUOTE || c === SQUOTE;

/** What the declaration reader uses of the scanner. */
export interface XmlDeclarationScanner {
  state: number;
  name: string;
  buffer: string;
  piTarget: string;
  q: number;
  cursor: number;
  xmlDeclPossible: boolean;
  xmlDeclExpects: string[];
  readonly xmlDecl: { version: string | undefined; encoding: string | undefined; standalone: string | undefined };
  declaration: XmlDeclaration | null;
  captureTo(chars: readonly number[]): number;
  getCodeNorm(): number;
  skipSpaces(): number;
  markupStart(): number;
  markupEnd(): number;
  useXml11(): void;
  fail(message: string): never;
}

export function stepXmlDeclaration(scanner: XmlDeclarationScanner): void {
  switch (scanner.state) {
    case S_XML_DECL_NAME_START:
      return readNameStart(scanner);
    case S_XML_DECL_NAME:
      return readName(scanner);
    case S_XML_DECL_EQ:
      return readEquals(scanner);
    case S_XML_DECL_VALUE_START:
      return readValueStart(scanner);
    case S_XML_DECL_VALUE:
      return readValue(scanner);
    case S_XML_DECL_SEPARATOR:
      return readSeparator(scanner);
    case S_XML_DECL_ENDING:
      return readEnding(scanner);
    default:
  }
}

function readNameStart(scanner: XmlDeclarationScanner): void {
  const c = scanner.skipSpaces();
  if (c === QUESTION) {
    scanner.state = S_XML_DECL_ENDING;
    return;
  }
  if (c !== EOC) {
    scanner.state = S_XML_DECL_NAME;
    scanner.name = String.fromCodePoint(c);
    scanner.buffer = '';
  }
}

function readName(scanner: XmlDeclarationScanner): void {
  const c = scanner.captureTo(XML_DECL_NAME_TERMINATOR);
  if (c === QUESTION) {
    scanner.state = S_XML_DECL_ENDING;
    scanner.name += scanner.buffer;
    scanner.buffer = '';
    scanner.fail('XML declaration is incomplete.');
  }
  if (!(isS(c) || c === EQUAL)) return;
  scanner.name += scanner.buffer;
  scanner.buffer = '';
  if (!scanner.xmlDeclExpects.includes(scanner.name)) {
    switch (scanner.name.length) {
      case 0:
        scanner.fail('did not expect any more name/value pairs.');
        break;
      case 1:
        scanner.fail(`expected the name ${scanner.xmlDeclExpects[0]}.`);
        break;
      default:
        scanner.fail(`expected one of ${scanner.xmlDeclExpects.join(', ')}`);
    }
  }
  scanner.state = c === EQUAL ? S_XML_DECL_VALUE_START : S_XML_DECL_EQ;
}

function readEquals(scanner: XmlDeclarationScanner): void {
  const c = scanner.getCodeNorm();
  if (c === QUESTION) scanner.fail('XML declaration is incomplete.');
  if (isS(c)) return;
  if (c !== EQUAL) scanner.fail('value required.');
  scanner.state = S_XML_DECL_VALUE_START;
}

function readValueStart(scanner: XmlDeclarationScanner): void {
  const c = scanner.getCodeNorm();
  if (c === QUESTION) scanner.fail('XML declaration is incomplete.');
  if (isS(c)) return;
  if (!isQuote(c)) scanner.fail('value must be quoted.');
  scanner.q = c;
  scanner.buffer = '';
  scanner.state = S_XML_DECL_VALUE;
}

function readValue(scanner: XmlDeclarationScanner): void {
  const c = scanner.captureTo([scanner.q, QUESTION]);
  if (c === QUESTION) scanner.fail('XML declaration is incomplete.');
  if (c === EOC) return;
  const value = scanner.buffer;
  scanner.buffer = '';
  switch (scanner.name) {
    case 'version':
      scanner.xmlDeclExpects = ['encoding', 'standalone'];
      scanner.xmlDecl.version = value;
      if (!/^1\.[0-9]+$/.test(value)) scanner.fail('version number must match /^1\\.[0-9]+$/.');
      else if (value !== '1.0') scanner.useXml11();
      break;
    case 'encoding':
      if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) scanner.fail('encoding value must match /^[A-Za-z0-9][A-Za-z0-9._-]*$/.');
      scanner.xmlDeclExpects = ['standalone'];
      scanner.xmlDecl.encoding = value;
      break;
    case 'standalone':
      if (value !== 'yes' && value !== 'no') scanner.fail('standalone value must match "yes" or "no".');
      scanner.xmlDeclExpects = [];
      scanner.xmlDecl.standalone = value;
      break;
    default:
  }
  scanner.name = '';
  scanner.state = S_XML_DECL_SEPARATOR;
}

function readSeparator(scanner: XmlDeclarationScanner): void {
  const c = scanner.getCodeNorm();
  if (c === QUESTION) {
    scanner.state = S_XML_DECL_ENDING;
    return;
  }
  if (!isS(c)) scanner.fail('whitespace required.');
  scanner.state = S_XML_DECL_NAME_START;
}

function readEnding(scanner: XmlDeclarationScanner): void {
  const c = scanner.getCodeNorm();
  if (c !== GREATER) scanner.fail('The character ? is disallowed anywhere in XML declarations.');
  if (scanner.name !== 'version' && scanner.xmlDeclExpects.includes('version')) scanner.fail('XML declaration must contain a version.');
  const start = scanner.markupStart();
  scanner.cursor = scanner.markupEnd();
  const decl = scanner.xmlDecl;
  scanner.declaration = { version: decl.version ?? '1.0', encoding: decl.encoding, standalone: decl.standalone, start, end: scanner.cursor };
  scanner.name = '';
  scanner.piTarget = scanner.buffer = '';
  scanner.state = S_TEXT;
  scanner.xmlDeclPossible = false;
}
