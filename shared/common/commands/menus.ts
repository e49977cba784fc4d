// The app's menus, written once: which commands of the table (table.ts) each menu holds, in
// which order. The browser host's menu bar (renderer/src/app-menus.ts) and Electron's native menu
// (electron/menu-template.ts) are both built from this list, so labels, shortcuts and access
// letters agree between the two hosts.
import type { MessageKey } from '../i18n/index';
import type { Settings } from '../ipc';
import type { AppCommand } from './table';

/** What only a native menu has: the clipboard and window roles the desktop toolkit implements. */
export type NativeRole = 'cut' | 'copy' | 'paste' | 'quit' | 'reload' | 'toggleDevTools';

export type MenuEntry =
  | { kind: 'command'; command: AppCommand; /** Disabled without an open document. */ needsDocument?: boolean }
  | { kind: 'separator' }
  /** One command per value of a setting, the current one checked (a submenu natively, items in the page). */
  | { kind: 'choices'; setting: 'theme' | 'language'; labelKey: MessageKey }
  /** The recently opened files (the browser host's File menu). */
  | { kind: 'recent' }
  | { kind: 'native'; role: NativeRole; labelKey: MessageKey };

export interface MenuLayout {
  id: 'file' | 'edit' | 'view' | 'help';
  labelKey: MessageKey;
  entries: readonly MenuEntry[];
}

/** The command that chooses each value of a setting. */
export const CHOICE_COMMANDS = {
  theme: { system: 'view.themeSystem', light: 'view.themeLight', dark: 'view.themeDark' },
  language: { system: 'view.languageSystem', en: 'view.languageEn', fr: 'view.languageFr', pt: 'view.languagePt' },
} as const satisfies { [S in 'theme' | 'language']: Record<Settings[S], AppCommand> };

const command = (id: AppCommand, needsDocument = false): MenuEntry => ({ kind: 'command', command: id, ...(needsDocument ? { needsDocument } : {}) });
const separator: MenuEntry = { kind: 'separator' };

export const MENUS: readonly MenuLayout[] = [
  {
    id: 'file',
    labelKey: 'menu.file',
    entries: [
      command('file.new'),
      command('file.newFromTemplate'),
      command('file.open'),
      separator,
      command('file.save', true),
      command('file.saveAs', true),
      command('file.sign', true),
      command('file.close', true),
      separator,
      { kind: 'recent' },
      separator,
      { kind: 'native', role: 'quit', labelKey: 'menu.file.quit' },
    ],
  },
  {
    id: 'edit',
    labelKey: 'menu.edit',
    entries: [
      command('edit.undo', true),
      command('edit.redo', true),
      separator,
      { kind: 'native', role: 'cut', labelKey: 'menu.edit.cut' },
      { kind: 'native', role: 'copy', labelKey: 'menu.edit.copy' },
      { kind: 'native', role: 'paste', labelKey: 'menu.edit.paste' },
      command('edit.selectAll', true),
      separator,
      command('edit.settings'),
    ],
  },
  {
    id: 'view',
    labelKey: 'menu.view',
    entries: [
      { kind: 'choices', setting: 'theme', labelKey: 'menu.view.theme' },
      { kind: 'choices', setting: 'language', labelKey: 'menu.view.language' },
      separator,
      command('view.tree'),
      command('view.signature'),
      command('view.website'),
      separator,
      { kind: 'native', role: 'reload', labelKey: 'menu.view.reload' },
      { kind: 'native', role: 'toggleDevTools', labelKey: 'menu.view.devTools' },
    ],
  },
  { id: 'help', labelKey: 'menu.help', entries: [command('help.about')] },
];

/** Drops separators at either end and doubled ones (left where a host skips entries it lacks). */
export function tidySeparators<T>(items: readonly (T | 'separator')[]): (T | 'separator')[] {
  const tidy: (T | 'separator')[] = [];
  for (const item of items) {
    if (item === 'separator' && (tidy.length === 0 || tidy[tidy.length - 1] === 'separator')) continue;
    tidy.push(item);
  }
  while (tidy[tidy.length - 1] === 'separator') tidy.pop();
  return tidy;
}
