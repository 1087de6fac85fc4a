// The Electron main process: one hardened window, the menu, and the backend in a utility
// process. It holds no business logic and never opens the store itself.
import path from 'node:path';
import fs from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, net } from 'electron';
import { pathToFileURL } from 'node:url';
import { channelNames } from '../shared/contract/index';
import { contentSecurityPolicy } from '../shared/csp';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedExternalUrl, isAppUrl, mainWindowOptions } from './window-options';
import { IPC_EVENT, IPC_PREFIX } from './ipc-names';
import { buildMenu } from './menu';
import { startBackendHost, type BackendHost } from './backend-host';
import { loadOrCreateStoreKey } from './store-key';

const STORE_FILE = 'worksbook.sqlite';
let mainWindow: BrowserWindow | null = null;
let backend: BackendHost | null = null;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Worksbook could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}

function serveRenderer(): void {
  const root = path.join(__dirname, '..', 'renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = path.resolve(root, decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy({ connectSelf: false }));
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** Every IPC message must come from the app's own page in the main window's top frame. */
function isTrustedSender(frame: Electron.WebFrameMain | null): boolean {
  return !!frame && !!mainWindow && frame === mainWindow.webContents.mainFrame && isAppUrl(frame.url);
}

function registerIpc(host: BackendHost): void {
  for (const name of channelNames) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return { ok: false, error: { kind: 'forbidden', message: 'Unexpected sender.' } };
      return host.call(`window-${event.sender.id}`, name, input);
    });
  }
}

async function start(): Promise<void> {
  hardenSessions();
  serveRenderer();
  const userData = app.getPath('userData');
  const storeFile = process.env.WORKSBOOK_DB ? path.resolve(process.env.WORKSBOOK_DB) : path.join(userData, STORE_FILE);
  const key = loadOrCreateStoreKey(userData);
  backend = await startBackendHost(path.join(__dirname, 'backend.cjs'), storeFile, key, (event) => {
    mainWindow?.webContents.send(IPC_EVENT, event);
  });
  registerIpc(backend);
  Menu.setApplicationMenu(buildMenu(() => mainWindow));

  mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(APP_ENTRY_URL);
}

app.on('window-all-closed', async () => {
  await backend?.close();
  backend = null;
  app.quit();
});
