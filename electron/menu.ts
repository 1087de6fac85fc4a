// The application menu: the usual shortcuts, and "Go" entries that tell the window to navigate.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { IPC_MENU, type MenuCommand } from './ipc-names';

export function buildMenu(getWindow: () => BrowserWindow | null): Menu {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(IPC_MENU, command);
  const go = (label: string, accelerator: string, command: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: send(command),
  });
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
      // The window's own keys (Alt+1 to Alt+8, renderer/app/routes.tsx), shown here and handled
      // there (registerAccelerator: false), so the menu and the window never disagree.
      submenu: [
        go('Participants', 'Alt+1', 'go-participants'),
        go('Courses', 'Alt+2', 'go-courses'),
        go('Vacancies', 'Alt+3', 'go-vacancies'),
        go('Placements && outcomes', 'Alt+4', 'go-outcomes'),
        go('Returns', 'Alt+5', 'go-returns'),
        go('Imports', 'Alt+6', 'go-imports'),
        go('Settings', 'Alt+7', 'go-settings'),
        go('Events', 'Alt+8', 'go-events'),
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
    {
      label: '&Help',
      submenu: [go('Keyboard shortcuts', 'F1', 'shortcuts')],
    },
  ];
  return Menu.buildFromTemplate(template);
}
