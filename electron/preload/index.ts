import { contextBridge } from 'electron';
import { buildApi } from './ipc';

// The window gets the contract's functions and nothing else: no ipcRenderer, no Node.
contextBridge.exposeInMainWorld('vault', buildApi());
