import { useEffect, useState } from 'react';

// Main's clock, as the window reads it: main counts days left and statuses with its own clock
// (NOTION_VAULT_NOW in tests and previews), so "today", "5 min ago" and a PAT's "created today"
// in the window must come from the same one. Main says once what its clock reads; the window
// keeps the difference and runs on from there.

let offset = 0;
let asked: Promise<void> | null = null;

/** Asks main for its clock, once per page (main.tsx asks early, with the entries). */
export function syncClock(): Promise<void> {
  asked ??= window.vault.appInfo().then(
    (info) => { offset = Date.parse(info.now) - Date.now(); },
    () => undefined, // main always answers app:info; were it not to, the window's own clock is the best left
  );
  return asked;
}

/** Main's clock now, in ms (the window's until main has said). */
export function vaultNow(): number {
  return Date.now() + offset;
}

/** Main's clock, refreshed every minute, so "checked 5 min ago" stays true while the window is open. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(vaultNow);
  useEffect(() => {
    let live = true;
    void syncClock().then(() => { if (live) setNow(vaultNow()); });
    const timer = window.setInterval(() => { setNow(vaultNow()); }, intervalMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
