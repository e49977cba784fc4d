// One document, two views: the tree beside the text edits the same Monaco model (one undo
// stack), follows the cursor, keeps the last good tree while the text is broken; the editor
// completes and explains from the schema model.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorText, openApp, openFile, placeCursor, useServedApp } from '../support/app';
import { generateDocument } from '../bench/validation';
import { runBuiltCli } from '../support/cli';

const BLANK = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global>
    <CarrierId>{3F2504E0-4F89-41D3-9A0C-0305E82C3301}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
</CarrierProvisioning>
`;
const WLAN = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';

const app = useServedApp();

async function openText(text: string, name = 'doc.xml'): Promise<{ page: Page; file: string }> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-tree-'));
  writeFileSync(path.join(directory, name), text);
  const page = await openApp(app.browser, app.served, { width: 1280, height: 1000 });
  await openFile(page, directory, name);
  await page.getByTestId('tree-item').first().waitFor();
  return { page, file: path.join(directory, name) };
}

const treeItem = (page: Page, name: string) => page.locator('[role="treeitem"]').filter({ has: page.locator('.tree-name', { hasText: new RegExp(`^${name}$`) }) });
const treeNames = (page: Page) => page.locator('[role="treeitem"] .tree-name').allTextContents();
const selectedName = (page: Page) => page.locator('[role="treeitem"][aria-selected="true"] .tree-name').textContent();

async function addChild(page: Page, name: string): Promise<void> {
  await page.getByTestId('tree-add-child').click();
  const menu = page.getByTestId('tree-add-menu');
  await menu.getByRole('menuitem', { name, exact: true }).click();
  await menu.waitFor({ state: 'detached' });
}

describe('the document tree and the text are two views of one document', () => {
  it('adds a WLAN profile from the tree, follows typing, and one Ctrl+Z stack undoes both', async () => {
    const { page, file } = await openText(BLANK);
    expect(await treeNames(page)).toEqual(['CarrierProvisioning', 'Global', 'CarrierId', 'SubscriberId']);

    // The root offers only what the schema still allows: Global is there already (at most once).
    await treeItem(page, 'CarrierProvisioning').click();
    expect(await page.locator('[role="treeitem"][aria-selected="true"]').getAttribute('aria-level')).toBe('1');
    await page.getByTestId('tree-add-child').click();
    const offered = await page.getByTestId('tree-add-menu').getByRole('menuitem').allTextContents();
    expect(offered).toContain('WLANProfiles');
    expect(offered).not.toContain('Global');
    await page.keyboard.press('Escape');

    await addChild(page, 'WLANProfiles');
    await expect.poll(() => selectedName(page)).toBe('WLANProfiles');
    await addChild(page, 'WLANProfile');
    await expect.poll(() => selectedName(page)).toBe('WLANProfile');
    // Inserted with its mandatory children, in its own namespace, laid out like the file.
    await expect.poll(() => editorText(page)).toContain(`<WLANProfile xmlns="${WLAN}">`);
    const text = await editorText(page);
    expect(text).toContain('<SSIDConfig>');
    // The new element is shown open, its parent too.
    expect(await treeNames(page)).toEqual(expect.arrayContaining(['WLANProfiles', 'WLANProfile', 'name', 'SSIDConfig']));

    // Saved, the file is schema-valid (the CLI agrees) and the problems panel shows no error.
    await expect.poll(() => page.getByTestId('problems-counts').textContent(), { timeout: 20_000 }).toMatch(/^0 errors/);
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(file, 'utf8')).toContain('<WLANProfile');
    const validate = runBuiltCli(['validate', '--allow-placeholders', file]);
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);

    // Typing in the text: the tree follows (debounced) and selects the element at the cursor.
    await treeItem(page, 'SubscriberId').click();
    await page.keyboard.press('Enter'); // Enter in the tree moves the focus to the element in the text
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('<DeviceId>1234</DeviceId>');
    await page.keyboard.press('Escape');
    await expect.poll(() => treeNames(page)).toContain('DeviceId');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => selectedName(page)).toBe('DeviceId');

    // Ctrl+Z in the editor undoes the typing, then the two tree inserts.
    for (let attempt = 0; attempt < 20 && /WLANProfiles|DeviceId/.test(await editorText(page)); attempt++) {
      await page.keyboard.press('Control+Z');
    }
    expect(await editorText(page)).not.toMatch(/WLANProfiles|DeviceId/);
    await expect.poll(() => treeNames(page)).toEqual(['CarrierProvisioning', 'Global', 'CarrierId', 'SubscriberId']);
    // ... and redo brings the tree edit back.
    await page.keyboard.press('Control+Y');
    await expect.poll(() => treeNames(page)).toContain('WLANProfiles');
    await page.close();
  });

  it('follows characters typed into a value (the parse derived from the previous one) and selects by the moved offsets', async () => {
    const { page } = await openText(BLANK);
    const preview = (name: string) => treeItem(page, name).locator('.tree-preview').textContent();
    await expect.poll(() => preview('CarrierId')).toContain('3F2504E0');
    // The cursor just before the CarrierId's closing brace; three keystrokes, each one edit inside
    // the value (shared/common/xml/incremental-parse.ts derives each version's parse).
    await placeCursor(page, 4, '}</CarrierId>'.length);
    await page.keyboard.type('ABC');
    await page.keyboard.press('Backspace');
    await expect.poll(() => preview('CarrierId')).toContain('3301AB}');
    await expect.poll(() => selectedName(page)).toBe('CarrierId');
    // The next line's element, after the edit: found at its moved offsets.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let index = 0; index < '</SubscriberId>'.length; index++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => selectedName(page)).toBe('SubscriberId');
    // A character that changes the structure is parsed in full: the tree follows it too.
    await page.keyboard.type('<');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('7');
    await expect.poll(() => preview('SubscriberId')).toContain('3102600000000007');
    await page.close();
  });

  it('moves, duplicates and deletes with the keyboard', async () => {
    const { page } = await openText(BLANK);
    await treeItem(page, 'CarrierProvisioning').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selectedName(page)).toBe('CarrierId');
    await page.keyboard.press('End');
    await expect.poll(() => selectedName(page)).toBe('SubscriberId');
    await page.keyboard.press('ArrowLeft'); // to the parent
    await expect.poll(() => selectedName(page)).toBe('Global');
    await page.keyboard.press('ArrowLeft'); // collapse
    expect(await treeNames(page)).toEqual(['CarrierProvisioning', 'Global']);
    await page.keyboard.press('ArrowRight'); // expand
    expect(await treeNames(page)).toEqual(['CarrierProvisioning', 'Global', 'CarrierId', 'SubscriberId']);

    // Global allows one more optional child; the schema refuses a second Global (no Duplicate).
    expect(await page.getByTestId('tree-duplicate').isDisabled()).toBe(true);
    await page.keyboard.press('ArrowDown'); // CarrierId
    await page.keyboard.press('Delete');
    await expect.poll(() => treeNames(page)).toEqual(['CarrierProvisioning', 'Global', 'SubscriberId']);
    await expect.poll(() => editorText(page)).not.toContain('CarrierId');
    await page.keyboard.press('Control+Z'); // the tree has the focus: the shortcut goes to the text's undo
    await expect.poll(() => treeNames(page)).toEqual(['CarrierProvisioning', 'Global', 'CarrierId', 'SubscriberId']);
    await page.close();
  });

  it('completes only the children allowed at the cursor, and explains elements on hover', async () => {
    const { page } = await openText(BLANK);
    await treeItem(page, 'SubscriberId').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('<');
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await rows.first().waitFor();
    const labels = await page.locator('.suggest-widget .monaco-list-row .label-name').allTextContents();
    expect(labels).toContain('DeviceId');
    expect(labels).not.toContain('CarrierId');
    expect(labels).not.toContain('SubscriberId');
    expect(labels).not.toContain('Plan'); // allowed only through a wildcard
    await page.keyboard.type('Dev');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorText(page)).toContain('<DeviceId></DeviceId>');
    await page.keyboard.press('Escape');

    await page.locator('.view-line span', { hasText: /^CarrierId$/ }).first().hover();
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await expect.poll(() => hover.textContent(), { timeout: 10_000 }).toContain('fixed GUID');
    // The pattern is said in words, never as the regular expression.
    expect(await hover.textContent()).toContain('Form: a GUID in braces');
    expect(await hover.textContent()).not.toContain('[0-9a-fA-F]');
    await page.close();
  });

  it('keeps the last good tree, read-only, while the text does not parse', async () => {
    const { page } = await openText(BLANK);
    await treeItem(page, 'Global').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.type(' <oops');
    const error = page.getByTestId('tree-error');
    await error.waitFor();
    expect(await page.getByTestId('tree').getAttribute('data-readonly')).toBe('true');
    expect(await treeNames(page)).toEqual(['CarrierProvisioning', 'Global', 'CarrierId', 'SubscriberId']);
    expect(await page.getByTestId('tree-add-child').isDisabled()).toBe(true);
    await treeItem(page, 'CarrierId').click();
    expect(await page.getByTestId('tree-delete').isDisabled()).toBe(true);
    await page.getByTestId('tree-goto-error').click();
    // The editor has the focus at the error: undo there repairs the text, the tree is editable again.
    for (let attempt = 0; attempt < 10 && (await error.count()) > 0; attempt++) {
      await page.keyboard.press('Control+Z');
      await page.waitForTimeout(300);
    }
    await error.waitFor({ state: 'detached' });
    expect(await page.getByTestId('tree').getAttribute('data-readonly')).toBe('false');
    await page.close();
  });

  it('pauses the tree for large files, and the View menu hides and shows the tree', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-tree-large-'));
    writeFileSync(path.join(directory, 'large.xml'), generateDocument(6 * 1024 * 1024));
    const page = await openApp(app.browser, app.served);
    await openFile(page, directory, 'large.xml');
    await expect.poll(() => page.getByTestId('tree-paused').textContent(), { timeout: 30_000 }).toMatch(/^Tree paused for large files: 6\.\d MB$/);
    expect(await page.getByTestId('large-file-note').textContent()).toContain('Large file');
    // Typing stays possible (no per-keystroke parse).
    await page.locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await page.keyboard.type('<!-- x -->');
    expect(await page.getByTestId('tree-paused').count()).toBe(1);

    await page.locator('[data-menu-button="view"]').click();
    await page.getByRole('menuitemradio', { name: /Document tree/ }).click();
    await page.getByTestId('tree-pane').waitFor({ state: 'detached' });
    await page.getByTestId('toolbar-tree').click();
    await page.getByTestId('tree-pane').waitFor();
    await page.close();
  });
});
