// Validation runs in a browser worker (libxml2 compiled to WebAssembly) as the user types:
// the problems panel and Monaco's markers follow the text; an edit inside one value is answered at
// once (a quick answer), then confirmed by the full validation.
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, openFile, placeCursor, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';

const app = useServedApp();

describe('validation in the browser', () => {
  it('shows the schema error at its line, goes to it, and clears it when the text is fixed', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-validate-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/corpus/cc/refresh-delay-731.invalid.xml'), path.join(directory, 'refresh.xml'));
    const page = await openApp(app.browser, app.served);
    await openFile(page, directory, 'refresh.xml');

    const counts = page.getByTestId('problems-counts');
    await expect.poll(() => counts.textContent(), { timeout: 20_000 }).toBe('1 error, 1 warning, 1 note');
    const rangeError = page.getByTestId('problem').filter({ hasText: 'XSD_RANGE' });
    expect(await rangeError.textContent()).toContain('Ln 10, Col 20');
    // Monaco shows the same error as a marker (a squiggle in the text).
    await expect.poll(() => page.locator('.squiggly-error').count()).toBeGreaterThan(0);

    // Going to the problem selects the offending value; typing replaces it.
    await rangeError.click();
    await page.keyboard.type('730');
    await expect.poll(() => counts.textContent(), { timeout: 20_000 }).toBe('0 errors, 1 warning, 1 note');
    await expect.poll(() => page.locator('.squiggly-error').count()).toBe(0);

    // The language of the problems follows the UI language.
    await page.getByTestId('language-select').selectOption('fr');
    await expect.poll(() => counts.textContent()).toBe('0 erreur, 1 avertissement, 1 remarque');
    await page.getByTestId('language-select').selectOption('en');
    await page.close();
  });

  it('a value typed invalid gets its marker from the quick answer at once, and the full validation confirms it', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-validate-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/corpus/cc/complete-document.valid.xml'), path.join(directory, 'complete.xml'));
    const page = await openApp(app.browser, app.served);
    await openFile(page, directory, 'complete.xml');
    const counts = page.getByTestId('problems-counts');
    await expect.poll(() => counts.textContent(), { timeout: 20_000 }).toMatch(/^0 errors/);
    // Every answer the editor shows, in order: the text version, quick or full, the problem counts then.
    await page.evaluate(() => {
      const seen: Array<{ version: number; kind: string; counts: string; at: number }> = [];
      (window as unknown as { __answers: typeof seen }).__answers = seen;
      const area = document.querySelector('[data-testid="editor-area"]')!;
      new MutationObserver(() => {
        const kind = area.getAttribute('data-validation-kind');
        if (kind) seen.push({ version: Number(area.getAttribute('data-validated-version')), kind, counts: document.querySelector('[data-testid="problems-counts"]')?.textContent ?? '', at: performance.now() });
      }).observe(area, { attributes: true, attributeFilter: ['data-validated-version', 'data-validation-kind'] });
    });
    const answers = () => page.evaluate(() => (window as unknown as { __answers: Array<{ version: number; kind: string; counts: string; at: number }> }).__answers);

    // Line 29: <b:ProviderID>310260</b:ProviderID>; a letter breaks its pattern (up to six digits).
    await placeCursor(page, 29, '</b:ProviderID>'.length);
    const typedAt = await page.evaluate(() => performance.now());
    await page.keyboard.type('x');
    await expect.poll(async () => (await answers()).some((answer) => answer.kind === 'full' && answer.counts.startsWith('1 error')), { timeout: 20_000 }).toBe(true);
    const afterTyping = await answers();
    const quick = afterTyping.find((answer) => answer.kind === 'quick');
    // The full answer for the typed version (a full answer of the version before may still land
    // after the observer starts: the check on open runs in steps, slower on a loaded machine).
    const full = afterTyping.find((answer) => answer.kind === 'full' && quick !== undefined && answer.version >= quick.version);
    // The quick answer came first, already with the error; the full validation (after a pause in typing) said the same.
    expect(quick, JSON.stringify(afterTyping)).toBeDefined();
    expect(quick!.counts).toMatch(/^1 error/);
    expect(quick!.at).toBeLessThan(full!.at);
    expect(full!.version).toBe(quick!.version);
    expect(full!.counts).toBe(quick!.counts);
    expect(quick!.at - typedAt).toBeLessThan(full!.at - typedAt);
    await expect.poll(() => page.locator('.squiggly-error').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('problem').filter({ hasText: 'XSD_PATTERN' }).count()).toBe(1);

    // Deleting the letter: the quick answer clears the error, the full validation agrees.
    const before = afterTyping.length;
    await page.keyboard.press('Backspace');
    await expect.poll(async () => (await answers()).slice(before).some((answer) => answer.kind === 'full'), { timeout: 20_000 }).toBe(true);
    const afterDeleting = (await answers()).slice(before);
    expect(afterDeleting[0]!.kind).toBe('quick');
    expect(afterDeleting[0]!.counts).toMatch(/^0 errors/);
    expect(afterDeleting.find((answer) => answer.kind === 'full')!.counts).toBe(afterDeleting[0]!.counts);
    await expect.poll(() => page.locator('.squiggly-error').count()).toBe(0);
    await page.close();
  });
});
