// Document life cycle in the browser host: Save As through the host's picker, confirmation
// before losing edits, a refused save that changes nothing, recovery after a crash, npm start.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentTabs, editorText, openApp, openFile } from '../support/app';
import { launchChromium } from '../support/browser';
import { ROOT, startServe } from '../support/serve';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.view-lines').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

describe('documents in the browser host', () => {
  it('saves a new document with Save As through the host file picker, asking before replacing', async () => {
    const served = await startServe();
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-saveas-'));
    writeFileSync(path.join(directory, 'taken.xml'), 'do not replace me');
    try {
      const page = await openApp(browser, served, { width: 1200, height: 760 });
      await page.getByTestId('welcome-new').click();
      await typeAtEnd(page, '<!-- new -->');
      await page.keyboard.press('Control+S');
      await page.getByTestId('file-picker').waitFor();
      await page.getByTestId('picker-location').fill(directory);
      await page.getByTestId('picker-location').press('Enter');
      await page.getByTestId('picker-name').fill('taken.xml');
      await page.getByTestId('picker-confirm').click();
      await page.getByTestId('replace-dialog').waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(readFileSync(path.join(directory, 'taken.xml'), 'utf8')).toBe('do not replace me');

      await page.keyboard.press('Control+S');
      await page.getByTestId('picker-location').fill(directory);
      await page.getByTestId('picker-location').press('Enter');
      await page.getByTestId('picker-name').fill('contoso.xml');
      await page.getByTestId('picker-confirm').click();
      await expect.poll(() => existsSync(path.join(directory, 'contoso.xml'))).toBe(true);
      const saved = readFileSync(path.join(directory, 'contoso.xml'), 'utf8');
      expect(saved.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CarrierProvisioning')).toBe(true);
      expect(saved.endsWith('<!-- new -->')).toBe(true);
      await expect.poll(() => documentTabs(page).first().textContent()).toBe('contoso.xml');
      await page.close();
    } finally {
      await served.stop();
    }
  });

  it('asks before closing a document with unsaved edits', async () => {
    const served = await startServe();
    try {
      const page = await openApp(browser, served, { width: 1200, height: 760 });
      await page.getByTestId('welcome-new').click();
      await typeAtEnd(page, 'x');
      await page.getByTestId('tab').filter({ hasText: 'Untitled-1' }).getByTestId('tab-close').click();
      await page.getByTestId('unsaved-dialog').waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => documentTabs(page).count()).toBe(1);
      // Keyboard: Delete on the focused tab closes it.
      await documentTabs(page).filter({ hasText: 'Untitled-1' }).focus();
      await page.keyboard.press('Delete');
      await page.getByTestId('unsaved-discard').click();
      await expect.poll(() => documentTabs(page).count()).toBe(0);
      await page.getByTestId('welcome-new').waitFor();
      await page.close();
    } finally {
      await served.stop();
    }
  });

  it('refuses to save over a file another program changed, and changes nothing on disk', async () => {
    const served = await startServe();
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-conflict-'));
    const filePath = path.join(directory, 'shared.xml');
    writeFileSync(filePath, '<a/>\n');
    try {
      const page = await openApp(browser, served, { width: 1200, height: 760 });
      await openFile(page, directory, 'shared.xml');
      await typeAtEnd(page, '<!-- mine -->');
      writeFileSync(filePath, '<a>changed elsewhere</a>\n');
      await page.keyboard.press('Control+S');
      const dialog = page.getByTestId('message-dialog');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('was changed by another program');
      expect(readFileSync(filePath, 'utf8')).toBe('<a>changed elsewhere</a>\n');
      await page.getByTestId('dirty-marker').waitFor();
      await page.close();
    } finally {
      await served.stop();
    }
  });

  it('restores unsaved edits after a crash', async () => {
    const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-crash-'));
    const first = await startServe({ dataDirectory });
    const page = await openApp(browser, first, { width: 1200, height: 760 });
    await page.getByTestId('welcome-new').click();
    await typeAtEnd(page, '<!-- survives a crash -->');
    // Wait until the recovery copy holds the edit, then kill the host without warning.
    await expect
      .poll(() => {
        const files = existsSync(path.join(dataDirectory, 'recovery')) ? readdirSync(path.join(dataDirectory, 'recovery')) : [];
        return files.some((name) => readFileSync(path.join(dataDirectory, 'recovery', name), 'utf8').includes('survives a crash'));
      }, { timeout: 10_000 })
      .toBe(true);
    first.process.kill('SIGKILL');
    await page.close();

    const second = await startServe({ dataDirectory });
    try {
      const again = await openApp(browser, second, { width: 1200, height: 760 });
      await again.getByTestId('recovery-dialog').waitFor();
      await again.getByTestId('recovery-restore').click();
      await expect.poll(() => editorText(again)).toContain('survives a crash');
      await again.getByTestId('dirty-marker').waitFor();
      await again.close();
    } finally {
      await second.stop();
    }
  });

  it('npm start without the Electron binary serves a working app and says why', async () => {
    const dataHome = mkdtempSync(path.join(os.tmpdir(), 'provstudio-start-'));
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
      cwd: ROOT,
      env: { ...process.env, XDG_CONFIG_HOME: dataHome, PATH: '/usr/bin:/bin', PROVSTUDIO_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(output)), 60_000);
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      expect(output).toContain('The Electron binary is not installed');
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByTestId('welcome-new').waitFor();
      await page.close();
    } finally {
      child.kill('SIGTERM');
    }
  });
});
