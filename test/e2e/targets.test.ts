// The target Windows version in the app: the status bar selector changes the verdict of a
// Passpoint file (Hotspot2 is Windows 11), the problems panel shows Windows' schema check apart from
// the problems Windows will hit later, and an almost-right namespace is repaired with one click.
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentTabs, editorText, openApp, openFile, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';

const app = useServedApp();

describe('target Windows version and the two verdicts', () => {
  it('Passpoint file: accepted for Windows 11, refused for Windows 10 with the version named; the choice is kept per file', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-target-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/passpoint/hgot07-passpoint-win-eap-ttls.xml'), path.join(directory, 'passpoint.xml'));
    const page = await openApp(app.browser, app.served);
    await openFile(page, directory, 'passpoint.xml');

    const verdict = page.getByTestId('problems-schema-verdict');
    const target = page.getByTestId('target-select');
    expect(await target.inputValue()).toBe('windows11');
    await expect.poll(() => verdict.textContent(), { timeout: 20_000 }).toBe('accepts the file');
    // The EAP password is a clear-text secret: a problem for later, not a schema one.
    await expect.poll(() => page.getByTestId('problems-later').getByTestId('problem').filter({ hasText: 'PS-L005' }).count()).toBe(1);

    await target.selectOption('windows10');
    await expect.poll(() => verdict.textContent(), { timeout: 20_000 }).toBe('refuses the file');
    expect(await page.getByTestId('problems-schema').textContent()).toContain('Windows 10');
    await expect.poll(() => page.getByTestId('problems-schema').getByTestId('problem').filter({ hasText: 'XSD_UNEXPECTED_ELEMENT' }).count()).toBe(1);
    const needs = page.getByTestId('problems-later').getByTestId('problem').filter({ hasText: 'PS-L031' });
    await expect.poll(() => needs.count()).toBe(1);
    expect(await needs.textContent()).toContain('Windows 11');
    // The file's text is untouched by the choice.
    expect(await editorText(page)).not.toContain('windows10');

    // The choice belongs to the document: another file starts at the default, and coming back
    // to the first one brings its choice back.
    copyFileSync(path.join(ROOT, 'test/fixtures/lint/PS-L021.pass.xml'), path.join(directory, 'other.xml'));
    await openFile(page, directory, 'other.xml');
    await expect.poll(() => target.inputValue()).toBe('windows11');
    await documentTabs(page).filter({ hasText: 'passpoint.xml' }).click();
    await expect.poll(() => target.inputValue()).toBe('windows10');
    await expect.poll(() => verdict.textContent(), { timeout: 20_000 }).toBe('refuses the file');
    await page.close();
  });

  it('an https root namespace: refused, named, and fixed with one click (only the namespace changes)', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-nearmiss-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/corpus/cc/root-namespace-https.invalid.xml'), path.join(directory, 'https.xml'));
    const page = await openApp(app.browser, app.served);
    await openFile(page, directory, 'https.xml');
    const verdict = page.getByTestId('problems-schema-verdict');
    await expect.poll(() => verdict.textContent(), { timeout: 20_000 }).toBe('refuses the file');
    const before = await editorText(page);
    const nearMiss = page.getByTestId('problems-later').getByTestId('problem').filter({ hasText: 'PS-L032' });
    await expect.poll(() => nearMiss.count()).toBe(1);
    expect(await nearMiss.textContent()).toContain('http://www.microsoft.com/networking/CarrierControl/v1');
    await page.getByTestId('problem-fix').click();
    await expect.poll(() => verdict.textContent(), { timeout: 20_000 }).toBe('accepts the file');
    const after = await editorText(page);
    expect(after).toBe(before.replace('https://www.microsoft.com/networking/CarrierControl/v1', 'http://www.microsoft.com/networking/CarrierControl/v1'));
    // One undo brings the file back as it was.
    await page.getByTestId('editor').click();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => editorText(page)).toBe(before);
    await page.close();
  });
});
