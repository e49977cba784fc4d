// The one table of the app's commands: what each is called and which keys run it. The menus
// (menus.ts: the browser host's menu bar and Electron's native menu) and the keyboard shortcuts
// (commandForKey) all read it; the renderer's App supplies one handler per command (a missing
// handler is a compile error).
import type { MenuCommand } from '../ipc';
import type { MessageKey } from '../i18n/index';

/** Every command of the app; a native menu sends them to the renderer (ipc.ts, 'menu.command'). */
export type AppCommand = MenuCommand;

export interface Shortcut {
  key: string;
  /** Ctrl (Cmd on macOS). */
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface CommandInfo {
  labelKey: MessageKey;
  shortcuts?: readonly Shortcut[];
  /**
   * The XML editor (Monaco) handles these keys itself; the app runs the command only when the
   * focus is elsewhere (form, tree, a button) — and then in the desktop host too, whose native
   * menu would otherwise undo only inside the focused text box.
   */
  outsideEditorOnly?: boolean;
}

export const COMMANDS: Readonly<Record<AppCommand, CommandInfo>> = {
  'file.new': { labelKey: 'menu.file.new', shortcuts: [{ key: 'n', alt: true }] },
  'file.newFromTemplate': { labelKey: 'menu.file.newFromTemplate' },
  'file.open': { labelKey: 'menu.file.open', shortcuts: [{ key: 'o', mod: true }] },
  'file.save': { labelKey: 'menu.file.save', shortcuts: [{ key: 's', mod: true }] },
  'file.saveAs': { labelKey: 'menu.file.saveAs', shortcuts: [{ key: 's', mod: true, shift: true }] },
  'file.sign': { labelKey: 'menu.file.sign', shortcuts: [{ key: 'g', mod: true, shift: true }] },
  'file.close': { labelKey: 'menu.file.close', shortcuts: [{ key: 'w', alt: true }] },
  'edit.undo': { labelKey: 'menu.edit.undo', shortcuts: [{ key: 'z', mod: true }], outsideEditorOnly: true },
  'edit.redo': { labelKey: 'menu.edit.redo', shortcuts: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], outsideEditorOnly: true },
  'edit.selectAll': { labelKey: 'menu.edit.selectAll' },
  'edit.settings': { labelKey: 'menu.edit.settings', shortcuts: [{ key: ',', mod: true }] },
  'view.tree': { labelKey: 'menu.view.tree' },
  'view.signature': { labelKey: 'menu.view.signature' },
  'view.website': { labelKey: 'menu.view.website' },
  'view.themeSystem': { labelKey: 'menu.view.theme.system' },
  'view.themeLight': { labelKey: 'menu.view.theme.light' },
  'view.themeDark': { labelKey: 'menu.view.theme.dark' },
  'view.languageSystem': { labelKey: 'menu.view.language.system' },
  'view.languageEn': { labelKey: 'language.en' },
  'view.languageFr': { labelKey: 'language.fr' },
  'view.languagePt': { labelKey: 'language.pt' },
  'help.about': { labelKey: 'menu.help.about' },
};

/** Electron's accelerator for a shortcut: "CmdOrCtrl+Shift+S", "Alt+N". */
export function acceleratorOf(shortcut: Shortcut): string {
  return [shortcut.mod && 'CmdOrCtrl', shortcut.alt && 'Alt', shortcut.shift && 'Shift', shortcut.key.toUpperCase()].filter(Boolean).join('+');
}

/** "Ctrl+Shift+S", or "⌘⇧S" on macOS. */
export function shortcutLabel(shortcut: Shortcut, mac: boolean): string {
  const key = shortcut.key.toUpperCase();
  if (mac) return `${shortcut.alt ? '⌥' : ''}${shortcut.shift ? '⇧' : ''}${shortcut.mod ? '⌘' : ''}${key}`;
  return [shortcut.mod && 'Ctrl', shortcut.alt && 'Alt', shortcut.shift && 'Shift', key].filter(Boolean).join('+');
}

/** What a key press says (the fields of a DOM KeyboardEvent that matter here). */
interface KeyFacts {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

function matches(shortcut: Shortcut, event: KeyFacts): boolean {
  return (
    event.key.toLowerCase() === shortcut.key &&
    (event.ctrlKey || event.metaKey) === !!shortcut.mod &&
    event.shiftKey === !!shortcut.shift &&
    event.altKey === !!shortcut.alt
  );
}

/**
 * The command a key press runs. `inXmlEditor`: the focus is in Monaco, which keeps its own keys;
 * `nativeMenu`: the host's native menu has the accelerators (only outside-editor commands remain).
 */
export function commandForKey(event: KeyFacts, where: { inXmlEditor: boolean; nativeMenu: boolean }): AppCommand | null {
  for (const [id, info] of Object.entries(COMMANDS) as [AppCommand, CommandInfo][]) {
    if (!info.shortcuts?.some((shortcut) => matches(shortcut, event))) continue;
    if (info.outsideEditorOnly ? where.inXmlEditor : where.nativeMenu) continue;
    return id;
  }
  return null;
}

/** The letters Alt+letter already runs as a shortcut: the menu bar's mnemonics avoid them. */
export function altShortcutLetters(): Set<string> {
  const letters = new Set<string>();
  for (const info of Object.values(COMMANDS)) for (const shortcut of info.shortcuts ?? []) if (shortcut.alt && !shortcut.mod) letters.add(shortcut.key);
  return letters;
}
