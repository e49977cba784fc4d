// "What Windows will do" in Chromium: open a file, read its summary (a sentence selects its
// element), run a dry run (refused from a web site when unsigned, applied from the operator's app),
// open the predicted results in the inspector beside the source, and compare with a modified copy
// (the semantic list beside Monaco's diff editor; an entry selects its element on both sides).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateByName } from '../../shared/common/templates/index';
import { documentTabs, openApp, openFile, pickFile, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';

const app = useServedApp();

describe('what Windows will do', () => {
  it('summary, dry run, predicted results in the inspector, compare with a modified copy', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-semantic-'));
    const original = templateByName('plans-with-usage')!.text;
    writeFileSync(path.join(directory, 'plans.xml'), original);
    const modified = original
      .replace('<name>Contoso Hotspot</name>\n      <AssociatedPlan>', '<name>Contoso Hotspot Plus</name>\n      <AssociatedPlan>')
      .replace('<DataLimitInMegabytes>5120', '<DataLimitInMegabytes>10240');
    writeFileSync(path.join(directory, 'modified.xml'), modified);
    const page = await openApp(app.browser, app.served, { width: 1500, height: 950 });
    await openFile(page, directory, 'plans.xml');

    // The summary: plain sentences, each selecting its element.
    await page.getByTestId('toolbar-semantic').click();
    const summary = page.getByTestId('semantic-summary');
    await summary.waitFor();
    const sentences = await summary.getByRole('listitem').allTextContents();
    expect(sentences).toContain("Sets the mobile-broadband default profile 'Contoso Mobile Broadband' (APN internet.contoso.com).");
    expect(sentences).toContain('Creates or updates 1 Wi-Fi profile and removes every other Wi-Fi profile this operator put on the PC.');
    await summary.getByRole('button', { name: /^Applies plan 'Contoso 5GB'/ }).click();
    await expect.poll(() => page.locator('footer').textContent()).toContain('Ln 55,');
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/semantic-summary.png') });

    // The dry run: from a web site an unsigned file is refused, with the rule and the HRESULT.
    await page.getByTestId('semantic-tab-dryRun').click();
    await page.getByTestId('dry-run-source').selectOption('website');
    await page.getByTestId('dry-run-run').click();
    const result = page.getByTestId('dry-run-result');
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('rejected');
    expect(await result.textContent()).toContain('8217000e PROVCORE_E_XML_MISSING_SIGNATURE');
    expect(await result.locator('[data-rule="signatureRow2"]').count()).toBe(1);
    // From the operator's app it applies; the predicted results open in the inspector beside the source.
    await page.getByTestId('dry-run-source').selectOption('operator-app');
    await page.getByTestId('dry-run-run').click();
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('applied');
    expect(await result.textContent()).toContain("Creates or updates the Wi-Fi profile 'Contoso Hotspot'.");
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/semantic-dry-run.png') });
    await page.getByTestId('dry-run-open-predicted').click();
    const inspector = page.getByTestId('inspector');
    await inspector.waitFor();
    expect(await page.getByTestId('inspector-summary').textContent()).toBe('Everything applied (3 items).');
    await expect.poll(() => documentTabs(page).count()).toBe(2);
    await expect.poll(() => documentTabs(page).and(page.locator('[aria-selected="true"]')).textContent()).toBe('plans.xml');
    await expect.poll(() => page.getByTestId('inspector-source').inputValue()).not.toBe('');

    // Compare with a modified copy: the semantic list beside Monaco's diff editor (the dry run's tab
    // of the dock, which the predicted results' inspector tab had replaced).
    await page.getByTestId('dock-tab-semantic').click();
    await page.getByTestId('semantic-tab-compare').click();
    await page.getByTestId('compare-file').click();
    await pickFile(page, directory, 'modified.xml');
    const compare = page.getByTestId('compare-view');
    await compare.waitFor();
    await compare.locator('.monaco-diff-editor').waitFor();
    const list = page.getByTestId('compare-list');
    // The copy is the "old" side; the open document the "new" one.
    expect(await page.getByTestId('compare-verdict').textContent()).toBe("2 changes in Windows' terms.");
    const entries = await list.getByRole('listitem').allTextContents();
    expect(entries).toEqual([
      "Wi-Fi profile 'Contoso Hotspot Plus' renamed to 'Contoso Hotspot' (Windows deletes 'Contoso Hotspot Plus' and creates 'Contoso Hotspot' with the same settings).",
      "Plan 'Contoso 5GB': DataLimitInMegabytes changed from 10240 to 5120.",
    ]);
    await list.getByRole('button', { name: /DataLimitInMegabytes/ }).click();
    // Both sides select the element.
    await compare.locator('.editor.original .selected-text').first().waitFor();
    await compare.locator('.editor.modified .selected-text').first().waitFor();
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/semantic-compare.png') });

    await page.getByTestId('compare-close').click();
    await compare.waitFor({ state: 'detached' });
    await page.close();
  });

  it('compares with the last committed version when the file is in a git work tree', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-semantic-git-'));
    const original = templateByName('wifi-open')!.text;
    writeFileSync(path.join(directory, 'wifi.xml'), original);
    const git = (...args: string[]) => execFileSync('git', ['-C', directory, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args]);
    git('init', '-q');
    git('add', 'wifi.xml');
    git('commit', '-q', '-m', 'first');
    writeFileSync(path.join(directory, 'wifi.xml'), original.replace(/<WLANProfiles>[\s\S]*<\/WLANProfiles>/, '<WLANProfiles/>'));
    const page = await openApp(app.browser, app.served, { width: 1500, height: 950 });
    await openFile(page, directory, 'wifi.xml');
    await page.getByTestId('toolbar-semantic').click();
    await page.getByTestId('semantic-tab-compare').click();
    await page.getByTestId('compare-committed').click();
    await page.getByTestId('compare-view').waitFor();
    expect(await page.locator('#compare-title').textContent()).toMatch(/^Compare wifi\.xml at commit [0-9a-f]{8} with wifi\.xml$/);
    expect(await page.getByTestId('compare-list').textContent()).toContain('Wi-Fi section: now empty; Windows deletes every Wi-Fi profile this operator put on PCs.');
    await page.close();
  });
});
