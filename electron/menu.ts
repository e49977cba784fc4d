// The native menu, in the user's language: the template built from the app's menus and command
// table (menu-template.ts); every command is sent to the renderer, which owns the documents.
import { Menu, type BrowserWindow } from 'electron';
import { ELECTRON_EVENT_CHANNEL, type Settings } from '../shared/common/ipc';
import type { MessageKey } from '../shared/common/i18n/index';
import { nativeMenuTemplate } from './menu-template';

export function buildMenu(window: BrowserWindow, t: (key: MessageKey) => string, settings: Settings): Menu {
  return Menu.buildFromTemplate(nativeMenuTemplate({ t, settings, send: (command) => window.webContents.send(ELECTRON_EVENT_CHANNEL, 'menu.command', command) }));
}
