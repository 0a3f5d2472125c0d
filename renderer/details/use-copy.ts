import { useState } from 'react';
import type { CopyFormat } from '../../electron/common/ipc-contract';
import { useAction, type Action } from '../lib/use-action';

export interface Copy {
  action: Action;
  /** What the last copy did ("Copied; the clipboard is cleared in 30 s"), or null. */
  done: string | null;
  copy: (format: CopyFormat) => Promise<void>;
}

/** Main copies the secret and clears the clipboard later; the window never holds it. */
export function useCopy(entryId: string): Copy {
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const copy = async (format: CopyFormat): Promise<void> => {
    setDone(null);
    const outcome = await action.run(() => window.vault.vaultCopy(entryId, format));
    if (!outcome.ok) return;
    const ms = outcome.value;
    setDone(ms === null ? 'Copied' : `Copied; the clipboard is cleared in ${String(Math.round(ms / 1000))} s`);
  };
  return { action, done, copy };
}
