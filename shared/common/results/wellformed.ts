// Explains why a text is not well-formed XML, at the exact place, with a suggested fix when the
// mistake is a common one: curly quotes around attribute values (copied from a web page or a
// word processor, as in the seed's results examples), an unescaped &, a missing or mismatched
// end tag, an unquoted attribute value. Works from shared/common/xml's parse error.
import type { Diagnostic } from '../xml/diagnostic';
import { PositionMapper } from '../xml/positions';
import { XML_CODES } from '../xml/parse';
import { findBareAmpersand, markupOnly } from '../xml/explain';
import { makeFinding } from './findings';
import type { Finding } from './types';

const CURLY_QUOTES = '\u201C\u201D\u2018\u2019\u201E\u201F\u00AB\u00BB\u2032\u2033';

/** First curly quote used as an attribute delimiter (after "=" inside a tag), and how many there are. */
export function findCurlyQuote(text: string): { offset: number; count: number } | undefined {
  const markup = markupOnly(text);
  const pattern = new RegExp(`=\\s*([${CURLY_QUOTES}])`, 'g');
  let first: number | undefined;
  let count = 0;
  for (const match of markup.matchAll(pattern)) {
    const offset = (match.index ?? 0) + match[0].length - 1;
    // Only inside a tag: the last '<' before it comes after the last '>'.
    if (markup.lastIndexOf('<', offset) <= markup.lastIndexOf('>', offset)) continue;
    first ??= offset;
    count++;
  }
  if (first === undefined) return undefined;
  // Closing curly quotes of the same attributes count too: all curly quotes inside tags.
  let all = 0;
  let inTag = false;
  for (const character of markup) {
    if (character === '<') inTag = true;
    else if (character === '>') inTag = false;
    else if (inTag && CURLY_QUOTES.includes(character)) all++;
  }
  return { offset: first, count: Math.max(count, all) };
}

/** One error finding for a text the positioned parser refused. */
export function diagnoseMalformed(text: string, error: Diagnostic, file: Finding['file'] = 'result'): Finding {
  const mapper = PositionMapper.forText(text);
  const stopped = error.range.end.offset;
  const detail = String(error.params.detail ?? error.message);
  const options = { file };

  // Well-known mistakes, reported at their own position when they come no later than where the parser stopped.
  const curly = findCurlyQuote(text);
  if (curly && curly.offset <= stopped) {
    return makeFinding('results.finding.curlyQuotes', 'error', mapper.rangeOf(curly.offset, curly.offset + 1), { count: curly.count, character: text[curly.offset] as string }, { ...options, suggestionKey: 'results.suggest.straightQuotes' });
  }
  const ampersand = findBareAmpersand(text);
  // saxes reads past a bare & until it finds a ';', so the parser may stop later (or blame an
  // unclosed element earlier): any bare & then explains the error.
  const swallowed = error.code === XML_CODES.unclosedElement || error.code === XML_CODES.undefinedEntity || error.code === XML_CODES.syntax;
  if (ampersand !== undefined && (ampersand <= stopped || swallowed) && error.code !== XML_CODES.dtdForbidden) {
    return makeFinding('results.finding.bareAmpersand', 'error', mapper.rangeOf(ampersand, ampersand + 1), {}, { ...options, suggestionKey: 'results.suggest.escapeAmpersand' });
  }
  switch (error.code) {
    case XML_CODES.dtdForbidden:
      return makeFinding('results.finding.dtd', 'error', error.range, {}, options);
    case XML_CODES.unclosedElement: {
      const name = text.slice(error.range.start.offset, error.range.end.offset);
      return makeFinding('results.finding.missingEndTag', 'error', error.range, { name, line: error.range.start.line }, { ...options, suggestionKey: 'results.suggest.addEndTag' });
    }
    case XML_CODES.mismatchedEndTag: {
      const found = /^<\/([^\s>]*)/.exec(text.slice(error.range.start.offset))?.[1] ?? '';
      return makeFinding('results.finding.mismatchedEndTag', 'error', error.range, { found }, { ...options, suggestionKey: 'results.suggest.fixEndTag' });
    }
    case XML_CODES.noRoot:
      if (text.trim() === '') return makeFinding('results.finding.empty', 'error', error.range, {}, options);
      break;
  }
  if (/unquoted attribute value/.test(detail)) {
    return makeFinding('results.finding.unquotedAttribute', 'error', error.range, {}, { ...options, suggestionKey: 'results.suggest.quoteAttribute' });
  }
  // Anything else: the parser's own diagnostic, kept as it is (code, key, range).
  return { code: error.code, severity: 'error', messageKey: error.messageKey, params: error.params, message: error.message, range: error.range, file };
}
