// What we can say about an SMS parsing rule's Pattern and UsageTimestamp/@Format without
// running Windows. Windows documents its patterns only by example (`[^]*`, an ECMAScript-only
// construct), so we check them as ECMAScript regular expressions and flag the constructs that
// ECMAScript engines disagree on.
import { findChild, type XmlElementNode } from '../xml/model';

export interface PatternAnalysis {
  /** The engine's complaint when the pattern does not compile, else null. */
  compileError: string | null;
  /** Number of capturing groups (named ones included). */
  captureGroups: number;
  /** Constructs that compile here but that Windows' engine may read differently or refuse. */
  nonPortable: string[];
}

/** Counts capturing groups: '(' not escaped, not inside [...], and not followed by '?' (except '(?<name>'). */
export function countCaptureGroups(pattern: string): number {
  let count = 0;
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === '\\') {
      index++;
      continue;
    }
    if (inClass) {
      if (character === ']') inClass = false;
      continue;
    }
    if (character === '[') {
      inClass = true;
      // In ECMAScript "[]" is an empty class and "[^]" matches anything: the ']' right after
      // '[' or '[^' closes the class, so there is nothing to skip here.
      continue;
    }
    if (character === '(') {
      if (pattern[index + 1] !== '?') count++;
      else if (pattern[index + 2] === '<' && pattern[index + 3] !== '=' && pattern[index + 3] !== '!') count++;
    }
  }
  return count;
}

const NON_PORTABLE: readonly { test: RegExp; construct: string }[] = [
  { test: /\(\?<[=!]/, construct: 'a look-behind assertion (?<= or (?<!' },
  { test: /\(\?<[A-Za-z_]/, construct: 'a named group (?<name>…)' },
  { test: /\\k</, construct: 'a named back-reference \\k<name>' },
  { test: /\\[pP]\{/, construct: 'a Unicode property escape \\p{…}' },
  { test: /\[\[:[a-z]+:\]/, construct: 'a POSIX class [[:name:]]' },
  { test: /\\[AZzG]/, construct: 'an anchor \\A, \\Z, \\z or \\G from another regex dialect' },
];

export function analysePattern(pattern: string): PatternAnalysis {
  let compileError: string | null = null;
  try {
    new RegExp(pattern);
  } catch (error) {
    compileError = error instanceof Error ? error.message : String(error);
  }
  return {
    compileError,
    captureGroups: countCaptureGroups(pattern),
    nonPortable: compileError ? [] : NON_PORTABLE.filter((entry) => entry.test.test(pattern)).map((entry) => entry.construct),
  };
}

export interface TimestampFormatAnalysis {
  /** Unknown `%…` sequences, in order of appearance. */
  invalidTokens: string[];
  /** The identifiers found, without the optional '#' (e.g. "d", "H", "p"). */
  identifiers: string[];
}

/** Identifiers from the seed's table; each but %p also has a %#x form without leading zeros. */
const TIMESTAMP_IDENTIFIERS = new Set(['d', 'H', 'I', 'm', 'M', 'S', 'y', 'Y', 'p']);

export function analyseTimestampFormat(format: string): TimestampFormatAnalysis {
  const invalidTokens: string[] = [];
  const identifiers: string[] = [];
  for (let index = 0; index < format.length; index++) {
    if (format[index] !== '%') continue;
    const next = format[index + 1];
    if (next === '%') {
      // "%%" is the usual escape for a literal percent sign; accepted.
      index++;
      continue;
    }
    const noLeadingZeros = next === '#';
    const letter = noLeadingZeros ? format[index + 2] : next;
    const token = format.slice(index, index + (noLeadingZeros ? 3 : 2));
    if (letter !== undefined && TIMESTAMP_IDENTIFIERS.has(letter) && !(noLeadingZeros && letter === 'p')) identifiers.push(letter);
    else invalidTokens.push(token);
    index += token.length - 1;
  }
  return { invalidTokens, identifiers };
}

/** An SMS rule (wwan:Message) as written: its Pattern, Units and Fields children (each absent when not written). */
export interface SmsMessageParts {
  message: XmlElementNode;
  pattern: XmlElementNode | undefined;
  units: XmlElementNode | undefined;
  fields: XmlElementNode | undefined;
}

/** The one reader of a Message rule, for the lint rules and the SMS tester: children in the Message's own namespace. */
export function readSmsMessage(message: XmlElementNode): SmsMessageParts {
  const part = (localName: string) => findChild(message, localName, message.namespaceUri);
  return { message, pattern: part('Pattern'), units: part('Units'), fields: part('Fields') };
}
