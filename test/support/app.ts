// Driving the app in Chromium the way a person does: open it, pick files with the host's file
// picker, read what Monaco shows.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startServe, type ServedApp } from './serve';

export async function openApp(browser: Browser, served: ServedApp, viewport = { width: 1280, height: 800 }): Promise<Page> {
  // A context of its own per page (axe-core needs pages created from a context).
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => undefined));
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(served.url);
  await page.locator('[data-testid="app"][data-ready="true"]').waitFor();
  return page;
}

/** Completes the host's file picker (already open) by browsing to `directory` and choosing `fileName`. */
export async function pickFile(page: Page, directory: string, fileName: string): Promise<void> {
  const picker = page.getByTestId('file-picker');
  await picker.waitFor();
  await page.getByTestId('picker-location').fill(directory);
  await page.getByTestId('picker-location').press('Enter');
  await picker.getByRole('button', { name: `File: ${fileName}` }).click();
  await page.getByTestId('picker-confirm').click();
  await picker.waitFor({ state: 'detached' });
}

/** The open documents' tabs (the form view has tabs of its own). */
export function documentTabs(page: Page) {
  return page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab');
}

/** File > New from template… with the template `name`; returns once its form shows. */
export async function newFromTemplate(page: Page, name: string): Promise<void> {
  await page.locator('[data-menu-button="file"]').click();
  await page.locator('[data-command="file.newFromTemplate"]').click();
  const dialog = page.getByTestId('new-from-template');
  await dialog.waitFor();
  await dialog.locator(`input[type="radio"][value="${name}"]`).check();
  await page.getByTestId('template-create').click();
  await page.getByTestId('form-view').waitFor();
}

/** File > Open (Ctrl+O) through the picker; returns once the file is the active tab in the editor. */
export async function openFile(page: Page, directory: string, fileName: string): Promise<void> {
  await page.keyboard.press('Control+O');
  await pickFile(page, directory, fileName);
  await documentTabs(page).and(page.locator('[aria-selected="true"]')).filter({ hasText: fileName }).waitFor();
  await page.locator('.view-lines').waitFor();
}

/** The visible editor text; Monaco renders spaces as no-break spaces. */
export async function editorText(page: Page): Promise<string> {
  return ((await page.locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/** Puts the text cursor on `line` (1-based), `fromEnd` characters left of its end: Monaco's "go to line", End, then left. */
export async function placeCursor(page: Page, line: number, fromEnd: number): Promise<void> {
  await page.locator('.view-lines').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  for (let index = 0; index < fromEnd; index++) await page.keyboard.press('ArrowLeft');
}

/**
 * One `provstudio serve` and one Chromium for a test file: started before its tests, stopped
 * after them. Read `app.served` and `app.browser` inside tests.
 */
export function useServedApp(): { served: ServedApp; browser: Browser } {
  const app = {} as { served: ServedApp; browser: Browser };
  beforeAll(async () => {
    app.served = await startServe();
    app.browser = await launchChromium();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.served?.stop();
  });
  return app;
}

/**
 * Answers the host's PIN/password prompt window (a page of its own origin the app opened): types
 * the secret with the keyboard (no script in the page reads or sets it) and presses Enter.
 * `opened` is the promise of the window, taken before the action that makes the host ask.
 */
export async function answerSecretPrompt(opened: Promise<Page>, secret: string): Promise<Page> {
  const prompt = await opened;
  await prompt.getByTestId('secret-input').waitFor();
  await prompt.getByTestId('secret-input').focus();
  await prompt.keyboard.type(secret);
  // The Enter's keydown submits and the host may close the window before the keyup is sent:
  // that is the prompt working, not a failure (the callers then check what the submit did).
  await prompt.keyboard.press('Enter').catch((error: unknown) => {
    if (!prompt.isClosed()) throw error;
  });
  return prompt;
}

/**
 * Earlier tests of a file may close pages with unsaved edits; the host then offers their recovery
 * copies to the next page it serves. Discards them when the offer comes (within `withinMs`), so a
 * test starts from an empty app.
 */
export async function discardRecoveryIfOffered(page: Page, withinMs = 5000): Promise<void> {
  const recovery = page.getByTestId('recovery-dialog');
  const offered = await recovery.waitFor({ timeout: withinMs }).then(
    () => true,
    () => false,
  );
  if (!offered) return;
  await recovery.getByRole('button', { name: 'Discard' }).click();
  await recovery.waitFor({ state: 'detached' });
}
