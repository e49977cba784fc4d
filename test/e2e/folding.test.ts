// Folding by element in the editor, computed by the folding worker (renderer/src/editor/
// folding-client.ts): the document has no indentation, so Monaco's own indentation folding would
// fold nothing; every fold below comes from our ranges, for the text as it is after each edit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorText, openApp, openFile, useServedApp } from '../support/app';

const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const FLAT = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${CC}">
<Global>
<CarrierId>{3F2504E0-4F89-41D3-9A0C-0305E82C3301}</CarrierId>
<SubscriberId>310260000000000</SubscriberId>
</Global>
</CarrierProvisioning>
`;

const app = useServedApp();

async function goToLine(page: Page, line: number): Promise<void> {
  await page.locator('.view-lines').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Home');
  for (let index = 1; index < line; index++) await page.keyboard.press('ArrowDown');
}

/** Folds the region at the cursor (Monaco's Ctrl+Shift+[), which waits for the ranges of the current text. */
const fold = (page: Page) => page.keyboard.press('Control+Shift+BracketLeft');
const unfoldAll = async (page: Page) => {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+J');
};

describe('folding by element in the editor', () => {
  it('folds elements and comments from the worker’s ranges, and follows edits', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-folding-'));
    writeFileSync(path.join(directory, 'flat.xml'), FLAT);
    const page = await openApp(app.browser, app.served);
    await openFile(page, directory, 'flat.xml');

    // <Global> on line 3 folds down to its end tag, which stays visible.
    await goToLine(page, 3);
    await fold(page);
    await expect.poll(() => editorText(page)).not.toContain('CarrierId');
    expect(await editorText(page)).toContain('</Global>');
    await unfoldAll(page);
    await expect.poll(() => editorText(page)).toContain('CarrierId');

    // An edit: a multi-line element and a multi-line comment typed into Global; the ranges follow.
    await goToLine(page, 5);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('<Extra>\n<Inner>one</Inner>\n</Extra>\n<!-- a note\non two lines -->');
    await expect.poll(() => editorText(page)).toContain('on two lines -->');
    await goToLine(page, 6);
    await fold(page);
    await expect.poll(() => editorText(page)).not.toContain('<Inner>');
    expect(await editorText(page)).toContain('CarrierId');
    expect(await editorText(page)).toContain('a note');
    await goToLine(page, 9);
    await fold(page);
    await expect.poll(() => editorText(page)).not.toContain('on two lines');
    await unfoldAll(page);

    // Typing goes on (versions pass the worker's answers); the last text's ranges are the ones used.
    await goToLine(page, 3);
    await page.keyboard.press('End');
    for (const character of ' a="1"') await page.keyboard.type(character);
    await goToLine(page, 2);
    await fold(page);
    await expect.poll(() => editorText(page)).not.toContain('<Global');
    expect(await editorText(page)).toContain('</CarrierProvisioning>');
    await page.close();
  });
});
