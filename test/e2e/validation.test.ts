// Validation runs in a browser worker (libxml2 compiled to WebAssembly) as the user types:
// the problems panel and Monaco's markers follow the text.
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, openFile, useServedApp } from '../support/app';
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
});
