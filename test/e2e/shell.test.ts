// The foundation, end to end in Debian's Chromium against the real `provstudio serve`:
// open a CRLF file with comments through the host's file picker, edit it in Monaco, save,
// reopen, and the bytes on disk are exactly the original plus the edit.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorText, openApp, openFile, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';

const app = useServedApp();

describe('app shell in the browser host', () => {
  it('refuses requests without the token', async () => {
    const page = await fetch(app.served.origin + '/');
    expect(page.status).toBe(401);
    const api = await fetch(app.served.origin + '/api/app.info', { method: 'POST', body: '{}' });
    expect(api.status).toBe(401);
    const wrongToken = await fetch(app.served.origin + '/api/app.info', { method: 'POST', body: '{}', headers: { 'x-provstudio-token': 'nope' } });
    expect(wrongToken.status).toBe(401);
    const withToken = await fetch(app.served.origin + '/api/app.info', { method: 'POST', body: '{}', headers: { 'x-provstudio-token': app.served.token } });
    expect(withToken.status).toBe(200);
    expect(((await withToken.json()) as { result: { host: string } }).result.host).toBe('browser');
  });

  it('opens a CRLF file with comments, edits it in Monaco, saves, and keeps every other byte', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-e2e-'));
    const filePath = path.join(directory, 'contoso.xml');
    copyFileSync(path.join(ROOT, 'test/fixtures/files/crlf-with-comments.xml'), filePath);
    const original = readFileSync(filePath);

    const page = await openApp(app.browser, app.served);
    await openFile(page, directory, 'contoso.xml');
    await expect.poll(() => page.getByTestId('status-line-ending').textContent()).toBe('CRLF');
    await expect.poll(() => editorText(page)).toContain('kept byte for byte');

    // Put the cursor at the end of line 5 (the inner comment) and type a new line with a comment.
    await page.locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Home');
    for (let line = 1; line < 5; line++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('<!-- added in the editor -->');
    await page.getByTestId('dirty-marker').waitFor();

    await page.keyboard.press('Control+S');
    await expect.poll(() => page.getByTestId('status-message').textContent()).toContain('Saved');
    await expect.poll(() => page.getByTestId('dirty-marker').count()).toBe(0);

    const lines = original.toString('utf8').split('\r\n');
    const indentation = /^\s*/.exec(lines[4]!)![0];
    lines.splice(5, 0, `${indentation}<!-- added in the editor -->`);
    const expected = Buffer.from(lines.join('\r\n'), 'utf8');
    expect(readFileSync(filePath).equals(expected)).toBe(true);

    // Reopen in a fresh page: the text shown is the saved text.
    await page.close();
    const again = await openApp(app.browser, app.served);
    await openFile(again, directory, 'contoso.xml');
    await expect.poll(() => editorText(again)).toContain('added in the editor');
    await expect.poll(() => again.getByTestId('status-line-ending').textContent()).toBe('CRLF');
    await again.screenshot({ path: path.join(ROOT, 'docs/screenshots/app-shell.png') });
    await again.close();
  });

  it('switching the language changes the menus', async () => {
    const page = await openApp(app.browser, app.served);
    const fileMenu = page.locator('[data-menu-button="file"]');
    await expect.poll(() => fileMenu.textContent()).toBe('File');
    await page.getByTestId('language-select').selectOption('fr');
    await expect.poll(() => fileMenu.textContent()).toBe('Fichier');
    await fileMenu.click();
    await expect.poll(() => page.locator('[data-command="file.saveAs"]').textContent()).toContain('Enregistrer sous');
    await page.keyboard.press('Escape');
    await page.getByTestId('language-select').selectOption('pt');
    await expect.poll(() => fileMenu.textContent()).toBe('Arquivo');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('pt');
    // The choice is kept by the host: a new page starts in Portuguese.
    const again = await openApp(app.browser, app.served);
    await expect.poll(() => again.locator('[data-menu-button="file"]').textContent()).toBe('Arquivo');
    await again.getByTestId('language-select').selectOption('en');
    await again.close();
    await page.close();
  });
});
