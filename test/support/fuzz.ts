// Fuzzed round trips, shared by test/stress/fuzz-round-trip.test.ts (a fixed budget per CI run)
// and `npm run fuzz` (longer runs, any seed).
//
// Documents come from the schema model: real element names of every namespace, written with
// prefixes or default namespaces at random, with comments, CDATA, processing instructions,
// entity and character references, LF, CRLF or both mixed, and stored as UTF-8 (with or without
// a BOM) or UTF-16 (LE or BE, with a BOM). For each document:
//   - bytes -> text -> parse -> no-op edits -> text -> bytes is byte-identical;
//   - random edits from the tree's operations and the forms' changes, one after another: each
//     result is well-formed, its text is its edits applied, and the bytes outside the edits'
//     range are the bytes that were there ("lossy" otherwise).
// Generation is seeded (fast-check), so a failure is reproduced by its seed and path.
import fc from 'fast-check';
import { applyTextEdits, setAttribute, setText, type EditOutcome, type TextEdit } from '../../shared/common/edit/index';
import { applyFormChange, type FormChange } from '../../shared/common/edit/form-changes';
import { pathOf } from '../../shared/common/xml/element-path';
import type { TextEncodingName } from '../../shared/common/ipc';
import { BUNDLED_SCHEMA_MODEL } from '../../shared/common/schema-model/bundled';
import { attributesOf, possibleChildren } from '../../shared/common/schema-model/queries';
import type { ElementKey } from '../../shared/common/schema-model/types';
import { textContent, walkElements, type XmlDocumentNode, type XmlElementNode } from '../../shared/common/xml/model';
import { parseXml } from '../../shared/common/xml/parse';
import { decodeText, encodeText } from '../../shared/node/files/encoding';
import { applyTreeEdit, type TreeEdit } from './tree-edits';

const MODEL = BUNDLED_SCHEMA_MODEL;
const ROOT_KEY = '{http://www.microsoft.com/networking/CarrierControl/v1}CarrierProvisioning';

// ---- documents ------------------------------------------------------------------------------------

export interface GeneratedDocument {
  text: string;
  encoding: TextEncodingName;
  bytes: Uint8Array;
}

/** A seeded stream of choices, drawn from one fast-check integer array (so it shrinks). */
class Choices {
  private index = 0;
  constructor(private readonly values: readonly number[]) {}
  next(bound: number): number {
    const value = this.values[this.index++ % this.values.length] ?? 0;
    return bound <= 1 ? 0 : value % bound;
  }
  chance(percent: number): boolean {
    return this.next(100) < percent;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.next(items.length)]!;
  }
}

const TEXT_PIECES = ['Contoso', ' ', '  ', 'a &amp; b', '&lt;tag&gt;', '&#233;', '&#x20AC;', '&quot;q&quot;', "it's", 'Opérateur', '中文', '𝄞', '42', '{11111111-2222-3333-4444-555555555555}', 'internet.contoso.com'];
const ATTRIBUTE_PIECES = ['1', 'true', 'a &amp; b', '&quot;', '&lt;', 'Basic', '&#9;', 'é', ' x '];
const MISC = ['<!-- note -->', '<!---->', '<!-- a - b -->', '<?app data?>', '<?pi?>'];

interface Writer {
  choices: Choices;
  newline: () => string;
  prefixes: number;
}

