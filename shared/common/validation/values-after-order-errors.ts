// An element-order (content-model) error does not hide value errors in the same parent. libxml2
// (and xmllint) stop validating a parent's children at the first element that is not allowed
// there: the values of that element, of the siblings after it and of everything inside them are
// never checked (test/unit/validation/values-after-order-errors.test.ts shows xmllint doing the
// same). This pass checks the simple-type values of exactly those elements and attributes with the
// schema model's value checks, so the user sees every problem at once. It runs only when the
// schema check already refused the file, so the verdict stays the XSD's; it only adds findings.
import { BUNDLED_SCHEMA_MODEL } from '../schema-model/bundled';
import { attributesOf, declarationOf, textTypeOf } from '../schema-model/queries';
import type { SchemaModel } from '../schema-model/types';
import { checkValue, type ValueProblem } from '../schema-model/value-check';
import { SCHEMA_CODES } from '../schema/map-issues';
import { createDiagnostic, type Diagnostic } from '../xml/diagnostic';
import { attributeValueSpan, childElements, rangeOf, startTagSpan, textContent, textSpan, walkElements, type XmlDocumentNode, type XmlElementNode } from '../xml/model';

const CODE_OF_PROBLEM: Readonly<Record<string, string>> = {
  'value.notOfType': SCHEMA_CODES.type,
  'value.noPatternMatch': SCHEMA_CODES.pattern,
  'value.notInEnumeration': SCHEMA_CODES.enumeration,
  'value.badLength': SCHEMA_CODES.length,
  'value.outOfRange': SCHEMA_CODES.range,
};

/** The elements libxml2 left unchecked: each element reported "not allowed here", its following siblings, and all inside them. */
function uncheckedElements(document: XmlDocumentNode, schemaFindings: readonly Diagnostic[]): XmlElementNode[] {
  const starts = new Set(schemaFindings.filter((finding) => finding.code === SCHEMA_CODES.unexpectedElement).map((finding) => finding.range.start.offset));
  if (starts.size === 0) return [];
  const unchecked = new Set<XmlElementNode>();
  for (const element of walkElements(document.root)) {
    if (!starts.has(rangeOf(document, startTagSpan(element)).start.offset) || !element.parent || unchecked.has(element)) continue;
    const siblings = childElements(element.parent);
    for (const sibling of siblings.slice(siblings.indexOf(element))) for (const inside of walkElements(sibling)) unchecked.add(inside);
  }
  return [...unchecked];
}

function finding(document: XmlDocumentNode, subject: string, problem: ValueProblem, span: { start: number; end: number }): Diagnostic {
  return createDiagnostic(
    'schema',
    CODE_OF_PROBLEM[problem.messageKey] ?? SCHEMA_CODES.type,
    'error',
    'schema.valueAfterOrderError',
    { element: subject, problemKey: problem.messageKey, ...problem.params },
    rangeOf(document, span),
  );
}

/** Value findings for what libxml2 did not check after an element-order error (none when there was none). */
export function valuesAfterOrderErrors(document: XmlDocumentNode, schemaFindings: readonly Diagnostic[], model: SchemaModel = BUNDLED_SCHEMA_MODEL): Diagnostic[] {
  const findings: Diagnostic[] = [];
  for (const element of uncheckedElements(document, schemaFindings)) {
    const declaration = declarationOf(model, element);
    if (!declaration) continue;
    const declared = attributesOf(model, declaration.key);
    for (const attribute of element.attributes) {
      const declaration = declared.find((candidate) => candidate.name === attribute.localName && attribute.prefix !== 'xmlns');
      const problem = declaration ? checkValue(model, declaration.type, attribute.value) : null;
      if (problem) findings.push(finding(document, `${element.localName}/@${attribute.localName}`, problem, attributeValueSpan(attribute)));
    }
    const textType = textTypeOf(model, declaration);
    if (textType === undefined || childElements(element).length > 0) continue;
    const problem = checkValue(model, typeof textType === 'string' ? textType : textType.key, textContent(element));
    if (problem) findings.push(finding(document, element.localName, problem, textContent(element).length > 0 ? textSpan(element) : startTagSpan(element)));
  }
  return findings;
}
