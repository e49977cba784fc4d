// "Form field change to text updated" in the real app (issue 14): `provstudio serve` + Debian's
// Chromium, a generated 1 MB valid document, the form beside the XML. Each sample types a new
// Subscriber ID into the Global page's field and commits it with Enter; the time runs in the page
// from that Enter keydown to the moment Monaco's rendered lines show the new value (a
// MutationObserver on the editor's lines), i.e. what the user sees.
//
// Run alone: npm run bench -- form-change. Target: p95 <= 50 ms.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, openFile } from '../support/app';
import { launchChromium } from '../support/browser';
import { startServe } from '../support/serve';
import { percentile, type BenchSuite } from './report';
import { generateDocument } from './validation';

export interface FormChangeBenchResult {
  documentBytes: number;
  samples: number[];
  p50: number;
  p95: number;
  max: number;
}

export async function runFormChangeBench(options: { changes?: number; targetBytes?: number } = {}): Promise<FormChangeBenchResult> {
  const changes = options.changes ?? 25;
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
    for (let index = 0; index < changes; index++) {
      const value = `3102600000${String(10000 + index)}`;
      await input.fill(value);
      const elapsed = page.evaluate(
        (expected) =>
          new Promise<number>((resolve, reject) => {
            const lines = document.querySelector('.view-lines');
            if (!lines) return reject(new Error('no editor lines'));
            let pressed = NaN;
            window.addEventListener('keydown', (event) => void (event.key === 'Enter' && (pressed = performance.now())), { capture: true, once: true });
            const observer = new MutationObserver(() => {
              if (Number.isNaN(pressed) || !(lines.textContent ?? '').includes(expected)) return;
              observer.disconnect();
              resolve(performance.now() - pressed);
            });
            observer.observe(lines, { childList: true, subtree: true, characterData: true });
            setTimeout(() => reject(new Error(`the text never showed ${expected}`)), 10_000);
          }),
        value,
      );
      // Let the listener be installed before the key goes down.
      await page.waitForTimeout(20);
      await input.press('Enter');
      samples.push(await elapsed);
      await page.waitForTimeout(400);
    }
    await page.close();
    return { documentBytes: text.length, samples, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: Math.max(...samples) };
  } finally {
    await browser.close();
    await served.stop();
  }
}

export function formChangeSuite(result: FormChangeBenchResult): BenchSuite {
  return {
    suite: `Form field change to text updated in Chromium (${(result.documentBytes / 1048576).toFixed(1)} MB document, ${result.samples.length} changes)`,
    rows: [
      { name: 'p50', value: result.p50, unit: 'ms' },
      { name: 'p95', value: result.p95, unit: 'ms', target: { comparison: '<=', value: 50 } },
      { name: 'max', value: result.max, unit: 'ms' },
    ],
  };
}