/** Writes an element of `key` (its real name and namespace), declaring its namespace as it likes. */
function writeElement(writer: Writer, key: ElementKey, scope: Map<string, string>, defaultNamespace: string, indent: string, depth: number): string {
  const { choices } = writer;
  const declaration = MODEL.elements[key]!;
  const namespace = declaration.namespace;
  const declarations: string[] = [];
  let name = declaration.localName;
  let childDefault = defaultNamespace;
  const childScope = new Map(scope);
  const bound = [...scope].find(([, uri]) => uri === namespace)?.[0];
  if (namespace === defaultNamespace && !choices.chance(15)) {
    // In the default namespace already.
  } else if (bound !== undefined && choices.chance(60)) {
    name = `${bound}:${declaration.localName}`;
  } else if (choices.chance(50)) {
    declarations.push(`xmlns="${namespace}"`);
    childDefault = namespace;
  } else {
    const prefix = `p${writer.prefixes++}`;
    declarations.push(`xmlns:${prefix}="${namespace}"`);
    childScope.set(prefix, namespace);
    name = `${prefix}:${declaration.localName}`;
  }
  const attributes = attributesOf(MODEL, key)
    .filter(() => choices.chance(40))
    .map((attribute) => {
      const quote = choices.chance(70) ? '"' : "'";
      const value = Array.from({ length: choices.next(3) }, () => choices.pick(ATTRIBUTE_PIECES)).join('');
      return `${attribute.name}=${quote}${value}${quote}`;
    });
  const head = [name, ...declarations, ...attributes].join(choices.chance(10) ? '\n  ' : ' ');
  const children = depth < 3 ? possibleChildren(MODEL, key).filter((child) => !child.viaWildcard) : [];
  const parts: string[] = [];
  const inner = `${indent}  `;
  const count = children.length === 0 ? 0 : choices.next(depth === 0 ? 5 : 3);
  for (let index = 0; index < count; index++) {
    if (choices.chance(15)) parts.push(writer.newline() + inner + choices.pick(MISC));
    const child = choices.pick(children);
    parts.push(writer.newline() + inner + writeElement(writer, child.element, childScope, childDefault, inner, depth + 1));
  }
  if (parts.length === 0) {
    if (choices.chance(25)) return `<${head}/>`;
    const text = Array.from({ length: 1 + choices.next(3) }, () => (choices.chance(10) ? '<![CDATA[x < y & z]]>' : choices.pick(TEXT_PIECES))).join('');
    return `<${head}>${choices.chance(10) ? choices.pick(MISC) : ''}${text}</${name}>`;
  }
  return `<${head}>${parts.join('')}${writer.newline()}${indent}</${name}>`;
}

const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'];

export function generateDocument(values: readonly number[]): GeneratedDocument {
  const choices = new Choices(values);
  const style = choices.next(3);
  const newline = () => (style === 0 ? '\n' : style === 1 ? '\r\n' : choices.chance(50) ? '\n' : '\r\n');
  const writer: Writer = { choices, newline, prefixes: 0 };
  const encoding = choices.pick(ENCODINGS);
  const declaredEncoding = encoding.startsWith('utf-16') ? 'UTF-16' : 'utf-8';
  const prolog = [
    choices.chance(80) ? `<?xml version="1.0" encoding="${declaredEncoding}"?>${newline()}` : '',
    choices.chance(30) ? `<!-- generated -->${newline()}` : '',
    choices.chance(10) ? `<?app before-root?>${newline()}` : '',
  ].join('');
  const text = `${prolog}${writeElement(writer, ROOT_KEY, new Map(), '', '', 0)}${choices.chance(70) ? newline() : ''}`;
  return { text, encoding, bytes: encodeText(text, encoding) };
}

// ---- edits --------------------------------------------------------------------------------------------

const VALUES = ['', 'x', 'a & b', '<tag>', ']]>', 'line\nbreak', 'cr\r\nlf', `quote ' and "`, '\ttab', '𝄞', 'Opérateur', '  spaced  '];

