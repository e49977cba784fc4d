// Editing benchmark: on a generated ~1 MB provisioning document (~25k lines),
//   - edit-to-text: computing a tree edit's text edits and applying them to the string (the
//     parse is already there), p50/p95 over 200 random edits;
//   - the same edits chained through an EditSession, where each edit needs a parse of the text
//     the previous edit produced: the lazy re-parse is timed separately;
//   - a full parse, and the heap held by one parse.
// Call runEditingBench() from the bench runner (scripts/bench.mjs bundles test/bench/run.ts).
import {
  EditSession,
  insertElement,
  moveDown,
  moveUp,
  removeElement,
  renameElement,
  setAttribute,
  setText,
  type EditOutcome,
} from '../../shared/common/edit/index';
import { BUNDLED_SCHEMA_MODEL } from '../../shared/common/schema-model/bundled';
import { childElements, parseXml, walkElements, type XmlDocumentNode, type XmlElementNode } from '../../shared/common/xml/index';
import { parseAfterEdit } from '../../shared/common/xml/incremental-parse';
import { median, percentile, type BenchSuite } from './report';

const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const WLAN = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';
const WWAN = 'http://www.microsoft.com/networking/CarrierControl/WWAN/v1';

/** A valid-looking provisioning file of about `targetBytes`, with comments, entities and CDATA. */
export function generateLargeDocument(targetBytes = 1_000_000): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- generated for the editing benchmark -->',
    `<CarrierProvisioning xmlns="${CC}">`,
    '  <Global>',
    '    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>',
    '    <SubscriberId>310260000000000</SubscriberId>',
    '  </Global>',
    '  <MBNProfiles>',
    `    <DefaultProfile xmlns="${WWAN}" Priority="1">`,
    '      <Name>Contoso &amp; Partners</Name>',
    '      <Context><AccessString>internet.contoso.com</AccessString></Context>',
    '    </DefaultProfile>',
    '  </MBNProfiles>',
    '  <WLANProfiles>',
  ];
  let size = parts.join('\n').length;
  for (let index = 0; size < targetBytes - 200; index++) {
    const profile = [
      `    <!-- hotspot ${index} -->`,
      `    <WLANProfile xmlns="${WLAN}" Priority='${index % 10}'>`,
      `      <name>Contoso Wi-Fi ${index}</name>`,
      '      <SSIDConfig>',
      `        <SSID><name>contoso-${index}</name></SSID>`,
      '      </SSIDConfig>',
      '      <MSM>',
      '        <security>',
      '          <authEncryption>',
      '            <authentication>WPA2PSK</authentication>',
      '            <encryption>AES</encryption>',
      '          </authEncryption>',
      `          <sharedKey><keyType>passPhrase</keyType><protected>false</protected><keyMaterial><![CDATA[p&ss<${index}>]]></keyMaterial></sharedKey>`,
      '        </security>',
      '      </MSM>',
      '    </WLANProfile>',
    ];
    parts.push(...profile);
    size += profile.join('\n').length + 1;
  }
  parts.push('  </WLANProfiles>', '</CarrierProvisioning>', '');
  return parts.join('\n');
}

/** A small deterministic pseudo-random generator (same edits on every run). */
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type EditPicker = (document: XmlDocumentNode, elements: readonly XmlElementNode[]) => EditOutcome;

function editPickers(random: () => number): EditPicker[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const leaf = (elements: readonly XmlElementNode[]): XmlElementNode => {
    for (;;) {
      const element = pick(elements);
      if (!element.children.some((child) => child.kind === 'element')) return element;
    }
  };
  const withParent = (elements: readonly XmlElementNode[]): XmlElementNode => {
    for (;;) {
      const element = pick(elements);
      if (element.parent) return element;
    }
  };
  return [
    (document, elements) => setText(document, leaf(elements), `value ${Math.floor(random() * 1e6)} & more`),
    (document, elements) => setAttribute(document, pick(elements), 'Priority', String(Math.floor(random() * 10))),
    (document, elements) => {
      const profiles = elements.filter((element) => element.localName === 'WLANProfile');
      const profile = pick(profiles);
      return random() < 0.5
        ? insertElement(document, profile, { namespace: WLAN, localName: 'AssociatedPlan' }, { model: BUNDLED_SCHEMA_MODEL })
        : insertElement(document, profile.parent!, { namespace: WLAN, localName: 'WLANProfile' }, { model: BUNDLED_SCHEMA_MODEL });
    },
    (document, elements) => removeElement(document, withParent(elements)),
    (document, elements) => (random() < 0.5 ? moveUp(document, withParent(elements)) : moveDown(document, withParent(elements))),
    (document, elements) => renameElement(document, withParent(elements), pick(elements).name),
  ];
}

