// Line/column ranges of parts of a parsed document (shared/common/xml stores offsets only).
import { attributeNameSpan, attributeValueSpan, elementNameSpan, elementSpan, rangeOf, type XmlAttributeNode, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import type { Range } from './types';

export class Ranges {
  constructor(readonly document: XmlDocumentNode) {}

  element(element: XmlElementNode): Range {
    return rangeOf(this.document, elementSpan(element));
  }

  elementName(element: XmlElementNode): Range {
    return rangeOf(this.document, elementNameSpan(element));
  }

  attributeName(attribute: XmlAttributeNode): Range {
    return rangeOf(this.document, attributeNameSpan(attribute));
  }

  attributeValue(attribute: XmlAttributeNode): Range {
    return rangeOf(this.document, attributeValueSpan(attribute));
  }
}