/** One random edit from the tree's operations or the forms' changes, on `element`. */
function randomEdit(choices: Choices, document: XmlDocumentNode, element: XmlElementNode): { kind: string; edits: TextEdit[]; text: string } | null {
  const value = choices.pick(VALUES);
  const attributeNames = [...attributesOf(MODEL, element).map((attribute) => attribute.name), ...element.attributes.map((attribute) => attribute.name), 'extra'];
  const children = possibleChildren(MODEL, element).filter((child) => !child.viaWildcard);
  const path = pathOf(element);
  const tree = (edit: TreeEdit) => {
    const outcome = applyTreeEdit(document, element, edit);
    return outcome.ok ? { kind: edit.kind, edits: outcome.edits, text: outcome.text } : null;
  };
  const form = (change: FormChange) => {
    const result = applyFormChange(MODEL, document, change);
    return result.ok ? { kind: `form.${change.kind}`, edits: result.edits, text: result.text } : null;
  };
  switch (choices.next(13)) {
    case 0:
      return tree({ kind: 'setText', value });
    case 1:
      return tree({ kind: 'setAttribute', name: choices.pick(attributeNames), value });
    case 2:
      return tree({ kind: 'removeAttribute', name: choices.pick(attributeNames) });
    case 3: {
      if (children.length === 0) return null;
      const child = choices.pick(children);
      return tree({ kind: 'insert', namespace: child.namespace, localName: child.localName, options: { model: MODEL } });
    }
    case 4:
      return element.parent ? tree({ kind: 'remove' }) : null;
    case 5:
      return tree({ kind: 'moveUp' });
    case 6:
      return tree({ kind: 'moveDown' });
    case 7:
      return tree({ kind: 'rename', name: element.prefix ? `${element.prefix}:Renamed` : 'Renamed' });
    case 8:
      return form({ kind: 'setAttribute', path, name: choices.pick(attributeNames), value: choices.chance(20) ? null : value });
    case 9:
      return form({ kind: 'setText', path, value });
    case 10: {
      if (children.length === 0) return null;
      const child = choices.pick(children);
      return form({ kind: 'setChildText', path, namespace: child.namespace, localName: child.localName, value, removeWhenEmpty: true });
    }
    case 11: {
      if (children.length === 0) return null;
      const child = choices.pick(children);
      return form({ kind: 'addChild', path, namespace: child.namespace, localName: child.localName });
    }
    default:
      return element.parent ? form({ kind: choices.pick(['remove', 'moveUp', 'moveDown'] as const), path }) : null;
  }
}

/** Edits that change nothing: every attribute and every text-only element set to what it is. */
function noOpEdits(document: XmlDocumentNode): EditOutcome[] {
  const outcomes: EditOutcome[] = [];
  for (const element of walkElements(document.root)) {
    for (const attribute of element.attributes) {
      if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
      outcomes.push(setAttribute(document, element, attribute.name, attribute.value));
    }
    const onlyText = element.children.length > 0 && element.children.every((child) => child.kind === 'text');
    if (onlyText) outcomes.push(setText(document, element, textContent(element)));
  }
  return outcomes;
}

// ---- the run --------------------------------------------------------------------------------------

export interface FuzzProblem {
  kind: 'crash' | 'lossy' | 'malformed' | 'notIdentical';
  detail: string;
}

