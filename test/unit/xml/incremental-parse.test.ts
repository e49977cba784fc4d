// parseAfterEdit against the full parse of the new text: on every fixture, random edits of each
// kind it takes (typing into and deleting from a text or an attribute value) must give exactly
// the full parse's tree (every node, value, offset, parent and line start), and the edits it must
// decline (markup, references, emptied text, namespace declarations, carriage returns) must give
// null or, where they happen to change nothing structural, again the full parse's tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAfterEdit, type SimpleTextEdit } from '../../../shared/common/xml/incremental-parse';
import { walkElements, type XmlChildNode, type XmlDocumentNode, type XmlElementNode } from '../../../shared/common/xml/model';
import { parseXml } from '../../../shared/common/xml/parse';
import { generateDocument } from '../../bench/validation';

function parsed(text: string): XmlDocumentNode {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

/** Every difference between two trees, as paths (empty when they are the same). */
function differences(actual: XmlDocumentNode, expected: XmlDocumentNode): string[] {
  const found: string[] = [];
  const counterpart = new Map<object, object>();
  const compareFields = (where: string, a: object, b: object) => {
    const keysA = Object.keys(a).filter((key) => key !== 'parent' && key !== 'children' && key !== 'attributes').sort();
    const keysB = Object.keys(b).filter((key) => key !== 'parent' && key !== 'children' && key !== 'attributes').sort();
    if (keysA.join() !== keysB.join()) found.push(`${where}: fields ${keysA.join()} / ${keysB.join()}`);
    for (const key of keysB) {
      const valueA = (a as Record<string, unknown>)[key];
      const valueB = (b as Record<string, unknown>)[key];
      if (valueA !== valueB) found.push(`${where}.${key}: ${JSON.stringify(valueA)} / ${JSON.stringify(valueB)}`);
    }
  };
  const compareChildren = (where: string, a: readonly XmlChildNode[], b: readonly XmlChildNode[], parentA: XmlElementNode | null) => {
    if (a.length !== b.length) {
      found.push(`${where}: ${a.length} / ${b.length} children`);
      return;
    }
    a.forEach((childA, index) => {
      const childB = b[index]!;
      const at = `${where}/${index}`;
      counterpart.set(childB, childA);
      compareFields(at, childA, childB);
      if (childA.parent !== parentA) found.push(`${at}: parent is not the copied parent`);
      if (childB.parent !== null && counterpart.get(childB.parent) !== childA.parent) found.push(`${at}: parent differs`);
      if (childA.kind === 'element' && childB.kind === 'element') {
        if (childA.attributes.length !== childB.attributes.length) found.push(`${at}: attributes`);
        else childA.attributes.forEach((attribute, attributeIndex) => compareFields(`${at}@${attributeIndex}`, attribute, childB.attributes[attributeIndex]!));
        compareChildren(at, childA.children, childB.children, childA);
      }
    });
  };
  if (actual.text !== expected.text) found.push('text');
  if (JSON.stringify(actual.declaration) !== JSON.stringify(expected.declaration)) found.push('declaration');
  if (actual.lineStarts.join() !== expected.lineStarts.join()) found.push('lineStarts');
  compareChildren('', actual.children, expected.children, null);
  if (!actual.children.includes(actual.root) || counterpart.get(expected.root) !== actual.root) found.push('root');
  return found.slice(0, 10);
}

function applyEdit(text: string, edit: SimpleTextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

/** Checks one edit: null, or exactly the full parse. Returns whether it was taken. */
function check(document: XmlDocumentNode, edit: SimpleTextEdit, label: string): boolean {
  const derived = parseAfterEdit(document, edit);
  if (derived === null) return false;
  const full = parseXml(applyEdit(document.text, edit));
  expect(full.ok, `${label}: taken, but the new text is not well-formed`).toBe(true);
  if (full.ok) expect(differences(derived, full.document), label).toEqual([]);
  return true;
}

/** A small deterministic random number generator (the runs repeat). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const TYPED = ['x', '7', ' ', 'é', 'Wi-Fi 5G', '\n  ', '-', '中', '.', '"', "'", '>', ']'];
const DECLINED = ['<', '&amp;', '&', '\r', '\r\n', '\u0001', '\uD83D\uDE00', ']]>', '<a/>', '\u0085'];

function editsFor(document: XmlDocumentNode, next: () => number): { edit: SimpleTextEdit; expectTaken: boolean }[] {
  const edits: { edit: SimpleTextEdit; expectTaken: boolean }[] = [];
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const elements = [...walkElements(document.root)];
  for (let round = 0; round < 6 && elements.length > 0; round++) {
    const element = pick(elements);
    const texts = element.children.filter((child) => child.kind === 'text');
    const attributes = element.attributes;
    const inText = texts.length > 0 && (attributes.length === 0 || next() < 0.5);
    const [from, to] = inText ? (() => { const text = pick(texts); return [text.start, text.end]; })() : attributes.length > 0 ? (() => { const attribute = pick(attributes); return [attribute.valueStart, attribute.valueEnd]; })() : [element.start + 1, element.start + 1];
    const offset = from + Math.floor(next() * (to - from + 1));
    const length = Math.floor(next() * Math.min(3, to - offset + 1));
    const declined = next() < 0.3;
    edits.push({ edit: { offset, length, text: declined ? pick(DECLINED) : pick(TYPED) }, expectTaken: false });
    // A plain character typed into a value written as it is read is always taken.
    const plain = document.text.slice(from, to);
    const value = inText ? texts.find((text) => text.start === from)?.value : attributes.find((attribute) => attribute.valueStart === from)?.value;
    const isNamespace = !inText && attributes.some((attribute) => attribute.valueStart === from && (attribute.prefix === 'xmlns' || attribute.name === 'xmlns'));
    const taken = value === plain && !isNamespace && from < to && document.declaration?.version !== '1.1' && !/[\r&<\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(plain) && (inText || !/[\t\n]/.test(plain));
    edits.push({ edit: { offset, length: 0, text: 'x' }, expectTaken: taken && (inText || from < to) });
  }
  return edits;
}

function fixtureFiles(): string[] {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.xml')) files.push(full);
    }
  };
  walk(path.resolve(import.meta.dirname, '../../fixtures'));
  return files;
}

describe('parseAfterEdit', () => {
  it('gives the full parse for edits inside one value, and declines the others', () => {
    const document = parsed('<?xml version="1.0"?>\n<!-- c -->\n<r xmlns="urn:a" xmlns:b="urn:b" a="1" b:c=\'two\'>\n  <x>text</x>\n  <y>a &amp; b</y>\n  <z/>\n</r>\n');
    const at = (needle: string) => document.text.indexOf(needle);
    // Typed into a text, an attribute value, at a value's start and end, and deleted.
    for (const edit of [
      { offset: at('text') + 2, length: 0, text: 'XY' },
      { offset: at('text'), length: 0, text: 'Z' },
      { offset: at('text') + 4, length: 0, text: 'Z' },
      { offset: at('text') + 1, length: 2, text: '' },
      { offset: at('"1"') + 1, length: 1, text: '42' },
      { offset: at("'two'") + 1, length: 3, text: 'a"b' },
      { offset: at('<x>') - 3, length: 0, text: '\n\n' },
      { offset: at('\n  <y>'), length: 1, text: '' },
    ]) {
      expect(check(document, edit, JSON.stringify(edit)), JSON.stringify(edit)).toBe(true);
    }
    for (const edit of [
      { offset: at('text'), length: 4, text: '' }, // an emptied text is no node
      { offset: at('text'), length: 0, text: '<' },
      { offset: at('text'), length: 0, text: '&lt;' },
      { offset: at('a &amp;'), length: 0, text: 'x' }, // the value is not the text as written
      { offset: at('urn:b'), length: 0, text: 'x' }, // a namespace declaration
      { offset: at('"1"') + 1, length: 0, text: '"' },
      { offset: at('"1"') + 1, length: 0, text: '\n' },
      { offset: at('text'), length: 0, text: '\r' },
      { offset: at('text'), length: 0, text: ']]>' },
      { offset: at('<x>') + 1, length: 0, text: 'q' }, // a tag
      { offset: at('<z/>') + 2, length: 0, text: 'q' },
      { offset: at(' c ') + 1, length: 0, text: 'q' }, // a comment
      { offset: at('text'), length: 8, text: 'x' }, // reaches into the end tag
    ]) {
      expect(parseAfterEdit(document, edit), JSON.stringify(edit)).toBeNull();
    }
  });

  it('keeps the document it was given as it was', () => {
    const text = '<r a="1">\n  <x>text</x>\n</r>';
    const document = parsed(text);
    const before = JSON.stringify(document, (key, value: unknown) => (key === 'parent' ? undefined : value));
    expect(parseAfterEdit(document, { offset: text.indexOf('text'), length: 0, text: 'more ' })).not.toBeNull();
    expect(JSON.stringify(document, (key, value: unknown) => (key === 'parent' ? undefined : value))).toBe(before);
  });

  it('declines XML 1.1, where other characters are line ends', () => {
    const document = parsed('<?xml version="1.1"?><r>text</r>');
    expect(parseAfterEdit(document, { offset: document.text.indexOf('text'), length: 0, text: 'x' })).toBeNull();
  });

  it('on every fixture, random edits equal the full parse when taken', () => {
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThan(300);
    const next = random(14);
    let taken = 0;
    let checkedFiles = 0;
    for (const file of files) {
      const result = parseXml(readFileSync(file, 'utf8'));
      if (!result.ok) continue;
      checkedFiles++;
      for (const { edit, expectTaken } of editsFor(result.document, next)) {
        const wasTaken = check(result.document, edit, `${path.basename(file)} ${JSON.stringify(edit)}`);
        if (expectTaken) expect(wasTaken, `${path.basename(file)} ${JSON.stringify(edit)} should be taken`).toBe(true);
        if (wasTaken) taken++;
      }
    }
    expect(checkedFiles).toBeGreaterThan(300);
    expect(taken).toBeGreaterThan(checkedFiles * 2);
  });

  it('on a 1 MB document, a chain of edits, each on the previous result', () => {
    let document = parsed(generateDocument(1024 * 1024));
    const next = random(7);
    let taken = 0;
    for (let step = 0; step < 12; step++) {
      const { edit } = editsFor(document, next)[step % 2]!;
      const derived = parseAfterEdit(document, edit);
      const full = parseXml(applyEdit(document.text, edit));
      if (derived === null) {
        if (full.ok) document = full.document;
        continue;
      }
      taken++;
      expect(full.ok).toBe(true);
      if (!full.ok) return;
      expect(differences(derived, full.document)).toEqual([]);
      document = derived;
    }
    expect(taken).toBeGreaterThan(4);
  });
});
