// Electron's native menu as a template, built from the same menus and command table as the
// browser host's menu bar (shared/common/commands): the same labels, the table's shortcuts as
// accelerators, access letters written with "&". Pure (Electron is imported for its types only),
// so it is unit-tested in Node without the Electron binary; menu.ts hands it to Menu.
import type { MenuItemConstructorOptions } from 'electron';
import type { MessageKey } from '../shared/common/i18n/index';
import type { Settings } from '../shared/common/ipc';
import { CHOICE_COMMANDS, MENUS, tidySeparators, type MenuEntry } from '../shared/common/commands/menus';
import { assignMnemonics, withAmpersandMnemonic } from '../shared/common/commands/mnemonics';
import { COMMANDS, acceleratorOf, altShortcutLetters, type AppCommand } from '../shared/common/commands/table';

export interface NativeMenuState {
  t(key: MessageKey): string;
  settings: Settings;
  /** Sends a command to the renderer, which runs it (the documents live there). */
  send(command: AppCommand): void;
}

type Item = MenuItemConstructorOptions;

/** Gives every labelled item of one menu level its "&" access letter. */
function withMnemonics(items: Item[], reserved?: ReadonlySet<string>): Item[] {
  const labelled = items.filter((item) => item.label !== undefined);
  const indexes = assignMnemonics(
    labelled.map((item) => item.label!),
    reserved,
  );
  const indexOf = new Map(labelled.map((item, position) => [item, indexes[position]!]));
  return items.map((item) => (item.label === undefined ? item : { ...item, label: withAmpersandMnemonic(item.label, indexOf.get(item)!) }));
}

export function nativeMenuTemplate(state: NativeMenuState): Item[] {
  const { t } = state;
  const command = (id: AppCommand, extra: Partial<Item> = {}): Item => {
    const shortcut = COMMANDS[id].shortcuts?.[0];
    return { id, label: t(COMMANDS[id].labelKey), click: () => state.send(id), ...(shortcut ? { accelerator: acceleratorOf(shortcut) } : {}), ...extra };
  };
  const itemsOf = (entry: MenuEntry): (Item | 'separator')[] => {
    switch (entry.kind) {
      case 'separator':
        return ['separator'];
      case 'command':
        return [command(entry.command)];
      case 'choices': {
        const choices = Object.entries(CHOICE_COMMANDS[entry.setting]).map(([value, id]) => command(id, { type: 'radio', checked: state.settings[entry.setting] === value }));
        return [{ id: `choices:${entry.setting}`, label: t(entry.labelKey), submenu: withMnemonics(choices) }];
      }
      case 'recent':
        return [];
      case 'native':
        return [{ label: t(entry.labelKey), role: entry.role }];
    }
  };
  const level = (entries: readonly MenuEntry[]): Item[] =>
    withMnemonics(tidySeparators(entries.flatMap(itemsOf)).map((item) => (item === 'separator' ? { type: 'separator' as const } : item)));
  return withMnemonics(
    MENUS.map((menu) => ({ id: menu.id, label: t(menu.labelKey), submenu: level(menu.entries) })),
    altShortcutLetters(),
  );
}
