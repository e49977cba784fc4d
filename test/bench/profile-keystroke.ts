// Where the keystroke bench's time goes: runs one kind of keystroke-to-markers (keystroke.ts) under
// a Chromium trace with the V8 CPU profiler on every thread (the page and the validation and
// folding workers), then prints, for each keystroke, what each thread ran between the keydown and
// the markers, and the functions (self and inclusive time) of the slowest keystrokes per thread.
// A diagnostic tool, not a benchmark:
//   npx esbuild test/bench/profile-keystroke.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=.bench/b/profile-keystroke.mjs && node .bench/b/profile-keystroke.mjs [--busy] [--kind value]
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { runKeystrokeBench, type KeystrokeKind } from './keystroke';
import { startPageProfile, type PageProfile, type ProfileNode } from './page-profile';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: { startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } };
}

const kindArgument = process.argv.indexOf('--kind');
const kind = (kindArgument > 0 ? process.argv[kindArgument + 1] : 'value') as KeystrokeKind;
const CHARACTERS = 30;
let trace: TraceEvent[] = [];
let windows: Array<[number, number]> = [];

/** --page-only: the page's thread alone, with CDP's Profiler (less overhead than a trace of every thread). */
const pageOnly = process.argv.includes('--page-only');
let pageProfile: PageProfile | null = null;

const aroundTyping = {
  async before(page: Page, browser: Browser) {
    if (pageOnly) {
      pageProfile = await startPageProfile(page);
      return;
    }
    await browser.startTracing(page, {
      categories: ['disabled-by-default-v8.cpu_profiler', 'blink.user_timing'],
    });
  },
  async after(page: Page, browser: Browser) {
    // performance.now() of a mark, to put the page's times on the trace's clock.
    const syncNow = await page.evaluate(() => {
      const now = performance.now();
      performance.mark('keystroke-profile-sync');
      return now;
    });
    let offset: number;
    if (pageProfile) {
      // The CPU profile as one thread of a trace (a Profile and one ProfileChunk), its clock lined up with the page's.
      const { profile, offsetMicros } = await pageProfile.stop();
      offset = offsetMicros;
      trace = [
        { name: 'thread_name', ph: 'M', ts: 0, pid: 1, tid: 1, args: { name: 'CrRendererMain' } },
        { name: 'Profile', ph: 'P', ts: profile.startTime, pid: 1, tid: 1, id: '1', args: { data: { startTime: profile.startTime } } },
        { name: 'ProfileChunk', ph: 'P', ts: profile.startTime, pid: 1, tid: 1, id: '1', args: { data: { cpuProfile: { nodes: profile.nodes, samples: profile.samples }, timeDeltas: profile.timeDeltas } } },
      ];
    } else {
      const buffer = await browser.stopTracing();
      const parsed = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
      trace = Array.isArray(parsed) ? parsed : parsed.traceEvents;
      const sync = trace.find((event) => event.name === 'keystroke-profile-sync');
      if (!sync) throw new Error('no sync mark in the trace');
      offset = sync.ts - syncNow * 1000;
    }
    const state = await page.evaluate(() => {
      const bench = (window as unknown as { __bench: { keys: number[]; arrivals: Map<number, number> } }).__bench;
      return { keys: bench.keys, arrivals: [...bench.arrivals.entries()] };
    });
    const arrivals = state.arrivals.sort((a, b) => a[0] - b[0]).map(([, time]) => time);
    // The typed keystrokes are the last keydowns, and their arrivals the last versions.
    const keys = state.keys.slice(-CHARACTERS);
    const typed = arrivals.slice(-CHARACTERS);
    windows = keys.map((key, index) => [key * 1000 + offset, typed[index]! * 1000 + offset]);
  },
};

if (process.env.TRACE_IN) {
  // Analyse a trace written before (TRACE_OUT) again.
  ({ trace, windows } = JSON.parse(readFileSync(process.env.TRACE_IN, 'utf8')) as { trace: TraceEvent[]; windows: Array<[number, number]> });
} else {
  const result = await runKeystrokeBench({ kind, characters: CHARACTERS, busyCore: process.argv.includes('--busy'), aroundTyping });
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify({ trace, windows }));
  console.log(`${kind}${result.busyCore ? ' (one core busy)' : ''}, traced: p50 ${result.p50.toFixed(0)} p95 ${result.p95.toFixed(0)} max ${result.max.toFixed(0)} ms (the tracing slows every thread)`);
}

// Threads by name.
const threadNames = new Map<string, string>();
for (const event of trace) if (event.ph === 'M' && event.name === 'thread_name') threadNames.set(`${event.pid}:${event.tid}`, event.args?.name ?? '?');
const threadOf = (event: TraceEvent) => `${event.pid}:${event.tid}`;
const watched = [...threadNames].filter(([, name]) => /CrRendererMain|DedicatedWorker/.test(name)).map(([key]) => key);

