// Electron's native menu, built from the same menus and command table as the browser host's menu
// bar (shared/common/commands), checked in Node without the Electron binary: same commands in the
// same order, the table's shortcuts as accelerators (no list of its own), "&" access letters that
// never collide in a menu level nor with Alt shortcuts.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { nativeMenuTemplate } from '../../../electron/menu-template';
import { browserMenus } from '../../../renderer/src/app-menus';
import { COMMANDS, acceleratorOf, altShortcutLetters, type AppCommand } from '../../../shared/common/commands/table';
import { baseLetter } from '../../../shared/common/commands/mnemonics';
import { translator, type Language } from '../../../shared/common/i18n/index';
import type { Settings } from '../../../shared/common/ipc';

type Item = MenuItemConstructorOptions;
const settings: Settings = { theme: 'dark', language: 'fr', keepUnlockedMinutes: 5, trustedRootPaths: [] };

function template(language: Language, sent: AppCommand[] = []): Item[] {
  return nativeMenuTemplate({ t: translator(language), settings, send: (command) => sent.push(command) });
}

const submenu = (item: Item): Item[] => item.submenu as Item[];
/** Every item with a command id, depth first. */
function commandItems(items: Item[]): Item[] {
  return items.flatMap((item) => [...(item.id && item.id in COMMANDS ? [item] : []), ...(Array.isArray(item.submenu) ? commandItems(item.submenu) : [])]);
}
/** The access letter of a "&"-marked label ("&&" is a literal ampersand). */
function accessLetter(label: string): string | null {
  const match = /(?:^|[^&])(?:&&)*&([^&])/.exec(label);
  return match ? baseLetter(match[1]!) : null;
}

describe('Electron native menu from the command table', () => {
  it('has the same menus and the same commands, in the same order, as the browser menu bar', () => {
    const t = translator('en');
    const native = template('en');
    const browser = browserMenus({ t, mac: false, hasDocument: true, recent: [], settings, treeOpen: true, signaturePanelOpen: false, run: () => undefined, openRecent: () => undefined });
    expect(native.map((menu) => menu.id)).toEqual(browser.map((menu) => menu.id));
    expect(native.map((menu) => menu.label!.replace('&', ''))).toEqual(browser.map((menu) => menu.label));
    for (const [index, menu] of native.entries()) {
      const browserIds = browser[index]!.items.filter((item) => item !== 'separator').map((item) => item.id);
      expect(commandItems(submenu(menu)).map((item) => item.id)).toEqual(browserIds);
    }
  });

  it('takes every accelerator from the table, and nothing else has one', () => {
    const items = commandItems(template('en'));
    for (const item of items) {
      const shortcut = COMMANDS[item.id as AppCommand].shortcuts?.[0];
      expect(item.accelerator, item.id).toBe(shortcut ? acceleratorOf(shortcut) : undefined);
    }
    const byId = new Map(items.map((item) => [item.id, item.accelerator]));
    expect(byId.get('file.save')).toBe('CmdOrCtrl+S');
    expect(byId.get('file.saveAs')).toBe('CmdOrCtrl+Shift+S');
    expect(byId.get('file.sign')).toBe('CmdOrCtrl+Shift+G');
    expect(byId.get('file.new')).toBe('Alt+N');
    expect(byId.get('edit.undo')).toBe('CmdOrCtrl+Z');
    expect(byId.get('edit.redo')).toBe('CmdOrCtrl+Shift+Z');
    // Native roles carry the toolkit's own keys: no accelerator list of ours.
    const roles = template('en').flatMap(submenu).filter((item) => item.role);
    expect(roles.map((item) => item.role)).toEqual(['quit', 'cut', 'copy', 'paste', 'reload', 'toggleDevTools']);
    expect(roles.every((item) => item.accelerator === undefined)).toBe(true);
  });

  it('sends each command to the renderer, and checks the current theme and language', () => {
    const sent: AppCommand[] = [];
    const items = commandItems(template('en', sent));
    for (const item of items) (item.click as () => void)();
    expect(sent).toEqual(items.map((item) => item.id));
    const radios = items.filter((item) => item.type === 'radio');
    expect(radios.filter((item) => item.checked).map((item) => item.id)).toEqual(['view.themeDark', 'view.languageFr']);
  });

  it.each(['en', 'fr', 'pt'] as const)('gives each label of a level a distinct "&" access letter (%s), the menu bar avoiding Alt shortcuts', (language) => {
    const menus = template(language);
    const topLetters = menus.map((menu) => accessLetter(menu.label!));
    expect(topLetters.every((letter) => letter !== null)).toBe(true);
    expect(new Set(topLetters).size).toBe(topLetters.length);
    for (const letter of topLetters) expect(altShortcutLetters().has(letter!)).toBe(false);
    const levels = [...menus.map(submenu), ...menus.flatMap(submenu).filter((item) => Array.isArray(item.submenu)).map(submenu)];
    for (const level of levels) {
      const letters = level.filter((item) => item.label !== undefined).map((item) => accessLetter(item.label!));
      const assigned = letters.filter((letter) => letter !== null);
      expect(new Set(assigned).size).toBe(assigned.length);
      // The label without its marker is the catalogue's label.
      for (const item of level.filter((entry) => entry.id && entry.id in COMMANDS)) {
        expect(item.label!.replace(/&(&?)/g, '$1')).toBe(translator(language)(COMMANDS[item.id as AppCommand].labelKey));
      }
    }
    expect(menus[0]!.label).toBe(language === 'en' ? '&File' : language === 'fr' ? '&Fichier' : '&Arquivo');
  });

  it('writes a literal ampersand as "&&"', () => {
    const menus = nativeMenuTemplate({ t: (key) => (key === 'menu.help' ? 'Q&A' : translator('en')(key)), settings, send: () => undefined });
    expect(menus.at(-1)!.label).toBe('&Q&&A');
  });
});
