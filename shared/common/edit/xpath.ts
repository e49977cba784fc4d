// A small XPath subset for choosing elements and attributes to edit (the CLI's --xpath).
//
//   /CarrierProvisioning/Global/CarrierId      absolute child steps
//   //WLANProfile                              descendants at any depth
//   //WLANProfile[name='Contoso Wi-Fi']        child element text equals a literal
//   //DefaultProfile[@Priority='5']            attribute equals a literal
//   /CarrierProvisioning/Plans/Plan[2]         position among the matching siblings (1-based)
//   //Plan[@Name]  //Plan[Description]         has the attribute / the child
//   /CarrierProvisioning/*                     any element
//   //DefaultProfile/@Priority                 an attribute (last step only)
//
// Names match local names in any namespace, or, written `p:Name`, the namespace bound to `p`
// by the caller. Everything else in XPath is refused with a message.
import { childElements, findAttribute, textContent, walkElements, type XmlDocumentNode, type XmlElementNode } from '../xml/model';

type Predicate =
  | { kind: 'position'; position: number }
  | { kind: 'childEquals'; name: NameTest; value: string }
  | { kind: 'attributeEquals'; name: string; value: string }
  | { kind: 'hasChild'; name: NameTest }
  | { kind: 'hasAttribute'; name: string };

interface NameTest {
  /** null = `*` */
  localName: string | null;
  /** undefined = any namespace */
  namespace?: string;
}

interface Step {
  descendants: boolean;
  name: NameTest;
  predicates: Predicate[];
}

export interface ParsedPath {
  steps: Step[];
  /** Set when the path ends with `/@name`. */
  attribute?: string;
}

export class XPathError extends Error {}

const NAME = /^[\p{L}_][\p{L}\p{Nd}._\-\u00B7]*(?::[\p{L}_][\p{L}\p{Nd}._\-\u00B7]*)?/u;

function parseNameTest(written: string, namespaces: Readonly<Record<string, string>>): NameTest {
  if (written === '*') return { localName: null };
  const colon = written.indexOf(':');
  if (colon < 0) return { localName: written };
  const prefix = written.slice(0, colon);
  const namespace = namespaces[prefix];
  if (namespace === undefined) throw new XPathError(`the prefix "${prefix}" is not bound (use --ns ${prefix}=URI)`);
  return { localName: written.slice(colon + 1), namespace };
}

class PathReader {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly namespaces: Readonly<Record<string, string>>,
  ) {}

  read(): ParsedPath {
    const steps: Step[] = [];
    let attribute: string | undefined;
    if (!this.source.startsWith('/')) throw new XPathError('the path must start with / or //');
    while (this.index < this.source.length) {
      let descendants = false;
      if (this.source.startsWith('//', this.index)) {
        descendants = true;
        this.index += 2;
      } else if (this.source[this.index] === '/') this.index += 1;
      else throw new XPathError(`unexpected "${this.source[this.index]}" at ${this.index + 1}`);
      if (this.source[this.index] === '@') {
        this.index++;
        attribute = this.readName();
        if (descendants) throw new XPathError('write //Element/@name, not //@name');
        if (this.index < this.source.length) throw new XPathError('an attribute must be the last step');
        break;
      }
      const name = this.source[this.index] === '*' ? (this.index++, '*') : this.readName();
      const predicates: Predicate[] = [];
      while (this.source[this.index] === '[') predicates.push(this.readPredicate());
      steps.push({ descendants, name: parseNameTest(name, this.namespaces), predicates });
    }
    if (steps.length === 0) throw new XPathError('the path names no element');
    return attribute === undefined ? { steps } : { steps, attribute };
  }

  private readName(): string {
    const match = NAME.exec(this.source.slice(this.index));
    if (!match) throw new XPathError(`a name was expected at ${this.index + 1}`);
    this.index += match[0].length;
    return match[0];
  }

  private skipSpaces(): void {
    while (this.source[this.index] === ' ') this.index++;
  }

  private readLiteral(): string {
    const quote = this.source[this.index];
    if (quote !== "'" && quote !== '"') throw new XPathError(`a quoted value was expected at ${this.index + 1}`);
    const end = this.source.indexOf(quote, this.index + 1);
    if (end < 0) throw new XPathError('unterminated quoted value');
    const value = this.source.slice(this.index + 1, end);
    this.index = end + 1;
    return value;
  }

  private readPredicate(): Predicate {
    this.index++; // [
    this.skipSpaces();
    let predicate: Predicate;
    const digits = /^\d+/.exec(this.source.slice(this.index));
    if (digits) {
      this.index += digits[0].length;
      const position = Number(digits[0]);
      if (position < 1) throw new XPathError('positions start at 1');
      predicate = { kind: 'position', position };
    } else if (this.source[this.index] === '@') {
      this.index++;
      const name = this.readName();
      this.skipSpaces();
      if (this.source[this.index] === '=') {
        this.index++;
        this.skipSpaces();
        predicate = { kind: 'attributeEquals', name, value: this.readLiteral() };
      } else predicate = { kind: 'hasAttribute', name };
    } else {
      const name = parseNameTest(this.readName(), this.namespaces);
      this.skipSpaces();
      if (this.source[this.index] === '=') {
        this.index++;
        this.skipSpaces();
        predicate = { kind: 'childEquals', name, value: this.readLiteral() };
      } else predicate = { kind: 'hasChild', name };
    }
    this.skipSpaces();
    if (this.source[this.index] !== ']') throw new XPathError(`"]" was expected at ${this.index + 1}`);
    this.index++;
    return predicate;
  }
}