// CPU samples per thread: [time (µs, trace clock), node].
const samplesByThread = new Map<string, Array<[number, ProfileNode]>>();
const profiles = new Map<string, { thread: string; nodes: Map<number, ProfileNode>; time: number }>();
for (const event of trace) {
  if (event.name === 'Profile' && event.id) profiles.set(`${event.pid}:${event.id}`, { thread: threadOf(event), nodes: new Map(), time: event.args?.data?.startTime ?? event.ts });
  if (event.name !== 'ProfileChunk' || !event.id) continue;
  const profile = profiles.get(`${event.pid}:${event.id}`);
  if (!profile) continue;
  const data = event.args?.data;
  for (const node of data?.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
  const samples = data?.cpuProfile?.samples ?? [];
  const deltas = data?.timeDeltas ?? [];
  const list = samplesByThread.get(profile.thread) ?? [];
  samplesByThread.set(profile.thread, list);
  samples.forEach((id, index) => {
    profile.time += deltas[index] ?? 0;
    const node = profile.nodes.get(id);
    if (node) list.push([profile.time, node]);
  });
}
const nodesOfThread = new Map<string, Map<number, ProfileNode>>();
for (const profile of profiles.values()) nodesOfThread.set(profile.thread, profile.nodes);
const frameName = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${(node.callFrame.url ?? '').split('/').pop()}:${node.callFrame.lineNumber + 1}`;

/** Milliseconds a thread was sampled doing something (not idle) inside [start, end] (trace clock, µs). */
function busyMs(thread: string, start: number, end: number): number {
  const samples = samplesByThread.get(thread) ?? [];
  let total = 0;
  for (let index = 0; index < samples.length; index++) {
    const [time, node] = samples[index]!;
    if (time < start || time > end || node.callFrame.functionName === '(idle)') continue;
    const interval = (samples[index + 1]?.[0] ?? time + 250) - time;
    if (interval < 50_000) total += interval;
  }
  return total / 1000;
}

function functions(thread: string, ranges: Array<[number, number]>, top: number): string[] {
  const nodes = nodesOfThread.get(thread);
  const samples = samplesByThread.get(thread) ?? [];
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (let index = 0; index < samples.length; index++) {
    const [time, node] = samples[index]!;
    if (!ranges.some(([start, end]) => time >= start && time <= end)) continue;
    const interval = ((samples[index + 1]?.[0] ?? time + 250) - time) / 1000;
    if (interval > 50) continue;
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + interval);
    const seen = new Set<string>();
    for (let current: ProfileNode | undefined = node; current; current = current.parent !== undefined ? nodes?.get(current.parent) : undefined) {
      const key = frameName(current);
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + interval);
      seen.add(key);
    }
  }
  const lines = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, value]) => `    ${value.toFixed(1).padStart(7)}  ${key}`);
  return ['  self:', ...lines(self), '  inclusive:', ...lines(inclusive)];
}

// Parent pointers (the trace gives parents directly in newer Chromium; fill them from children otherwise).
for (const nodes of nodesOfThread.values()) {
  for (const node of nodes.values()) for (const child of (node as ProfileNode).children ?? []) { const found = nodes.get(child); if (found) found.parent = node.id; }
}

const name = (thread: string) => threadNames.get(thread) ?? thread;
const WATCH = (process.env.WATCH ?? 'parseXml,provideCompletionItems,_onRenderScheduled,_updateBrackets,performWorkUntilDeadline,(garbage collector),(program)').split(',');
/** Inclusive ms of the watched function names on a thread inside one window. */
function watchedMs(thread: string, start: number, end: number): string {
  const nodes = nodesOfThread.get(thread);
  const samples = samplesByThread.get(thread) ?? [];
  const totals = new Map<string, number>();
  for (let index = 0; index < samples.length; index++) {
    const [time, node] = samples[index]!;
    if (time < start || time > end) continue;
    const interval = ((samples[index + 1]?.[0] ?? time + 250) - time) / 1000;
    if (interval > 50) continue;
    const seen = new Set<string>();
    for (let current: ProfileNode | undefined = node; current; current = current.parent !== undefined ? nodes?.get(current.parent) : undefined) {
      const key = current.callFrame.functionName;
      if (WATCH.includes(key) && !seen.has(key)) totals.set(key, (totals.get(key) ?? 0) + interval);
      seen.add(key);
    }
  }
  return [...totals].map(([key, value]) => `${key}=${value.toFixed(0)}`).join(' ');
}
console.log('\nper keystroke: duration, busy ms per thread inside its window, watched functions on the page');
const pageThread = watched.find((thread) => name(thread) === 'CrRendererMain');
for (const [start, end] of windows) {
  console.log(`  ${((end - start) / 1000).toFixed(0).padStart(5)} ms: ${watched.map((thread) => `${name(thread)}=${busyMs(thread, start, end).toFixed(0)}`).join(' ')} | ${pageThread ? watchedMs(pageThread, start, end) : ''}`);
}
// Each thread's whole typing time: from the first keydown to the last markers.
const typing: Array<[number, number]> = windows.length ? [[windows[0]![0], windows[windows.length - 1]![1]]] : [];
console.log(`\nbusy ms per thread over the whole typing (${typing.length ? ((typing[0]![1] - typing[0]![0]) / 1000).toFixed(0) : 0} ms):`);
for (const thread of watched) console.log(`  ${name(thread)}: ${typing.length ? busyMs(thread, typing[0]![0], typing[0]![1]).toFixed(0) : 0} ms`);
if (process.env.WHOLE) for (const thread of watched) {
  console.log(`\n## ${name(thread)}, the whole typing`);
  for (const line of functions(thread, typing, Number(process.env.TOP ?? 20))) console.log(line);
}
const slowest = [...windows].sort((a, b) => b[1] - b[0] - (a[1] - a[0])).slice(0, Math.max(3, Math.ceil(windows.length / 5)));
for (const thread of watched) {
  console.log(`\n## ${name(thread)}, in the ${slowest.length} slowest keystrokes`);
  for (const line of functions(thread, slowest, Number(process.env.TOP ?? 20))) console.log(line);
}
