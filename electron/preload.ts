// The preload: exposes one object, `window.worksbook`, with one method per contract channel and
// two listeners. Nothing else from Electron or Node reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames } from '../shared/contract/index';
import type { StoreGateState } from '../shared/store-opening';
import {
  IPC_EVENT,
  IPC_MENU,
  IPC_PREFIX,
  IPC_STORE_STATE,
  IPC_TEAM_CLEAR,
  IPC_TEAM_SAVE,
  IPC_TEAM_STATE,
  IPC_UNLOCK,
} from './ipc-names';

const channels: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of channelNames) {
  channels[name] = (input: unknown) => ipcRenderer.invoke(`${IPC_PREFIX}${name}`, input);
}

contextBridge.exposeInMainWorld('worksbook', {
  channels,
  onEvent(listener: (event: unknown) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
  storeState: (): Promise<StoreGateState | null> => ipcRenderer.invoke(IPC_STORE_STATE),
  unlockStore: (text: string): Promise<{ ok: boolean; message?: string }> => ipcRenderer.invoke(IPC_UNLOCK, text),
  teamState: (): Promise<unknown> => ipcRenderer.invoke(IPC_TEAM_STATE),
  saveTeamConnection: (form: { address: string; login: string; password: string; tls: string }): Promise<unknown> =>
    ipcRenderer.invoke(IPC_TEAM_SAVE, form),
  clearTeamConnection: (): Promise<unknown> => ipcRenderer.invoke(IPC_TEAM_CLEAR),
  onMenuCommand(listener: (command: string) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string') listener(command);
    };
    ipcRenderer.on(IPC_MENU, wrapped);
    return () => ipcRenderer.removeListener(IPC_MENU, wrapped);
  },
});
