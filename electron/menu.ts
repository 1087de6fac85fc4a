// The application menu: the usual shortcuts, and "Go" entries that tell the window to navigate.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { IPC_MENU, type MenuCommand } from './ipc-names';

export function buildMenu(getWindow: () => BrowserWindow | null): Menu {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(IPC_MENU, command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New participant', accelerator: 'CmdOrCtrl+N', click: send('new-participant') },
        { label: 'Import partner file…', accelerator: 'CmdOrCtrl+I', click: send('import-file') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find participant', accelerator: 'CmdOrCtrl+F', click: send('find') },
      ],
    },
    {
      label: '&Go',
      submenu: [
        { label: 'Participants', accelerator: 'CmdOrCtrl+1', click: send('go-participants') },
        { label: 'Courses', accelerator: 'CmdOrCtrl+2', click: send('go-courses') },
        { label: 'Vacancies', accelerator: 'CmdOrCtrl+3', click: send('go-vacancies') },
        { label: 'Placements && outcomes', accelerator: 'CmdOrCtrl+4', click: send('go-outcomes') },
        { label: 'Returns', accelerator: 'CmdOrCtrl+5', click: send('go-returns') },
        { label: 'Imports', accelerator: 'CmdOrCtrl+6', click: send('go-imports') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: send('go-settings') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
