import type { VaultApi } from '../electron/common/ipc-contract';

// The window's only way to main: the preload exposes the typed IPC contract as `window.vault`.
declare global {
  interface Window {
    vault: VaultApi;
  }
}
