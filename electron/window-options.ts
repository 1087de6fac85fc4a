// The main window's options, kept apart from main.ts so a test can check the hardening without
// starting Electron. Changing any of these weakens the sandbox: don't.
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://worksbook`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** `isPackaged`: an installed build never opens DevTools, whatever the environment says (a
 * colleague's shell variable must not open the console onto people's records). */
export function mainWindowOptions(
  preloadPath: string,
  { isPackaged }: { isPackaged: boolean },
): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Worksbook',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in new windows; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
      devTools: !isPackaged && process.env.WORKSBOOK_DEVTOOLS === '1',
    },
  };
}

/** Only the app's own pages may load in the window. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'worksbook';
  } catch {
    return false;
  }
}

/** Links the app may open in the user's browser: https on these hosts only. */
export const EXTERNAL_ALLOW_LIST = ['www.gov.uk', 'www.cscs.uk.com', 'www.citb.co.uk', 'www.stevenage.gov.uk'];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_ALLOW_LIST.includes(u.host);
  } catch {
    return false;
  }
}
