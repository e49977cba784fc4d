// Well-formedness error codes (source 'xml'): the scanner's (parse.ts) and the causes the
// explainer (explain.ts) names.
export const XML_CODES = {
  dtdForbidden: 'XML_DTD_FORBIDDEN',
  undefinedEntity: 'XML_UNDEFINED_ENTITY',
  unclosedElement: 'XML_UNCLOSED_ELEMENT',
  mismatchedEndTag: 'XML_MISMATCHED_END_TAG',
  unboundPrefix: 'XML_UNBOUND_PREFIX',
  duplicateAttribute: 'XML_DUPLICATE_ATTRIBUTE',
  noRoot: 'XML_NO_ROOT',
  contentOutsideRoot: 'XML_CONTENT_OUTSIDE_ROOT',
  invalidCharacter: 'XML_INVALID_CHARACTER',
  syntax: 'XML_SYNTAX',
  // Causes named by the explainer.
  unclosedAttributeValue: 'XML_UNCLOSED_ATTRIBUTE_VALUE',
  unclosedTag: 'XML_UNCLOSED_TAG',
  unclosedMarkup: 'XML_UNCLOSED_MARKUP',
  bareAmpersand: 'XML_BARE_AMPERSAND',
  bareLessThan: 'XML_BARE_LESS_THAN',
  attributeSyntax: 'XML_ATTRIBUTE_SYNTAX',
  declaration: 'XML_DECLARATION',
} as const;