/** Makes V8 flatten a concatenated string, so "applying to the string" is fully paid for. */
function touch(text: string): number {
  return text.charCodeAt(text.length >> 1);
}

function now(): number {
  return performance.now();
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function runEditingBench(options: { edits?: number; bytes?: number } = {}): Promise<BenchSuite> {
  const editCount = options.edits ?? 200;
  const text = generateLargeDocument(options.bytes ?? 1_000_000);
  const lines = text.split('\n').length;

  // Full parse (warm up first) and the memory one parse holds.
  parseXml(text);
  const parseTimes: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = now();
    parseXml(text);
    parseTimes.push(now() - started);
  }
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const held = parseXml(text);
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  if (!held.ok) throw new Error('the generated document does not parse');
  const document = held.document;
  const elements = [...walkElements(document.root)];

  // Edit-to-text on one parse: every edit computed against the same parsed document.
  const random = randomGenerator(20240601);
  const pickers = editPickers(random);
  for (let warm = 0; warm < 20; warm++) pickers[warm % pickers.length]!(document, elements);
  const editTimes: number[] = [];
  let refused = 0;
  for (let index = 0; index < editCount; index++) {
    const picker = pickers[index % pickers.length]!;
    const started = now();
    const outcome = picker(document, elements);
    if (outcome.ok) touch(outcome.text);
    editTimes.push(now() - started);
    if (!outcome.ok) refused++;
  }

  // Chained: each edit on the text the previous one produced (lazy re-parse in between).
  const session = new EditSession(text);
  const chainedEditTimes: number[] = [];
  const reparseTimes: number[] = [];
  const chainedRandom = randomGenerator(7);
  const chainedPickers = editPickers(chainedRandom);
  const chainedCount = Math.min(editCount, 50);
  for (let index = 0; index < chainedCount; index++) {
    const parseStarted = now();
    const current = session.document;
    reparseTimes.push(now() - parseStarted);
    if (!current) throw new Error('an edit produced text that does not parse');
    const currentElements = [...walkElements(current.root)];
    const started = now();
    session.run((parsed) => chainedPickers[index % chainedPickers.length]!(parsed, currentElements));
    touch(session.text);
    chainedEditTimes.push(now() - started);
  }
  if (!session.document) throw new Error('the chained edits produced text that does not parse');

  // The parse after a character typed into a value, derived from the previous parse
  // (shared/common/xml/incremental-parse.ts), against the full parse above.
  const valueTexts = elements.flatMap((element) => element.children.filter((child) => child.kind === 'text' && child.value.trim() !== '' && child.value === text.slice(child.start, child.end)));
  const derivedTimes: number[] = [];
  for (let index = 0; index < 25; index++) {
    const target = valueTexts[Math.floor(random() * valueTexts.length)]!;
    const started = now();
    const derived = parseAfterEdit(document, { offset: target.end, length: 0, text: 'x' });
    derivedTimes.push(now() - started);
    if (!derived) throw new Error('a character typed into a value was declined');
  }

  return {
    suite: 'editing (tree edit -> minimal text edit)',
    rows: [
      { name: 'document size', value: text.length / 1e6, unit: 'MB', note: `${lines} lines, ${elements.length} elements, ${childElements(document.root).length} sections` },
      { name: 'edit-to-text p50', value: median(editTimes), unit: 'ms', note: `${editCount} random edits, ${refused} refused` },
      { name: 'edit-to-text p95', value: percentile(editTimes, 0.95), unit: 'ms', target: { comparison: '<=', value: 16 } },
      { name: 'edit-to-text max', value: Math.max(...editTimes), unit: 'ms' },
      { name: 'chained edit-to-text p95', value: percentile(chainedEditTimes, 0.95), unit: 'ms', target: { comparison: '<=', value: 16 }, note: `${chainedCount} edits, each on the previous result` },
      { name: 'lazy re-parse between chained edits p50', value: median(reparseTimes.slice(1)), unit: 'ms', note: 'paid once per edit burst, not per keystroke' },
      { name: 'full parse p50', value: median(parseTimes), unit: 'ms' },
      { name: 'parse after a character typed into a value p50', value: median(derivedTimes.slice(5)), unit: 'ms', note: 'derived from the previous parse (incremental-parse.ts)' },
      { name: 'derived parse / full parse', value: median(derivedTimes.slice(5)) / median(parseTimes), unit: 'ratio' },
      { name: 'heap held by one parse', value: (heapAfter - heapBefore) / (1024 * 1024), unit: 'MB', note: (globalThis as { gc?: unknown }).gc ? 'after gc' : 'no --expose-gc: rough' },
    ],
  };
}
