// Every cause the explainer names, from a small malformed document each: the code, the message
// and where it points. Together they cover every xml.explain.* message.
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../shared/common/i18n/index';
import { parseXml } from '../../../shared/common/xml/parse';

const CASES: [string, string, string, string][] = [
  // [cause, text, expected message key (xml.explain.*), expected code]
  ['missing closing quote', '<a>\n  <b c="1>\n  <d/>\n</a>', 'unclosedAttributeValue', 'XML_UNCLOSED_ATTRIBUTE_VALUE'],
  ['missing closing quote at the end of the file', '<a b="1', 'unclosedAttributeValue', 'XML_UNCLOSED_ATTRIBUTE_VALUE'],
  ['a value running into the next attribute', '<a b="1 c="2"/>', 'attributeValueRunsOn', 'XML_UNCLOSED_ATTRIBUTE_VALUE'],
  ['start tag without >', '<a>\n<b\n<c/></b></a>', 'unclosedStartTag', 'XML_UNCLOSED_TAG'],
  ['end tag without >', '<a><b></b</a>', 'unclosedEndTag', 'XML_UNCLOSED_TAG'],
  ['unclosed comment', '<a><!-- note </a>', 'unclosedComment', 'XML_UNCLOSED_MARKUP'],
  ['unclosed CDATA', '<a><![CDATA[ x </a>', 'unclosedCdata', 'XML_UNCLOSED_MARKUP'],
  ['unclosed processing instruction', '<a><?pi x </a>', 'unclosedProcessingInstruction', 'XML_UNCLOSED_MARKUP'],
  ['declaration cut short', '<?xml version="1.0"', 'unclosedProcessingInstruction', 'XML_UNCLOSED_MARKUP'],
  ['double hyphen in a comment', '<a><!-- a -- b --></a>', 'doubleHyphenInComment', 'XML_SYNTAX'],
  ['element never closed', '<a>\n  <b>text\n</a>', 'mismatchedEndTag', 'XML_MISMATCHED_END_TAG'],
  ['element never closed at the end', '<a>\n  <b>text</b>', 'unclosedElement', 'XML_UNCLOSED_ELEMENT'],
  ['end tag closing nothing', '<a/></b>', 'endTagWithoutStart', 'XML_MISMATCHED_END_TAG'],
  ['empty end tag', '<a></></a>', 'emptyEndTag', 'XML_MISMATCHED_END_TAG'],
  ['junk in an end tag', '<a></a x>', 'unexpectedInEndTag', 'XML_SYNTAX'],
  ['unknown entity', '<a>&nbsp;</a>', 'undefinedEntity', 'XML_UNDEFINED_ENTITY'],
  ['bare ampersand', '<a>Tom & Jerry</a>', 'bareAmpersand', 'XML_BARE_AMPERSAND'],
  ['bad character reference', '<a>&#xZZ;</a>', 'badCharacterReference', 'XML_UNDEFINED_ENTITY'],
  ['undeclared prefix', '<a><p:b/></a>', 'unboundPrefix', 'XML_UNBOUND_PREFIX'],
  ['misspelt declaration', '<a xmlnsp="urn:x"><p:b/></a>', 'unboundPrefixNearMiss', 'XML_UNBOUND_PREFIX'],
  ['duplicate attribute', '<a b="1" c="2" b="3"/>', 'duplicateAttribute', 'XML_DUPLICATE_ATTRIBUTE'],
  ['attribute without value', '<a b/>', 'attributeWithoutValue', 'XML_ATTRIBUTE_SYNTAX'],
  ['unquoted value', '<a b=1/>', 'unquotedAttributeValue', 'XML_ATTRIBUTE_SYNTAX'],
  ['no space between attributes', '<a b="1"c="2"/>', 'missingSpaceBetweenAttributes', 'XML_ATTRIBUTE_SYNTAX'],
  ['odd character in a start tag', '<a b="1" %/>', 'unexpectedInStartTag', 'XML_SYNTAX'],
  ['slash not followed by >', '<a/ >', 'slashInStartTag', 'XML_SYNTAX'],
  ['bare less-than', '<a>1 < 2</a>', 'bareLessThan', 'XML_BARE_LESS_THAN'],
  ['text before the root', 'hello <a/>', 'textBeforeRoot', 'XML_CONTENT_OUTSIDE_ROOT'],
  ['text after the root', '<a/> trailing', 'textAfterRoot', 'XML_CONTENT_OUTSIDE_ROOT'],
  ['second root', '<a/><b/>', 'secondRoot', 'XML_CONTENT_OUTSIDE_ROOT'],
  [']]> in text', '<a>x ]]> y</a>', 'cdataEndInText', 'XML_SYNTAX'],
  ['control character', '<a>\u0001</a>', 'notAllowedCharacter', 'XML_INVALID_CHARACTER'],
  ['declaration not first', '\n<?xml version="1.0"?><a/>', 'declarationNotAtStart', 'XML_DECLARATION'],
  ['malformed declaration', '<?xml version="2.0"?><a/>', 'declarationMalformed', 'XML_DECLARATION'],
  ['processing instruction without a name', '<a><? x ?></a>', 'processingInstructionName', 'XML_SYNTAX'],
  ['<! that is neither comment nor CDATA', '<a><!ELEMENT x></a>', 'markupDeclaration', 'XML_SYNTAX'],
  ['bad qualified name', '<a:b:c/>', 'malformedName', 'XML_SYNTAX'],
  ['reserved namespace', '<a xmlns:xml="urn:x"/>', 'reservedNamespace', 'XML_SYNTAX'],
  ['undeclaring a prefix', '<a xmlns:p="urn:x"><b xmlns:p=""/></a>', 'undeclarePrefix', 'XML_SYNTAX'],
  ['CDATA that lost its <', '<a>![CDATA[ x & y ]]></a>', 'missingLessThan', 'XML_SYNTAX'],
];

describe('well-formedness messages name the cause', () => {
  it.each(CASES)('%s', (_cause, text, key, code) => {
    const result = parseXml(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ key: result.error.messageKey, code: result.error.code }, result.error.message).toEqual({ key: `xml.explain.${key}`, code });
    expect(result.error.message).not.toMatch(/\{\w+\}/);
  });

  it('covers every xml.explain message', () => {
    const keys = Object.keys(CATALOGUES.en).filter((key) => key.startsWith('xml.explain.'));
    expect(new Set(CASES.map(([, , key]) => `xml.explain.${key}`))).toEqual(new Set(keys));
  });

  it('points at the opening quote, and says where it is', () => {
    const result = parseXml('<a>\n  <b c="1>\n  <d/>\n</a>');
    expect(result.ok ? null : result.error.range.start).toMatchObject({ line: 2, column: 8 });
    expect(result.ok ? '' : result.error.message).toContain('line 2, column 8');
  });
});
