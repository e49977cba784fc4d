// The in-page menu bar of the browser host, built from the command table (commands.ts): every
// item runs an AppCommand, with the label and shortcut the table gives, so menus and keys agree.
import type { RecentFile, Settings } from '../../shared/common/ipc';
import { COMMANDS, shortcutLabel, type AppCommand } from './commands';
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

const THEME_COMMANDS: Record<Settings['theme'], AppCommand> = { system: 'view.themeSystem', light: 'view.themeLight', dark: 'view.themeDark' };
const LANGUAGE_COMMANDS: Record<Settings['language'], AppCommand> = {
  system: 'view.languageSystem',
  en: 'view.languageEn',
  fr: 'view.languageFr',
  pt: 'view.languagePt',
};

export function browserMenus(state: MenuState): MenuDefinition[] {
  const { t, hasDocument } = state;
  const command = (id: AppCommand, extra: Partial<MenuItem> = {}): MenuItem => {
    const shortcut = COMMANDS[id].shortcuts?.[0];
    return { id, label: t(COMMANDS[id].labelKey), run: () => state.run(id), ...(shortcut ? { shortcut: shortcutLabel(shortcut, state.mac) } : {}), ...extra };
  };
  const needsDocument = { disabled: !hasDocument };
  return [
    {
      id: 'file',
      label: t('menu.file'),
      items: [
        command('file.new'),
        command('file.newFromTemplate'),
        command('file.open'),
        'separator',
        command('file.save', needsDocument),
        command('file.saveAs', needsDocument),
        command('file.sign', needsDocument),
        command('file.close', needsDocument),
        ...(state.recent.length > 0 ? (['separator'] as const) : []),
        ...state.recent.slice(0, 8).map((entry) => ({ id: `recent:${entry.path}`, label: entry.path, run: () => state.openRecent(entry.path) })),
      ],
    },
    {
      id: 'edit',
      label: t('menu.edit'),
      items: [command('edit.undo', needsDocument), command('edit.redo', needsDocument), 'separator', command('edit.selectAll', needsDocument)],
    },
    {
      id: 'view',
      label: t('menu.view'),
      items: [
        ...(Object.keys(THEME_COMMANDS) as Settings['theme'][]).map((value) =>
          command(THEME_COMMANDS[value], { label: `${t('menu.view.theme')}: ${t(COMMANDS[THEME_COMMANDS[value]].labelKey)}`, checked: state.settings.theme === value }),
        ),
        'separator',
        command('view.tree', { checked: state.treeOpen }),
        command('view.signature', { checked: state.signaturePanelOpen }),
        command('view.website'),
        'separator',
        ...(Object.keys(LANGUAGE_COMMANDS) as Settings['language'][]).map((value) =>
          command(LANGUAGE_COMMANDS[value], { label: `${t('menu.view.language')}: ${t(COMMANDS[LANGUAGE_COMMANDS[value]].labelKey)}`, checked: state.settings.language === value }),
        ),
      ],
    },
    { id: 'help', label: t('menu.help'), items: [command('help.about')] },
  ];
}