/** Parses a path of the subset; throws XPathError with a readable reason. */
export function parseXPath(source: string, namespaces: Readonly<Record<string, string>> = {}): ParsedPath {
  return new PathReader(source.trim(), namespaces).read();
}

function nameMatches(test: NameTest, element: XmlElementNode): boolean {
  if (test.localName !== null && element.localName !== test.localName) return false;
  return test.namespace === undefined || element.namespaceUri === test.namespace;
}

function attributeOf(element: XmlElementNode, name: string) {
  return findAttribute(element, name) ?? element.attributes.find((attribute) => attribute.name === name);
}

function predicateHolds(predicate: Exclude<Predicate, { kind: 'position' }>, element: XmlElementNode): boolean {
  switch (predicate.kind) {
    case 'attributeEquals':
      return attributeOf(element, predicate.name)?.value === predicate.value;
    case 'hasAttribute':
      return attributeOf(element, predicate.name) !== undefined;
    case 'childEquals':
      return childElements(element).some((child) => nameMatches(predicate.name, child) && textContent(child) === predicate.value);
    case 'hasChild':
      return childElements(element).some((child) => nameMatches(predicate.name, child));
  }
}

/** Applies the predicates to one parent's list of candidates, in order (positions count what survived so far). */
function filter(candidates: XmlElementNode[], predicates: readonly Predicate[]): XmlElementNode[] {
  let current = candidates;
  for (const predicate of predicates) {
    current = predicate.kind === 'position' ? (current[predicate.position - 1] ? [current[predicate.position - 1]!] : []) : current.filter((element) => predicateHolds(predicate, element));
  }
  return current;
}

/** The elements a parsed path selects, in document order, without duplicates. */
export function selectElements(document: XmlDocumentNode, path: ParsedPath): XmlElementNode[] {
  // The document node is the starting context; its only child is the root element.
  let context: Array<XmlElementNode | null> = [null];
  for (const step of path.steps) {
    const next: XmlElementNode[] = [];
    const seen = new Set<XmlElementNode>();
    for (const node of context) {
      const parents: Array<XmlElementNode | null> = step.descendants ? (node === null ? [null, ...walkElements(document.root)] : [...walkElements(node)]) : [node];
      for (const parent of parents) {
        const children = parent === null ? [document.root] : childElements(parent);
        for (const element of filter(
          children.filter((child) => nameMatches(step.name, child)),
          step.predicates,
        )) {
          if (!seen.has(element)) {
            seen.add(element);
            next.push(element);
          }
        }
      }
    }
    context = next;
  }
  const elements = context.filter((element): element is XmlElementNode => element !== null);
  return elements.sort((a, b) => a.start - b.start);
}
