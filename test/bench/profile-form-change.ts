// Where the form-change bench's slow samples go: runs the same samples as form-change.ts with a
// Chromium CPU profile (CDP Profiler, 250 µs sampling) and the page's long tasks, then prints, for
// the samples above 50 ms, the functions that ran (self time) between the Enter and the text.
// A diagnostic tool, not a benchmark: node scripts/run-bundled… or
//   npx esbuild test/bench/profile-form-change.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=.bench/profile-form-change.mjs && node .bench/profile-form-change.mjs [--busy]
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, openFile } from '../support/app';
import { launchChromium } from '../support/browser';
import { startServe } from '../support/serve';
import { startBusyCore } from './keystroke';
import { startPageProfile, type ProfileNode } from './page-profile';
import { generateDocument } from './validation';

const busy = process.argv.includes('--busy') ? startBusyCore() : null;
const changes = Number(process.env.CHANGES ?? 25);
const text = generateDocument(1024 * 1024);
const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-form-profile-'));
writeFileSync(path.join(directory, 'bench.xml'), text);
const served = await startServe();
const browser = await launchChromium();
try {
  const page = await openApp(browser, served);
  if (process.env.DEBUG_CONSOLE) page.on('console', (message) => { if (message.text().startsWith('DEBUG')) console.log(message.text()); });
  await openFile(page, directory, 'bench.xml');
  await page.getByTestId('view-mode-both').click();
  const input = page.getByTestId('form-page-global').getByTestId('field-SubscriberId-text').locator('input');
  await input.waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="editor-area"]')?.hasAttribute('data-validated-version'), undefined, { timeout: 60_000 });
  await page.evaluate(() => {
    const tasks: Array<[number, number]> = [];
    (window as unknown as { __tasks: typeof tasks }).__tasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: false });
  });
  const profiling = await startPageProfile(page);
  const handle = await input.elementHandle();
  if (!handle) throw new Error('no input');
  const windows: Array<[number, number]> = [];
  for (let index = 0; index < changes; index++) {
    const value = `3102600000${String(10000 + index)}`;
    windows.push(
      await handle.evaluate(
        (element, expected) =>
          new Promise<[number, number]>((resolve, reject) => {
            const field = element as HTMLInputElement;
            const lines = document.querySelector('.view-lines')!;
            let pressed = NaN;
            const observer = new MutationObserver(() => {
              if (Number.isNaN(pressed) || !(lines.textContent ?? '').includes(expected)) return;
              observer.disconnect();
              const painted = new MessageChannel();
              painted.port1.onmessage = () => resolve([pressed, performance.now()]);
              painted.port2.postMessage(0);
            });
            observer.observe(lines, { childList: true, subtree: true, characterData: true });
            setTimeout(() => reject(new Error('never showed')), 10_000);
            field.focus();
            Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, expected);
            field.dispatchEvent(new Event('input', { bubbles: true }));
            pressed = performance.now();
            console.log('DEBUG Enter', pressed.toFixed(0));
            field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
          }),
        value,
      ),
    );
    await page.waitForTimeout(400);
  }
  const { profile, offsetMicros, syncStart: markAt } = await profiling.stop();
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify({ profile, windows, markAt }));
  const tasks = await page.evaluate(() => (window as unknown as { __tasks: Array<[number, number]> }).__tasks);
  // Sample times in performance.now() terms.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) byId.get(child)!.parent = node.id;
  const times: number[] = [];
  let clock = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((clock += delta) / 1000);
  const offset = -offsetMicros / 1000;
  const name = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
  const durations = windows.map(([start, end]) => end - start);
  console.log('samples (ms):', durations.map((value) => value.toFixed(0)).join(' '));
  const sorted = [...durations].sort((a, b) => a - b);
  console.log(`p50 ${sorted[Math.ceil(0.5 * sorted.length) - 1]!.toFixed(1)} p95 ${sorted[Math.ceil(0.95 * sorted.length) - 1]!.toFixed(1)} max ${sorted.at(-1)!.toFixed(1)}`);
  const report = (label: string, ranges: Array<[number, number]>) => {
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, index) => {
      const at = times[index]! + offset;
      if (!ranges.some(([start, end]) => at >= start && at <= end)) return;
      const interval = (profile.timeDeltas[index + 1] ?? 250) / 1000;
      total += interval;
      const node = byId.get(id)!;
      self.set(name(node), (self.get(name(node)) ?? 0) + interval);
      const seen = new Set<string>();
      for (let current: ProfileNode | undefined = node; current; current = current.parent ? byId.get(current.parent) : undefined) {
        const key = name(current);
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + interval);
      }
    });
    console.log(`\n## ${label}: ${total.toFixed(0)} ms sampled`);
    console.log('self:');
    for (const [key, value] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${value.toFixed(1).padStart(7)}  ${key}`);
    console.log('inclusive:');
    for (const [key, value] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${value.toFixed(1).padStart(7)}  ${key}`);
  };
  const slow = windows.filter(([start, end]) => end - start > 50);
  console.log(`\n${slow.length} slow samples; long tasks overlapping them:`);
  for (const [start, end] of slow) {
    const overlapping = tasks.filter(([taskStart, duration]) => taskStart < end && taskStart + duration > start - 200);
    console.log(`  sample ${(end - start).toFixed(0)} ms: ${overlapping.map(([taskStart, duration]) => `${(taskStart - start).toFixed(0)}+${duration.toFixed(0)}`).join(', ')}`);
  }
  const perSample = (start: number, end: number) => {
    const inclusive = new Map<string, number>();
    profile.samples.forEach((id, index) => {
      const at = times[index]! + offset;
      if (at < start || at > end) return;
      const interval = (profile.timeDeltas[index + 1] ?? 250) / 1000;
      const seen = new Set<string>();
      for (let current: ProfileNode | undefined = byId.get(id); current; current = current.parent ? byId.get(current.parent) : undefined) {
        const key = current.callFrame.functionName || '(anonymous)';
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + interval);
      }
    });
    const watched = (process.env.WATCH ?? 'getBracketsInRange,provideFoldingRanges,parseXml,getValue,updateStickyScroll,findScrollWidgetState,ensureParentIndices,read,(garbage collector),(idle),(program),performWorkUntilDeadline,_onRenderScheduled,applyFormChanges,render,setModel').split(',');
    return watched.map((key) => `${key}=${(inclusive.get(key) ?? 0).toFixed(0)}`).filter((entry) => !entry.endsWith('=0')).join(' ');
  };
  for (const [start, end] of slow) console.log(`  ${(end - start).toFixed(0)} ms: ${perSample(start, end)}`);
  // React components rendered (the frame called by renderWithHooks), inclusive, in the slow samples.
  const components = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const at = times[index]! + offset;
    if (!slow.some(([start, end]) => at >= start && at <= end)) return;
    const interval = (profile.timeDeltas[index + 1] ?? 250) / 1000;
    const seen = new Set<string>();
    for (let current: ProfileNode | undefined = byId.get(id); current?.parent; current = byId.get(current.parent)) {
      const parent = byId.get(current.parent)!;
      if (parent.callFrame.functionName === 'renderWithHooks' || parent.callFrame.functionName === 'commitHookEffectListMount' || parent.callFrame.functionName === 'commitHookEffectListUnmount') {
        const key = `${parent.callFrame.functionName.slice(0, 12)}>${name(current)}`;
        if (!seen.has(key)) components.set(key, (components.get(key) ?? 0) + interval);
        seen.add(key);
      }
    }
  });
  console.log('\nReact in slow samples:');
  for (const [key, value] of [...components].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${value.toFixed(1).padStart(7)}  ${key}`);
  report('all samples (Enter to text)', windows);
  if (slow.length) report('slow samples (Enter to text)', slow);
  report('between samples (after the text)', windows.map(([, end], index) => [end, windows[index + 1]?.[0] ?? end + 400] as [number, number]));
} finally {
  busy?.stop();
  await browser.close();
  await served.stop();
}
