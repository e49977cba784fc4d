// The native menu, in the user's language, with the usual keyboard shortcuts. Menu items that act
// on documents are forwarded to the renderer, which owns the documents.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { ELECTRON_EVENT_CHANNEL, type MenuCommand, type Settings } from '../shared/common/ipc';
import type { MessageKey } from '../shared/common/i18n/index';

export function buildMenu(window: BrowserWindow, t: (key: MessageKey) => string, settings: Settings): Menu {
  const send = (command: MenuCommand) => () => window.webContents.send(ELECTRON_EVENT_CHANNEL, 'menu.command', command);
  const radio = (labelKey: MessageKey, checked: boolean, command: MenuCommand): MenuItemConstructorOptions => ({
    label: t(labelKey),
    type: 'radio',
    checked,
    click: send(command),
  });
  const template: MenuItemConstructorOptions[] = [
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.file.new'), accelerator: 'CmdOrCtrl+N', click: send('file.new') },
        { label: t('menu.file.newFromTemplate'), accelerator: 'CmdOrCtrl+Shift+N', click: send('file.newFromTemplate') },
        { label: t('menu.file.open'), accelerator: 'CmdOrCtrl+O', click: send('file.open') },
        { type: 'separator' },
        { label: t('menu.file.save'), accelerator: 'CmdOrCtrl+S', click: send('file.save') },
        { label: t('menu.file.saveAs'), accelerator: 'CmdOrCtrl+Shift+S', click: send('file.saveAs') },
        { type: 'separator' },
        { label: t('menu.file.sign'), accelerator: 'CmdOrCtrl+Shift+G', click: send('file.sign') },
        { type: 'separator' },
        { label: t('menu.file.close'), accelerator: 'CmdOrCtrl+W', click: send('file.close') },
        { label: t('menu.file.quit'), role: 'quit' },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { label: t('menu.edit.undo'), role: 'undo' },
        { label: t('menu.edit.redo'), role: 'redo' },
        { type: 'separator' },
        { label: t('menu.edit.cut'), role: 'cut' },
        { label: t('menu.edit.copy'), role: 'copy' },
        { label: t('menu.edit.paste'), role: 'paste' },
        { label: t('menu.edit.selectAll'), role: 'selectAll' },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        {
          label: t('menu.view.theme'),
          submenu: [
            radio('menu.view.theme.system', settings.theme === 'system', 'view.themeSystem'),
            radio('menu.view.theme.light', settings.theme === 'light', 'view.themeLight'),
            radio('menu.view.theme.dark', settings.theme === 'dark', 'view.themeDark'),
          ],
        },
        {
          label: t('menu.view.language'),
          submenu: [
            radio('menu.view.language.system', settings.language === 'system', 'view.languageSystem'),
            radio('language.en', settings.language === 'en', 'view.languageEn'),
            radio('language.fr', settings.language === 'fr', 'view.languageFr'),
            radio('language.pt', settings.language === 'pt', 'view.languagePt'),
          ],
        },
        { label: t('menu.view.tree'), click: send('view.tree') },
        { label: t('menu.view.signature'), click: send('view.signature') },
        { label: t('menu.view.website'), click: send('view.website') },
        { type: 'separator' },
        { label: t('menu.view.reload'), role: 'reload' },
        { label: t('menu.view.devTools'), role: 'toggleDevTools' },
      ],
    },
    { label: t('menu.help'), submenu: [{ label: t('menu.help.about'), click: send('help.about') }] },
  ];
  return Menu.buildFromTemplate(template);
}
