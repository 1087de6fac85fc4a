// IPC channel names between preload and main. One per contract channel ("wb:<channel>"), plus
// the backend's event stream and the menu's commands. No generic pass-through channel exists.
export const IPC_PREFIX = 'wb:';
export const IPC_EVENT = 'wb-event';
export const IPC_MENU = 'wb-menu';
/** Is the store waiting, and unlock it: with a passphrase (no secure keychain) or its recovery key
 * (the keychain has no key for it). */
export const IPC_STORE_STATE = 'wb-store-state';
export const IPC_UNLOCK = 'wb-unlock';
export const menuCommands = [
  'go-participants',
  'go-courses',
  'go-vacancies',
  'go-outcomes',
  'go-returns',
  'go-imports',
  'go-events',
  'go-settings',
  'new-participant',
  'find',
  'import-file',
  'shortcuts',
] as const;
export type MenuCommand = (typeof menuCommands)[number];
/** The team database connection kept in the keychain (electron/team-connection.ts): its state
 * (address without password), save, and forget (back to this computer's own data file). */
export const IPC_TEAM_STATE = 'wb-team-state';
export const IPC_TEAM_SAVE = 'wb-team-save';
export const IPC_TEAM_CLEAR = 'wb-team-clear';
