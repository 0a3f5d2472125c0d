import { usageError } from './errors';

export type Clock = () => Date;

/** The wall clock, or the one `NOTION_VAULT_NOW` sets (tests, previewing warnings). */
export function clockFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Clock {
  const fixed = env.NOTION_VAULT_NOW;
  if (!fixed) return () => new Date();
  const at = Date.parse(fixed);
  if (Number.isNaN(at)) {
    throw usageError('NOTION_VAULT_NOW is not a date: use ISO 8601, e.g. 2026-05-01T09:00:00Z, or unset it.');
  }
  return () => new Date(at);
}
