// Electron main process: windows, menus, dialogs and the IPC binding of shared/node/host.ts.
// Kept thin on purpose; everything it calls also runs (and is tested) in plain Node.
//
// Security settings (listed in the README): global sandbox, context isolation, no Node
// integration, a strict CSP on every response of the app:// protocol, navigation and new
// windows denied, permission requests denied, webviews refused, and a trusted-sender check on
// every IPC call.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, HostError, isChannel, type FileDialogRequest, type HostHandlers, type InvokeEnvelope } from '../shared/common/ipc';
import { resolveLanguage, translate } from '../shared/common/i18n/index';
import { RENDERER_CSP } from '../shared/node/content-security-policy';
import { createHostHandlers, dispatch } from '../shared/node/host';
import { buildMenu } from './menu';
import { OpenRequests, filesFromArgv } from './launch-files';
import { askSecretInWindow } from './secret-prompt';
import { SecretQuestions } from '../shared/node/secret-prompt/questions';

const APP_SCHEME = 'app';
const APP_ORIGIN = `${APP_SCHEME}://renderer`;
const RENDERER_DIRECTORY = path.join(__dirname, '..', 'renderer');

app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;

// One app, one window: a second launch hands its files to this one and quits. Files come from the
// command line, from a second launch's argv and from macOS' open-file (a file association); each
// opens in a tab of the running window (launch-files.ts holds them until the page has loaded).
const isPrimaryInstance = app.requestSingleInstanceLock();
const openRequests = new OpenRequests();
const launchContext = (cwd: string) => ({ cwd, defaultApp: process.defaultApp === true });
if (!isPrimaryInstance) {
  app.quit();
} else {
  openRequests.add(filesFromArgv(process.argv, launchContext(process.cwd())));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openRequests.add(filesFromArgv(argv, launchContext(workingDirectory)));
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  // macOS sends open-file before 'ready' for the file that launched the app: registered here, at once.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openRequests.add([filePath]);
  });
}

function serveRendererFile(request: Request): Promise<Response> | Response {
  const { pathname } = new URL(request.url);
  const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const filePath = path.resolve(RENDERER_DIRECTORY, '.' + relative);
  if (!filePath.startsWith(RENDERER_DIRECTORY + path.sep)) return new Response('Not found', { status: 404 });
  return net.fetch(pathToFileURL(filePath).toString()).then((response) => {
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frameUrl = event.senderFrame?.url ?? '';
  return mainWindow !== null && event.sender === mainWindow.webContents && frameUrl.startsWith(`${APP_ORIGIN}/`);
}

async function chooseFileNatively(request: FileDialogRequest): Promise<{ path: string | null }> {
  if (!mainWindow) return { path: null };
  const filters = [request.filter ?? { name: 'XML', extensions: ['xml'] }, { name: '*', extensions: ['*'] }];
  if (request.purpose === 'open') {
    const result = await dialog.showOpenDialog(mainWindow, { properties: ['openFile'], filters, ...(request.defaultPath ? { defaultPath: request.defaultPath } : {}) });
    return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
  }
  const result = await dialog.showSaveDialog(mainWindow, { filters, ...(request.defaultPath ? { defaultPath: request.defaultPath } : {}) });
  return { path: result.canceled ? null : (result.filePath ?? null) };
}

async function refreshMenu(handlers: HostHandlers): Promise<void> {
  if (!mainWindow) return;
  const settings = await handlers['settings.get']();
  const language = resolveLanguage(settings.language, app.getPreferredSystemLanguages());
  Menu.setApplicationMenu(buildMenu(mainWindow, (key) => translate(language, key), settings));
}

async function createWindow(handlers: HostHandlers): Promise<void> {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Provisioning Studio',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
    openRequests.disconnect();
    // The window's session ends: every key store locks again.
    void handlers['signing.lock']({});
  });
  await refreshMenu(handlers);
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  const contents = mainWindow.webContents;
  openRequests.connect((filePath) => contents.send(ELECTRON_EVENT_CHANNEL, 'file.openRequested', { path: filePath }));
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The renderer cancels unload while documents are unsaved; ask the user natively.
  contents.on('will-prevent-unload', (event) => {
    const window = BrowserWindow.fromWebContents(contents);
    if (!window) return;
    const settingsLanguage = resolveLanguage('system', app.getPreferredSystemLanguages());
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: [translate(settingsLanguage, 'confirm.unsaved.discard'), translate(settingsLanguage, 'confirm.cancel')],
      defaultId: 1,
      cancelId: 1,
      message: translate(settingsLanguage, 'confirm.unsaved.title'),
    });
    if (choice === 0) event.preventDefault();
  });
});

void app.whenReady().then(async () => {
  if (!isPrimaryInstance) return;
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, serveRendererFile);

  const packageJson = JSON.parse(await fs.readFile(path.join(app.getAppPath(), 'package.json'), 'utf8')) as { version: string };
  let language = resolveLanguage('system', app.getPreferredSystemLanguages());
  const secretQuestions = new SecretQuestions();
  const askSecret = askSecretInWindow(
    () => mainWindow,
    () => ({
      title: translate(language, 'app.name'),
      label: (request) =>
        translate(language, 'secret.promptLabel', { secret: translate(language, request.kind === 'pin' ? 'secret.pin' : 'secret.password'), target: request.target }),
      ok: translate(language, 'error.ok'),
      cancel: translate(language, 'confirm.cancel'),
    }),
    secretQuestions,
  );
  const handlers = createHostHandlers({
    dataDirectory: app.getPath('userData'),
    kind: 'electron',
    version: packageJson.version,
    chooseFile: chooseFileNatively,
    askSecret,
    secretQuestions,
    secretPrompt: 'window',
  });
  language = resolveLanguage((await handlers['settings.get']()).language, app.getPreferredSystemLanguages());

  ipcMain.handle(ELECTRON_INVOKE_CHANNEL, async (event, channel: unknown, request: unknown): Promise<InvokeEnvelope<unknown>> => {
    if (!isTrustedSender(event) || !isChannel(channel)) {
      return { ok: false, error: new HostError('host.unauthorized', 'error.host.unauthorized').toPayload() };
    }
    try {
      const result = await dispatch(handlers, channel, request);
      if (channel === 'settings.update') {
        language = resolveLanguage((await handlers['settings.get']()).language, app.getPreferredSystemLanguages());
        await refreshMenu(handlers);
      }
      return { ok: true, result };
    } catch (error) {
      const hostError = error instanceof HostError ? error : new HostError('unexpected', 'error.unexpected', { detail: String(error) });
      return { ok: false, error: hostError.toPayload() };
    }
  });

  await createWindow(handlers);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(handlers);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
