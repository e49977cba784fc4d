// libxml2 words its resource limits for programmers ("Excessive depth in document: 256 use
// XML_PARSE_HUGE option", "Resource limit exceeded: Text node too long, try XML_PARSE_HUGE").
// The user cannot set parser options: these become what the user can do about the file.
import type { MessageKey, MessageParams } from '../i18n/index';

export interface ParserLimitMessage {
  messageKey: MessageKey;
  params: MessageParams;
}

const LIMITS: [RegExp, MessageKey][] = [
  [/excessive depth|depth/i, 'xml.limit.depth'],
  [/text node too long|huge text node|xmlSAX2Characters|text content/i, 'xml.limit.textNode'],
  [/name too long|name is too long/i, 'xml.limit.name'],
  [/attribute value too long|AttValue length too long/i, 'xml.limit.attribute'],
  [/huge input lookup|input too large|document too large/i, 'xml.limit.document'],
];

/** A user-level message for a libxml2 limit message, or null when it is not about a limit. */
export function parserLimitMessage(libxmlMessage: string): ParserLimitMessage | null {
  if (!/XML_PARSE_\w+|Resource limit exceeded|limit/i.test(libxmlMessage)) return null;
  const found = LIMITS.find(([pattern]) => pattern.test(libxmlMessage));
  return { messageKey: found ? found[1] : 'xml.limit.other', params: {} };
}
