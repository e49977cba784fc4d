// What Windows will do with content its schemas let through a lax slot (lint PS-L027). libxml2
// answers both questions with real XSD validation, so the facts stay in the XSD files:
//   1. is the element declared by the target's schemas? (then the main pass already validated it;
//      answered once per name with a minimal probe document, cached),
//   2. if not, does it fit what we know (schemas/authoring/: OneX, FIPSMode)? The element's own
//      text is validated, with the namespace declarations in scope added to its start tag.
import type { XmlElementNode } from '../xml/model';
import type { LaxSlotChecker, LaxSlotProblem } from '../windows/lax-slots';
import { walkElements } from '../xml/model';
import { encodeUtf8 } from './environment';
import type { CompiledSchemaSet, XsdEngine } from './engine';

export type { LaxSlotChecker, LaxSlotProblem };

export const AUTHORING_DRIVER_SCHEMA = 'authoring.xsd';


function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** The element's markup, standing alone: namespace declarations in scope are added to its start tag (no line breaks added). */
function standalone(element: XmlElementNode, text: string): string {
  const declared = new Set(element.attributes.filter((attribute) => attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')).map((attribute) => attribute.name));
  let extra = '';
  for (let ancestor = element.parent; ancestor; ancestor = ancestor.parent) {
    for (const attribute of ancestor.attributes) {
      if ((attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) && !declared.has(attribute.name)) {
        declared.add(attribute.name);
        extra += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
      }
    }
  }
  const nameEnd = element.start + 1 + element.name.length;
  return text.slice(element.start, nameEnd) + extra + text.slice(nameEnd, element.end);
}

const UNDECLARED = /No matching global (element )?declaration/;

/**
 * A checker bound to the target's compiled set and a lazily compiled authoring set (compiled on
 * first need: most files have nothing in their lax slots).
 */
export function createLaxSlotChecker(engine: XsdEngine, target: CompiledSchemaSet, authoringFiles: () => Readonly<Record<string, string>> | null): LaxSlotChecker {
  const declared = new Map<string, boolean>();
  let authoring: CompiledSchemaSet | null | undefined;
  const isDeclared = (element: XmlElementNode): boolean => {
    const key = `{${element.namespaceUri}}${element.localName}`;
    let known = declared.get(key);
    if (known === undefined) {
      const probe = `<${element.localName} xmlns="${escapeAttribute(element.namespaceUri)}"/>`;
      known = !target.validate(encodeUtf8(probe)).some((issue) => UNDECLARED.test(issue.message));
      declared.set(key, known);
    }
    return known;
  };
  return (element, text, lineAt) => {
    if (isDeclared(element)) return undefined;
    if (authoring === undefined) {
      const files = authoringFiles();
      authoring = files && files[AUTHORING_DRIVER_SCHEMA] !== undefined ? engine.compile(files, AUTHORING_DRIVER_SCHEMA) : null;
    }
    if (!authoring) return undefined;
    const issues = authoring.validate(encodeUtf8(standalone(element, text)));
    const issue = issues[0];
    if (!issue) return undefined;
    if (UNDECLARED.test(issue.message)) return { element, detail: `${element.localName} is not an element of ${element.namespaceUri}` };
    // libxml2's line within the standalone markup: the same line offset from the element's start.
    const line = lineAt(element.start) + Math.max(issue.line, 1) - 1;
    let pointed = element;
    for (const candidate of walkElements(element)) if (lineAt(candidate.start) === line) pointed = candidate;
    const detail = issue.message
      .replace(/^Element '[^']*': /, `${pointed.localName}: `)
      .replace(/\{[^}]*\}/g, '')
      .trim()
      .replace(/\.+$/, '');
    return { element: pointed, detail };
  };
}
