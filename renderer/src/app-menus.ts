// The in-page menu bar of the browser host, built from the same commands as Electron's native
// menu (electron/menu.ts): every item runs a MenuCommand, so both hosts behave alike.
import type { MenuCommand, RecentFile, Settings } from '../../shared/common/ipc';
import type { MenuDefinition, MenuItem } from './components/MenuBar';
import type { Translate } from './i18n';

export interface MenuState {
  t: Translate;
  /** "Ctrl+" or "⌘" */
  mod: string;
  hasDocument: boolean;
  recent: RecentFile[];
  settings: Settings;
  treeOpen: boolean;
  signaturePanelOpen: boolean;
  run(command: MenuCommand): void;
  openRecent(path: string): void;
  /** A Monaco editor action (undo, redo, select all). */
  editorAction(actionId: string): void;
}

const THEME_COMMANDS: Record<Settings['theme'], MenuCommand> = { system: 'view.themeSystem', light: 'view.themeLight', dark: 'view.themeDark' };
const LANGUAGE_COMMANDS: Record<Settings['language'], MenuCommand> = {
  system: 'view.languageSystem',
  en: 'view.languageEn',
  fr: 'view.languageFr',
  pt: 'view.languagePt',
};

export function browserMenus(state: MenuState): MenuDefinition[] {
  const { t, mod, hasDocument, run } = state;
  const command = (id: MenuCommand, labelKey: string, extra: Partial<MenuItem> = {}): MenuItem => ({ id, label: t(labelKey), run: () => run(id), ...extra });
  return [
    {
      id: 'file',
      label: t('menu.file'),
      items: [
        command('file.new', 'menu.file.new', { shortcut: 'Alt+N' }),
        command('file.newFromTemplate', 'menu.file.newFromTemplate'),
        command('file.open', 'menu.file.open', { shortcut: `${mod}O` }),
        'separator',
        command('file.save', 'menu.file.save', { shortcut: `${mod}S`, disabled: !hasDocument }),
        command('file.saveAs', 'menu.file.saveAs', { shortcut: `${mod}Shift+S`, disabled: !hasDocument }),
        command('file.sign', 'menu.file.sign', { shortcut: `${mod}Shift+G`, disabled: !hasDocument }),
        command('file.close', 'menu.file.close', { shortcut: 'Alt+W', disabled: !hasDocument }),
        ...(state.recent.length > 0 ? (['separator'] as const) : []),
        ...state.recent.slice(0, 8).map((entry) => ({ id: `recent:${entry.path}`, label: entry.path, run: () => state.openRecent(entry.path) })),
      ],
    },
    {
      id: 'edit',
      label: t('menu.edit'),
      items: [
        { id: 'edit.undo', label: t('menu.edit.undo'), shortcut: `${mod}Z`, disabled: !hasDocument, run: () => state.editorAction('undo') },
        { id: 'edit.redo', label: t('menu.edit.redo'), shortcut: `${mod}Y`, disabled: !hasDocument, run: () => state.editorAction('redo') },
        'separator',
        { id: 'edit.selectAll', label: t('menu.edit.selectAll'), shortcut: `${mod}A`, disabled: !hasDocument, run: () => state.editorAction('editor.action.selectAll') },
      ],
    },
    {
      id: 'view',
      label: t('menu.view'),
      items: [
        ...(Object.keys(THEME_COMMANDS) as Settings['theme'][]).map((value) => ({
          id: `theme.${value}`,
          label: `${t('menu.view.theme')}: ${t(`menu.view.theme.${value}`)}`,
          checked: state.settings.theme === value,
          run: () => run(THEME_COMMANDS[value]),
        })),
        'separator',
        command('view.tree', 'menu.view.tree', { checked: state.treeOpen }),
        command('view.signature', 'menu.view.signature', { checked: state.signaturePanelOpen }),
        command('view.website', 'menu.view.website'),
        'separator',
        ...(Object.keys(LANGUAGE_COMMANDS) as Settings['language'][]).map((value) => ({
          id: `language.${value}`,
          label: `${t('menu.view.language')}: ${value === 'system' ? t('menu.view.language.system') : t(`language.${value}`)}`,
          checked: state.settings.language === value,
          run: () => run(LANGUAGE_COMMANDS[value]),
        })),
      ],
    },
    { id: 'help', label: t('menu.help'), items: [command('help.about', 'menu.help.about')] },
  ];
}

/** The browser host's keyboard shortcuts (Electron's native menu has its own accelerators). */
export function shortcutCommand(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): MenuCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === 's') return event.shiftKey ? 'file.saveAs' : 'file.save';
  if (mod && key === 'o') return 'file.open';
  if (mod && event.shiftKey && key === 'g') return 'file.sign';
  if (event.altKey && key === 'n') return 'file.new';
  if (event.altKey && key === 'w') return 'file.close';
  return null;
}
