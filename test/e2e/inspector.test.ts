// The results inspector in Chromium: a results file opened beside its source provisioning file.
// The summary says what failed; each failure's code is explained; a click shows the failing
// profile in the source (by name: "Contoso Wi-Fi", not "Contoso Wi-Fi 2"); a report is exported.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentTabs, openApp, openFile, pickFile, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';

const app = useServedApp();

describe('results inspector', () => {
  it('explains each failure and reveals its element in the source file', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-inspect-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/results/mixed-v1.valid.xml'), path.join(directory, 'result.xml'));
    copyFileSync(path.join(ROOT, 'test/fixtures/results/source-similar-names.xml'), path.join(directory, 'source.xml'));
    const page = await openApp(app.browser, app.served, { width: 1500, height: 950 });
    await openFile(page, directory, 'result.xml');

    const inspector = page.getByTestId('inspector');
    await inspector.waitFor();
    expect(await page.getByTestId('inspector-summary').textContent()).toBe('4 items failed, 8 applied.');
    // The first failure is selected and explained.
    expect(await page.getByTestId('inspector-details').textContent()).toContain('E_MBN_SIM_NOT_INSERTED');

    // Open the source beside the results; the inspector links to it.
    await inspector.getByRole('button', { name: 'Open…' }).click();
    await pickFile(page, directory, 'source.xml');
    await expect.poll(() => page.getByTestId('inspector-source').inputValue()).not.toBe('');

    await inspector.getByTestId('result-node').filter({ hasText: '“Contoso Wi-Fi”' }).click();
    const details = page.getByTestId('inspector-details');
    expect(await details.textContent()).toContain('0x80070005');
    // The path names the attribute as the results file writes it (Name, in a v1 file).
    expect(await details.getByRole('heading').first().textContent()).toBe("WLANProfiles/WLANProfile[@Name='Contoso Wi-Fi']");
    expect(await details.textContent()).toContain('E_ACCESSDENIED');
    await page.getByTestId('inspector-reveal-source').click();
    // The source tab is now shown with the cursor on the right profile; the inspector stays beside it.
    await expect.poll(() => documentTabs(page).and(page.locator('[aria-selected="true"]')).textContent()).toBe('source.xml');
    await inspector.waitFor();
    // The profile named exactly "Contoso Wi-Fi" starts at line 25 of the source fixture.
    await expect.poll(() => page.locator('footer').textContent()).toContain('Ln 25,');
    // The tree and the form follow the text: the profile is selected in the tree, its page shows in the form.
    await expect.poll(() => page.locator('[role="treeitem"][aria-selected="true"]').first().textContent()).toContain('WLANProfile');
    await expect.poll(() => page.getByTestId('form-section-wlan').getAttribute('aria-current')).toBe('page');
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/results-inspector.png') });

    // A profile missing from the source is reported as such.
    await inspector.getByTestId('result-node').filter({ hasText: '“Fabrikam Guest”' }).click();
    expect(await details.textContent()).toContain('no matching element');

    // Export a Markdown report through the host's file picker.
    await page.getByTestId('inspector-export-md').click();
    await page.getByTestId('file-picker').waitFor();
    await page.getByTestId('picker-location').fill(directory);
    await page.getByTestId('picker-location').press('Enter');
    await page.getByTestId('picker-confirm').click();
    const reportPath = path.join(directory, 'result-report.md');
    await expect.poll(() => existsSync(reportPath)).toBe(true);
    const report = readFileSync(reportPath, 'utf8');
    expect(report).toContain('0x80070005');
    expect(report).toContain('source.xml:25:');
    await page.close();
  });
});
