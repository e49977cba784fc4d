// The menu bar as on the desktop: Alt (alone) and F10 move to it, Alt+letter opens the menu with
// that underlined letter, a letter runs an item of the open menu, Escape goes back; mnemonics stay
// distinct in every language. Icons are bundled SVGs (no emoji that needs a system font), and the
// theme and language selectors carry visible labels.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, useServedApp } from '../support/app';

const app = useServedApp();

describe('menu bar, icons and labels', () => {
  it('opens with F10, Alt and Alt+letter, runs items by their letter, and keeps mnemonics distinct', async () => {
    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    const focusedMenu = () => page.evaluate(() => document.activeElement?.getAttribute('data-menu-button') ?? null);

    await page.keyboard.press('F10');
    expect(await focusedMenu()).toBe('file');
    await page.keyboard.press('ArrowRight');
    expect(await focusedMenu()).toBe('edit');
    await page.keyboard.press('Enter');
    await page.getByRole('menu', { name: 'Edit' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    expect(await focusedMenu()).toBeNull();

    await page.keyboard.press('Alt');
    expect(await focusedMenu()).toBe('file');
    await page.keyboard.press('Alt');
    expect(await focusedMenu()).toBeNull();

    // Alt+V opens View; Alt+F then O runs File > Open… (the page's file picker).
    await page.keyboard.press('Alt+V');
    await page.getByRole('menu', { name: 'View' }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+F');
    const file = page.getByRole('menu', { name: 'File' });
    await file.waitFor();
    expect(await file.locator('[data-command="file.open"] .menu-mnemonic').textContent()).toBe('O');
    await page.keyboard.press('o');
    await page.getByTestId('file-picker').waitFor();
    await page.keyboard.press('Escape');

    // Every language: one distinct letter per menu.
    for (const language of ['fr', 'pt', 'en']) {
      await page.getByTestId('language-select').selectOption(language);
      await expect.poll(() => page.locator('[data-testid="app"]').getAttribute('data-language')).toBe(language);
      const letters = (await page.locator('.menu-button .menu-mnemonic').allTextContents()).map((letter) => letter.normalize('NFD')[0]!.toLowerCase());
      expect(letters).toHaveLength(4);
      expect(new Set(letters).size).toBe(4);
    }
    await page.close();
  });

  it('draws icons from bundled SVGs, never emoji, and labels the theme and language selectors visibly', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-icons-'));
    writeFileSync(path.join(directory, 'broken.xml'), '<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1"><Bogus/></CarrierProvisioning>\n');
    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    await page.keyboard.press('Control+O');
    await page.getByTestId('picker-location').fill(directory);
    await page.getByTestId('picker-location').press('Enter');
    await page.getByRole('button', { name: 'File: broken.xml' }).waitFor();
    expect(await page.locator('.picker-entry svg.icon[data-icon="file"]').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'File: broken.xml' }).click();
    await page.getByTestId('picker-confirm').click();
    await page.getByTestId('problem').first().waitFor();
    expect(await page.getByTestId('problem').first().locator('svg.icon[data-icon="error"]').count()).toBe(1);
    await page.keyboard.press('Alt+N');
    // No text in the page (outside the XML editor's own content) is an emoji or a pictograph.
    const pictographs = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.monaco-editor')) continue;
        const match = node.textContent?.match(/[\p{Extended_Pictographic}\u2190-\u21FF\u25A0-\u25FF\u2700-\u27BF]/u);
        if (match) found.push(`${match[0]} in "${node.textContent!.trim().slice(0, 40)}"`);
      }
      return found;
    });
    expect(pictographs).toEqual([]);

    for (const [testId, label] of [
      ['theme-select', 'Theme'],
      ['language-select', 'Language'],
    ] as const) {
      const select = page.getByTestId(testId);
      const visibleLabel = page.locator('label.status-select', { has: select }).locator('.status-label');
      expect(await visibleLabel.isVisible()).toBe(true);
      expect(await visibleLabel.textContent()).toBe(label);
      expect(await page.getByRole('combobox', { name: label }).count()).toBe(1);
    }
    await page.close();
  });
});
