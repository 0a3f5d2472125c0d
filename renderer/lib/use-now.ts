import { useEffect, useState } from 'react';

/** The current time, refreshed every minute, so "checked 5 min ago" stays true while the window is open. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => { setNow(Date.now()); }, intervalMs);
    return () => { window.clearInterval(timer); };
  }, [intervalMs]);
  return now;
}
