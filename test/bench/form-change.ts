// "Form field change to text updated" in the real app (issue 14): `provstudio serve` + Debian's
// Chromium, a generated 1 MB valid document, the form beside the XML. Each sample types a new
// Subscriber ID into the Global page's field and commits it with Enter; the time runs in the page
// from that Enter keydown to the moment Monaco's rendered lines show the new value (a
// MutationObserver on the editor's lines) and that frame has been laid out and painted (a message
// posted from the observer runs after it), i.e. what the user sees. The value and the Enter are
// given in one task of the page (as a fast typist's last key would be), so the field's live
// commit, 150 ms after typing, never beats the Enter on a loaded machine.
//
// Run alone: npm run bench -- form-change. Target: p95 <= 50 ms (the quiet run's; the run with a
// second process keeping one core busy, as the keystroke bench does, is reported beside it).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, openFile } from '../support/app';
import { launchChromium } from '../support/browser';
import { startServe } from '../support/serve';
import { startBusyCore } from './keystroke';
import { percentile, type BenchSuite } from './report';
import { generateDocument } from './validation';

export interface FormChangeBenchResult {
  documentBytes: number;
  samples: number[];
  p50: number;
  p95: number;
  max: number;
  /** True when a second process kept one core busy during the run. */
  busyCore: boolean;
}

export async function runFormChangeBench(options: { changes?: number; targetBytes?: number; busyCore?: boolean } = {}): Promise<FormChangeBenchResult> {
  const changes = options.changes ?? 25;
  const load = options.busyCore ? startBusyCore() : null;
  const text = generateDocument(options.targetBytes ?? 1024 * 1024);
  const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-form-change-'));
  writeFileSync(path.join(directory, 'bench.xml'), text);
  const served = await startServe();
  const browser = await launchChromium();
  try {
    const page = await openApp(browser, served);
    await openFile(page, directory, 'bench.xml');
    await page.getByTestId('view-mode-both').click();
    const input = page.getByTestId('form-page-global').getByTestId('field-SubscriberId-text').locator('input');
    await input.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="editor-area"]')?.hasAttribute('data-validated-version'), undefined, { timeout: 60_000 });
    const samples: number[] = [];
    const handle = await input.elementHandle();
    if (!handle) throw new Error('no Subscriber ID input');
    for (let index = 0; index < changes; index++) {
      const value = `3102600000${String(10000 + index)}`;
      // Typing and Enter in one task of the page: the field's live commit (150 ms after typing)
      // cannot come first however slow the bench's round trips are on a loaded machine.
      samples.push(
        await handle.evaluate(
          (element, expected) =>
            new Promise<number>((resolve, reject) => {
              const field = element as HTMLInputElement;
              const lines = document.querySelector('.view-lines');
              if (!lines) return reject(new Error('no editor lines'));
              let pressed = NaN;
              const observer = new MutationObserver(() => {
                if (Number.isNaN(pressed) || !(lines.textContent ?? '').includes(expected)) return;
                observer.disconnect();
                // The lines changed inside Monaco's animation frame; a message posted now runs once
                // that frame's style, layout and paint are done: the time the user sees the value.
                const painted = new MessageChannel();
                painted.port1.onmessage = () => resolve(performance.now() - pressed);
                painted.port2.postMessage(0);
              });
              observer.observe(lines, { childList: true, subtree: true, characterData: true });
              setTimeout(() => reject(new Error(`the text never showed ${expected}`)), 10_000);
              field.focus();
              // What typing does to a React-controlled input: the native value setter, then an input event.
              Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, expected);
              field.dispatchEvent(new Event('input', { bubbles: true }));
              pressed = performance.now();
              field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
            }),
          value,
        ),
      );
      await page.waitForTimeout(400);
    }
    await page.close();
    return { documentBytes: text.length, samples, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: Math.max(...samples), busyCore: load !== null };
  } finally {
    load?.stop();
    await browser.close();
    await served.stop();
  }
}

export function formChangeSuite(result: FormChangeBenchResult): BenchSuite {
  return {
    suite: `Form field change to text updated in Chromium (${(result.documentBytes / 1048576).toFixed(1)} MB document, ${result.samples.length} changes${result.busyCore ? ', one core kept busy by a second process' : ''})`,
    rows: [
      { name: 'p50', value: result.p50, unit: 'ms' },
      { name: 'p95', value: result.p95, unit: 'ms', ...(result.busyCore ? {} : { target: { comparison: '<=' as const, value: 50 } }) },
      { name: 'max', value: result.max, unit: 'ms' },
    ],
  };
}