export interface FuzzCounts {
  documents: number;
  /** Every check: per document, the round trip of its bytes, each no-op edit, each edit applied. */
  cases: number;
  editsApplied: number;
  editsRefused: number;
  noOpEdits: number;
  crashes: number;
  lossy: number;
  malformed: number;
  notIdentical: number;
  byKind: Record<string, number>;
  problems: FuzzProblem[];
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Checks one document and `editCount` random edits on it; adds to `counts`. */
export function fuzzOne(values: readonly number[], editCount: number, counts: FuzzCounts): void {
  const record = (problem: FuzzProblem) => {
    counts[problem.kind === 'crash' ? 'crashes' : problem.kind]++;
    if (counts.problems.length < 20) counts.problems.push(problem);
  };
  counts.documents++;
  let generated: GeneratedDocument;
  try {
    generated = generateDocument(values);
  } catch (error) {
    record({ kind: 'crash', detail: `generate: ${String(error)}` });
    return;
  }
  const { encoding } = generated;
  try {
    // Bytes -> text -> parse -> no-op edits -> text -> bytes.
    counts.cases++;
    const decoded = decodeText(generated.bytes);
    const parsed = parseXml(decoded.text);
    if (decoded.encoding !== encoding || !parsed.ok) {
      record({ kind: 'malformed', detail: `generated document: ${parsed.ok ? decoded.encoding : parsed.error.message}\n${generated.text.slice(0, 400)}` });
      return;
    }
    for (const outcome of noOpEdits(parsed.document)) {
      counts.noOpEdits++;
      counts.cases++;
      if (!outcome.ok) continue;
      if (!bytesEqual(encodeText(outcome.text, decoded.encoding), generated.bytes)) {
        record({ kind: 'notIdentical', detail: `no-op edit changed the file: ${JSON.stringify(outcome.edits)}\n${generated.text.slice(0, 400)}` });
      }
    }
    if (!bytesEqual(encodeText(parsed.document.text, decoded.encoding), generated.bytes)) record({ kind: 'notIdentical', detail: 'parse and serialise' });

    // Random edits, one after another.
    const choices = new Choices(values.length > 0 ? [...values].reverse() : [0]);
    let document = parsed.document;
    let bytes = generated.bytes;
    for (let step = 0; step < editCount; step++) {
      const elements = [...walkElements(document.root)];
      const element = elements[choices.next(elements.length)]!;
      const edit = randomEdit(choices, document, element);
      if (!edit) {
        counts.editsRefused++;
        continue;
      }
      counts.cases++;
      counts.editsApplied++;
      counts.byKind[edit.kind] = (counts.byKind[edit.kind] ?? 0) + 1;
      if (applyTextEdits(document.text, edit.edits) !== edit.text) {
        record({ kind: 'lossy', detail: `${edit.kind}: the result is not its edits applied` });
        break;
      }
      const after = encodeText(edit.text, encoding);
      if (edit.edits.length > 0) {
        // Bytes before the first edit and after the last one are the bytes that were there.
        const first = Math.min(...edit.edits.map((one) => one.offset));
        const last = Math.max(...edit.edits.map((one) => one.offset + one.length));
        const prefixBytes = encodeText(document.text.slice(0, first), encoding).length;
        const suffixBytes = encodeText(document.text.slice(last), encoding).length - (encoding === 'utf-8' ? 0 : encoding === 'utf-8-bom' ? 3 : 2);
        const samePrefix = bytesEqual(after.subarray(0, prefixBytes), bytes.subarray(0, prefixBytes));
        const sameSuffix = bytesEqual(after.subarray(after.length - suffixBytes), bytes.subarray(bytes.length - suffixBytes));
        if (!samePrefix || !sameSuffix) {
          record({ kind: 'lossy', detail: `${edit.kind} changed bytes outside [${first}, ${last})` });
          break;
        }
      } else if (!bytesEqual(after, bytes)) {
        record({ kind: 'lossy', detail: `${edit.kind}: no edits, yet the bytes changed` });
        break;
      }
      const reparsed = parseXml(edit.text);
      if (!reparsed.ok) {
        record({ kind: 'malformed', detail: `${edit.kind} on <${element.name}>: ${reparsed.error.message}\n${edit.text.slice(Math.max(0, reparsed.error.range.start.offset - 200), reparsed.error.range.start.offset + 100)}` });
        break;
      }
      document = reparsed.document;
      bytes = after;
    }
  } catch (error) {
    record({ kind: 'crash', detail: `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${generated.text.slice(0, 400)}` });
  }
}

export function emptyCounts(): FuzzCounts {
  return { documents: 0, cases: 0, editsApplied: 0, editsRefused: 0, noOpEdits: 0, crashes: 0, lossy: 0, malformed: 0, notIdentical: 0, byKind: {}, problems: [] };
}

/** The choices behind one document and its edits. */
export const documentChoices = fc.array(fc.nat({ max: 0x7fffffff }), { minLength: 64, maxLength: 400 });

/**
 * Runs `documents` generated documents with `editsPerDocument` edits each, reproducibly from
 * `seed`; returns the counts (problems listed, never thrown, so a run reports everything).
 */
export function runRoundTripFuzz(options: { seed: number; documents: number; editsPerDocument: number }): FuzzCounts {
  const counts = emptyCounts();
  fc.assert(
    fc.property(documentChoices, (values) => {
      fuzzOne(values, options.editsPerDocument, counts);
    }),
    { seed: options.seed, numRuns: options.documents, endOnFailure: true },
  );
  return counts;
}

