// The scanner's first error is worded as saxes worded it (the oracle of
// test/unit/xml/scanner-equivalence.test.ts); this sorts those messages into our codes and
// message keys.
import { XML_CODES } from './codes';
import type { MessageKey } from '../i18n/index';

export interface ErrorKind {
  code: string;
  messageKey: MessageKey;
}

/** Sorts the scanner's messages (worded as saxes worded them) into our codes. */
export function classifyMessage(message: string): ErrorKind {
  if (/entity/i.test(message)) return { code: XML_CODES.undefinedEntity, messageKey: 'xml.error.undefinedEntity' };
  if (message.startsWith('unclosed tag')) return { code: XML_CODES.unclosedElement, messageKey: 'xml.error.unclosedElement' };
  if (message.startsWith('unmatched closing tag') || message.startsWith('unexpected close tag'))
    return { code: XML_CODES.mismatchedEndTag, messageKey: 'xml.error.mismatchedEndTag' };
  if (message.startsWith('unbound namespace prefix')) return { code: XML_CODES.unboundPrefix, messageKey: 'xml.error.unboundPrefix' };
  if (message.startsWith('duplicate attribute')) return { code: XML_CODES.duplicateAttribute, messageKey: 'xml.error.duplicateAttribute' };
  if (message.startsWith('document must contain a root element')) return { code: XML_CODES.noRoot, messageKey: 'xml.error.noRoot' };
  if (message.startsWith('documents may contain only one root') || message.startsWith('text data outside of root node'))
    return { code: XML_CODES.contentOutsideRoot, messageKey: 'xml.error.contentOutsideRoot' };
  if (message.startsWith('disallowed character')) return { code: XML_CODES.invalidCharacter, messageKey: 'xml.error.invalidCharacter' };
  return { code: XML_CODES.syntax, messageKey: 'xml.error.syntax' };
}
