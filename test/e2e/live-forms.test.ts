// Forms that feel live: typing in a form field reaches the XML without leaving the field
// (debounced, ~150 ms); one burst of typing is one undo step; Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y)
// undo and redo on the text's own stack from the form, the tree and after pressing a button;
// deleting an element (form or tree) says "Deleted X — Undo" and Undo brings it back.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorText, newFromTemplate, openApp, useServedApp } from '../support/app';

const app = useServedApp();

const profileName = (page: Page) => page.getByTestId('form-page-wlan').getByLabel(/^Name( \*)?( \(required\))?$/).first();
const zeroGuid = '{00000000-0000-0000-0000-000000000000}';

describe('live forms', () => {
  it('types into the XML as you type, one undo step per burst, undo and redo from form, tree and buttons', async () => {
    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    await newFromTemplate(page, 'wifi-open');
    await page.getByTestId('form-section-wlan').click();
    const name = profileName(page);
    expect(await name.inputValue()).toBe('Contoso Wi-Fi');

    // Typing, without leaving the field: the XML follows.
    await name.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Fabrikam Cafe', { delay: 40 });
    await expect.poll(() => editorText(page), { timeout: 5_000 }).toContain('<name>Fabrikam Cafe</name>');
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true);

    // One Ctrl+Z, still in the field, takes the whole burst back; Ctrl+Shift+Z brings it again.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => editorText(page)).toContain('<name>Contoso Wi-Fi</name>');
    expect(await editorText(page)).not.toContain('Fabrikam');
    await expect.poll(() => name.inputValue()).toBe('Contoso Wi-Fi');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => editorText(page)).toContain('<name>Fabrikam Cafe</name>');
    await expect.poll(() => name.inputValue()).toBe('Fabrikam Cafe');

    // From the tree.
    await page.locator('[role="treeitem"] .tree-name', { hasText: /^Global$/ }).click();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => editorText(page)).not.toContain('Fabrikam');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => editorText(page)).toContain('Fabrikam Cafe');

    // After pressing a button (the focus stays on it).
    await page.getByTestId('form-section-global').click();
    expect(await editorText(page)).toContain(zeroGuid);
    await page.getByTestId('form-page-global').getByRole('button', { name: 'Generate a GUID' }).click();
    await expect.poll(() => editorText(page)).not.toContain(zeroGuid);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => editorText(page)).toContain(zeroGuid);
    expect(await editorText(page)).toContain('Fabrikam Cafe');
    await page.close();
  });

  it('says "Deleted X — Undo" when the form or the tree deletes an element, and Undo brings it back', async () => {
    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    await newFromTemplate(page, 'wifi-open');
    await page.getByTestId('form-section-wlan').click();
    await page.getByTestId('form-page-wlan').getByRole('button', { name: /^Remove Wi-Fi profile/ }).first().click();
    const toast = page.getByTestId('undo-toast');
    await expect.poll(() => toast.textContent()).toContain('Deleted Wi-Fi profile “Contoso Wi-Fi”');
    await expect.poll(() => editorText(page)).not.toMatch(/<WLANProfile[\s>]/);
    await page.getByTestId('undo-toast-undo').click();
    await expect.poll(() => editorText(page)).toMatch(/<WLANProfile[\s>]/);
    await toast.waitFor({ state: 'detached' });

    await page.locator('[role="treeitem"] .tree-name', { hasText: /^WLANProfiles$/ }).click();
    await page.getByTestId('tree-delete').click();
    await expect.poll(() => toast.textContent()).toContain('Deleted WLANProfiles');
    await expect.poll(() => editorText(page)).not.toContain('WLANProfiles');
    await page.getByTestId('undo-toast-undo').click();
    await expect.poll(() => editorText(page)).toContain('<WLANProfiles>');
    await page.close();
  });
});
