// Where the app keeps its data file when none is given: the same folder Electron's
// app.getPath('userData') uses for "Worksbook", so the CLI and the app open the same store.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Worksbook';
export const STORE_FILE_NAME = 'worksbook.sqlite';

export function defaultDataDir(): string {
  if (process.env.WORKSBOOK_DATA_DIR) return path.resolve(process.env.WORKSBOOK_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_NAME);
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
  }
}

export function defaultStorePath(): string {
  return path.join(defaultDataDir(), STORE_FILE_NAME);
}
