// Automated accessibility check (axe-core) of every screen of the app in Chromium: no serious or
// critical violations on the welcome screen, the editor with its problems panel, the file
// picker, the Sign dialog, the Signature panel and the results inspector, in light and dark themes,
// at 1366×768 (the most common laptop screen) and 1920×1080.
import { AxeBuilder } from '@axe-core/playwright';
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, openFile, useServedApp } from '../support/app';
import { lowContrastElements } from '../support/contrast';
import { ROOT } from '../support/serve';

const app = useServedApp();

/** Serious and critical violations, as "rule: target" lines (empty when there are none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.monaco-editor').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

describe('accessibility (axe-core)', () => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`has no serious violations on any screen, in light and dark themes, at ${size.width}×${size.height}`, async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-a11y-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/results/mixed-v1.valid.xml'), path.join(directory, 'result.xml'));
    copyFileSync(path.join(ROOT, 'test/fixtures/results/source-similar-names.xml'), path.join(directory, 'source.xml'));
    const page = await openApp(app.browser, app.served, size);
    for (const theme of ['light', 'dark'] as const) {
      await page.getByTestId('theme-select').selectOption(theme);
      expect(await seriousViolations(page), `welcome, ${theme}`).toEqual([]);
    }
    await page.getByTestId('theme-select').selectOption('light');

    await page.keyboard.press('Control+O');
    await page.getByTestId('file-picker').waitFor();
    await page.getByTestId('picker-location').fill(directory);
    await page.getByTestId('picker-location').press('Enter');
    expect(await seriousViolations(page), 'file picker').toEqual([]);
    await page.keyboard.press('Escape');

    await openFile(page, directory, 'source.xml');
    await page.getByTestId('problems-counts').waitFor();
    expect(await seriousViolations(page), 'editor and problems').toEqual([]);

    await page.getByTestId('toolbar-sign').click();
    await page.getByTestId('sign-dialog').waitFor();
    expect(await seriousViolations(page), 'sign dialog').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByTestId('toolbar-signature').click();
    await page.getByTestId('signature-verdict').waitFor();
    expect(await seriousViolations(page), 'signature panel').toEqual([]);
    await page.getByTestId('toolbar-signature').click();

    await openFile(page, directory, 'result.xml');
    await page.getByTestId('inspector').waitFor();
    // The selected failed node (its name and code included) is readable in both themes: axe measured
    // its contrast (it passes color-contrast, not merely "incomplete") and found no violation.
    const failed = page.getByTestId('result-node').filter({ hasText: '“Contoso Wi-Fi”' });
    await failed.click();
    expect(await failed.getAttribute('class')).toContain('selected');
    for (const theme of ['light', 'dark'] as const) {
      await page.getByTestId('theme-select').selectOption(theme);
      expect(await seriousViolations(page), `results inspector, ${theme}`).toEqual([]);
      await failed.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      const contrast = await new AxeBuilder({ page }).include('.result-node.selected').withRules(['color-contrast']).analyze();
      expect(contrast.violations.flatMap((violation) => violation.nodes.map((node) => node.failureSummary)), `selected failed node, ${theme}`).toEqual([]);
      // At 1366×768 axe leaves it "incomplete" (it finds the wrapped label overlapped); the ratio is then computed here.
      if (size.width === 1920) expect(contrast.passes.flatMap((pass) => pass.nodes).length, `selected failed node measured, ${theme}`).toBeGreaterThanOrEqual(2);
      expect(await lowContrastElements(failed, 'text-parts'), `selected failed node, ${theme}`).toEqual([]);
    }
    await page.getByTestId('theme-select').selectOption('system');
    await page.close();
    });
  }
});
