import { useCallback, useEffect, useState } from 'react';
import type { ClipboardPeek } from '../../electron/common/ipc-contract';

/**
 * Whether the clipboard holds a token, asked of main when the paste step opens and whenever the
 * window gains focus (the person copied the token in the browser and came back). Main reads the
 * clipboard; the window learns only "a token, ntn_…a1b2".
 */
export function useClipboardPeek(): { peek: ClipboardPeek | null; dismiss: () => void } {
  const [peek, setPeek] = useState<ClipboardPeek | null>(null);
  useEffect(() => {
    let live = true;
    const look = (): void => {
      window.vault.clipboardPeek().then(
        (seen) => { if (live) setPeek(seen.token ? seen : null); },
        () => undefined, // a hint only: no clipboard, no offer
      );
    };
    look();
    window.addEventListener('focus', look);
    return () => {
      live = false;
      window.removeEventListener('focus', look);
    };
  }, []);
  const dismiss = useCallback(() => { setPeek(null); }, []);
  return { peek, dismiss };
}
