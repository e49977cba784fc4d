// A layout that breathes: at 1366×768 (the most common laptop screen) and 1920×1080 the window
// shows one navigator (sections above the element tree), the form and the XML, and one dock of
// tools as tabs — never a fifth column; nothing is clipped (every visible button shows its whole
// label inside the window); splitters resize with the keyboard and the sizes are remembered in the
// window across a reload. Screenshots of both sizes go to docs/screenshots/layout-<size>.png.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorText, newFromTemplate, openApp, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';

const app = useServedApp();

/** The texts of the recovery copies the host keeps in `dataDirectory`. */
function recoveryCopies(dataDirectory: string): string[] {
  const folder = path.join(dataDirectory, 'recovery');
  return existsSync(folder) ? readdirSync(folder).map((name) => readFileSync(path.join(folder, name), 'utf8')) : [];
}

/** Buttons, tabs and fields whose box leaves the window or whose text is cut (wider than the box). */
async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('button, select, [role="tab"], label, input'))) {
      if (element.closest('.monaco-editor')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Inside a scrolled area the control may be scrolled out of view: only what is on screen counts.
      let scroller: HTMLElement | null = element.parentElement;
      let visible = true;
      while (scroller) {
        const style = getComputedStyle(scroller);
        if (/(auto|scroll|hidden)/.test(style.overflow + style.overflowX + style.overflowY)) {
          const area = scroller.getBoundingClientRect();
          if (box.bottom <= area.top || box.top >= area.bottom || box.right <= area.left || box.left >= area.right) visible = false;
        }
        scroller = scroller.parentElement;
      }
      if (!visible) continue;
      const name = `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40) || element.getAttribute('aria-label') || ''}"`;
      if (box.left < -1 || box.right > width + 1 || box.bottom > height + 1) problems.push(`${name} leaves the window`);
      else if (element.tagName === 'BUTTON' && element.scrollWidth > element.clientWidth + 1) problems.push(`${name} cuts its label`);
    }
    return problems;
  });
}

/** The regions side by side in the workbench (left to right). */
async function columns(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const group = document.querySelector('.editor-area > .workbench');
    return Array.from(group?.children ?? [])
      .filter((child) => child.getAttribute('data-panel') !== null)
      .map((panel) => panel.id);
  });
}

describe('layout', () => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`shows navigator, form, XML and one dock at ${size.width}×${size.height}, nothing clipped`, async () => {
      const page = await openApp(app.browser, app.served, size);
      await newFromTemplate(page, 'wispr-basicauth');
      await page.getByTestId('form-section-wlan').click();
      await page.getByTestId('toolbar-signature').click();
      await page.getByTestId('signature-panel').waitFor();
      expect(await columns(page)).toEqual(['navigator', 'editors', 'dock']);
      await expect.poll(() => page.getByTestId('problems-counts').textContent(), { timeout: 20_000 }).toMatch(/error/);
      // The navigator holds the sections and the element tree together.
      const navigator = page.getByTestId('navigator');
      expect(await navigator.getByTestId('form-sections').isVisible()).toBe(true);
      expect(await navigator.getByTestId('tree-pane').isVisible()).toBe(true);
      // The XML view shows whole lines, not half of one.
      const editorBox = await page.locator('.editor-pane').boundingBox();
      expect(editorBox!.height).toBeGreaterThan(150);
      expect(editorBox!.width).toBeGreaterThan(300);
      expect(await clippedControls(page)).toEqual([]);
      await page.screenshot({ path: path.join(ROOT, `docs/screenshots/layout-${size.width}x${size.height}.png`) });
      await page.close();
    });
  }

  it('resizes with the keyboard, collapses the dock, and remembers sizes in the window', async () => {
    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    await newFromTemplate(page, 'wifi-open');
    const navigatorWidth = async () => (await page.locator('[data-panel]#navigator').boundingBox())!.width;
    const before = await navigatorWidth();
    const separator = page.getByRole('separator', { name: 'Resize the navigator' });
    await separator.focus();
    for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowRight');
    await expect.poll(navigatorWidth).toBeGreaterThan(before + 20);
    const widened = await navigatorWidth();

    // The dock collapses to nothing and comes back at its tab.
    await page.getByTestId('dock-collapse').click();
    await page.getByTestId('dock').waitFor({ state: 'detached' });
    expect(await columns(page)).toEqual(['navigator', 'editors']);
    await page.getByTestId('toolbar-problems').click();
    await page.getByTestId('dock').waitFor();

    // An edit, then a reload: the window keeps its sizes; the document comes back from its
    // recovery copy, and the recovery dialog offers Restore first (never Discard).
    await page.getByTestId('form-section-wlan').click();
    const name = page.getByTestId('form-page-wlan').getByLabel(/^Name( \*)?( \(required\))?$/).first();
    await name.fill('Renamed Hotspot');
    await expect.poll(() => editorText(page)).toContain('Renamed Hotspot');
    // The reload once the host holds the recovery copy of the edit (written a moment after it).
    await expect.poll(() => recoveryCopies(app.served.dataDirectory).some((text) => text.includes('Renamed Hotspot')), { timeout: 10_000 }).toBe(true);
    await page.reload();
    await page.locator('[data-testid="app"][data-ready="true"]').waitFor();
    const restore = page.getByTestId('recovery-restore');
    await restore.waitFor();
    expect(await restore.evaluate((element) => element === document.activeElement)).toBe(true);
    await restore.click();
    await page.getByTestId('form-view').waitFor();
    await expect.poll(navigatorWidth).toBeGreaterThan(widened - 3);
    expect(await navigatorWidth()).toBeLessThan(widened + 3);
    expect(await editorText(page)).toContain('Renamed Hotspot');
    await page.close();
  });
});
