// The in-page menu bar of the browser host, built from the menus and the command table that
// Electron's native menu also reads (shared/common/commands): every item runs an AppCommand, with
// the label and shortcut the table gives, so menus, keys and hosts agree. Native-only entries
// (clipboard roles, Quit, Reload) are left out: the browser has its own.
import type { RecentFile, Settings } from '../../shared/common/ipc';
import { CHOICE_COMMANDS, MENUS, tidySeparators, type MenuEntry } from '../../shared/common/commands/menus';
import { COMMANDS, shortcutLabel, type AppCommand } from '../../shared/common/commands/table';
import type { MenuDefinition, MenuItem } from './components/MenuBar';
import type { Translate } from './i18n';

export interface MenuState {
  t: Translate;
  mac: boolean;
  hasDocument: boolean;
  recent: RecentFile[];
  settings: Settings;
  treeOpen: boolean;
  signaturePanelOpen: boolean;
  run(command: AppCommand): void;
  openRecent(path: string): void;
}

export function browserMenus(state: MenuState): MenuDefinition[] {
  const { t } = state;
  const command = (id: AppCommand, extra: Partial<MenuItem> = {}): MenuItem => {
    const shortcut = COMMANDS[id].shortcuts?.[0];
    return { id, label: t(COMMANDS[id].labelKey), run: () => state.run(id), ...(shortcut ? { shortcut: shortcutLabel(shortcut, state.mac) } : {}), ...extra };
  };
  const toggles: Partial<Record<AppCommand, boolean>> = { 'view.tree': state.treeOpen, 'view.signature': state.signaturePanelOpen };
  const itemsOf = (entry: MenuEntry): (MenuItem | 'separator')[] => {
    switch (entry.kind) {
      case 'separator':
        return ['separator'];
      case 'command': {
        const checked = toggles[entry.command];
        return [command(entry.command, { ...(entry.needsDocument ? { disabled: !state.hasDocument } : {}), ...(checked !== undefined ? { checked } : {}) })];
      }
      case 'choices':
        return Object.entries(CHOICE_COMMANDS[entry.setting]).map(([value, id]) =>
          command(id, { label: `${t(entry.labelKey)}: ${t(COMMANDS[id].labelKey)}`, checked: state.settings[entry.setting] === value }),
        );
      case 'recent':
        return state.recent.slice(0, 8).map((recent) => ({ id: `recent:${recent.path}`, label: recent.path, run: () => state.openRecent(recent.path) }));
      case 'native':
        return [];
    }
  };
  return MENUS.map((menu) => ({ id: menu.id, label: t(menu.labelKey), items: tidySeparators(menu.entries.flatMap(itemsOf)) }));
}
