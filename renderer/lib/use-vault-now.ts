import { useEffect, useState } from 'react';
import { useNow } from './use-now';

/** How far main's clock is from the window's: 0 in real use, NOTION_VAULT_NOW's shift in tests and previews. Asked once per page. */
let offset: Promise<number> | null = null;

function clockOffset(): Promise<number> {
  offset ??= window.vault.appInfo().then(
    (info) => Date.parse(info.now) - Date.now(),
    () => 0, // main always answers app:info; were it to fail, the window's clock is the best left
  );
  return offset;
}

/**
 * Main's clock, running on from where main said it was, refreshed every minute; null until main
 * has said. Main counts days left and statuses with its clock: what the window draws against
 * "today" must use the same one.
 */
export function useVaultNow(): number | null {
  const now = useNow();
  const [shift, setShift] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void clockOffset().then((value) => { if (live) setShift(value); });
    return () => { live = false; };
  }, []);
  return shift === null ? null : now + shift;
}
