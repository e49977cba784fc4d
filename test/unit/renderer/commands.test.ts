// The command table: menus and keys read the same entries; the XML editor keeps its own undo keys;
// the desktop host's native menu keeps its accelerators; mnemonics never collide.
import { describe, expect, it } from 'vitest';
import { browserMenus } from '../../../renderer/src/app-menus';
import { COMMANDS, altShortcutLetters, commandForKey, shortcutLabel, type AppCommand } from '../../../shared/common/commands/table';
import { assignMnemonics, baseLetter } from '../../../shared/common/commands/mnemonics';
import { translator } from '../../../shared/common/i18n/index';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});
const page = { inXmlEditor: false, nativeMenu: false };

describe('command table', () => {
  it('maps each shortcut to its command, with Ctrl or Cmd', () => {
    expect(commandForKey(key('s', { ctrl: true }), page)).toBe('file.save');
    expect(commandForKey(key('S', { meta: true, shift: true }), page)).toBe('file.saveAs');
    expect(commandForKey(key('o', { ctrl: true }), page)).toBe('file.open');
    expect(commandForKey(key('G', { ctrl: true, shift: true }), page)).toBe('file.sign');
    expect(commandForKey(key('n', { alt: true }), page)).toBe('file.new');
    expect(commandForKey(key('w', { alt: true }), page)).toBe('file.close');
    expect(commandForKey(key('s'), page)).toBeNull();
    expect(commandForKey(key('s', { ctrl: true, alt: true }), page)).toBeNull();
  });

  it('undoes and redoes from the form and the tree, but leaves the XML editor its own keys', () => {
    expect(commandForKey(key('z', { ctrl: true }), page)).toBe('edit.undo');
    expect(commandForKey(key('Z', { ctrl: true, shift: true }), page)).toBe('edit.redo');
    expect(commandForKey(key('y', { ctrl: true }), page)).toBe('edit.redo');
    expect(commandForKey(key('z', { ctrl: true }), { inXmlEditor: true, nativeMenu: false })).toBeNull();
  });

  it('leaves file shortcuts to the desktop host native menu, not undo outside the editor', () => {
    const desktop = { inXmlEditor: false, nativeMenu: true };
    expect(commandForKey(key('s', { ctrl: true }), desktop)).toBeNull();
    expect(commandForKey(key('z', { ctrl: true }), desktop)).toBe('edit.undo');
  });

  it('gives the menus the labels and shortcuts of the table', () => {
    const t = translator('en');
    const run: AppCommand[] = [];
    const menus = browserMenus({ t, mac: false, hasDocument: true, recent: [], settings: { theme: 'system', language: 'system', keepUnlockedMinutes: 5, trustedRootPaths: [] }, treeOpen: true, signaturePanelOpen: false, run: (id) => run.push(id), openRecent: () => undefined });
    const items = menus.flatMap((menu) => menu.items).filter((item) => item !== 'separator');
    const save = items.find((item) => item.id === 'file.save')!;
    expect(save.label).toBe(t(COMMANDS['file.save'].labelKey));
    expect(save.shortcut).toBe('Ctrl+S');
    expect(items.find((item) => item.id === 'edit.redo')!.shortcut).toBe('Ctrl+Shift+Z');
    save.run();
    expect(run).toEqual(['file.save']);
    expect(shortcutLabel({ key: 's', mod: true, shift: true }, true)).toBe('⇧⌘S');
  });
});

describe('menu mnemonics', () => {
  it('gives each label a distinct letter, skipping letters of Alt shortcuts', () => {
    expect(assignMnemonics(['File', 'Edit', 'View', 'Help'], altShortcutLetters())).toEqual([0, 0, 0, 0]);
    const french = ['Fichier', 'Édition', 'Affichage', 'Aide'];
    const indexes = assignMnemonics(french, altShortcutLetters());
    const letters = indexes.map((index, position) => baseLetter(french[position]![index]!));
    expect(new Set(letters).size).toBe(4);
    expect(letters).toEqual(['f', 'e', 'a', 'i']);
    expect(assignMnemonics(['New'], new Set(['n']))).toEqual([1]);
    expect(assignMnemonics(['--'])).toEqual([-1]);
  });
});
