import { normalizeTokenText, redactToken } from '../../electron/common/token-text';

/** What the paste field says as the person types or pastes. Never holds the secret: only its redacted form. */
export type PasteFeedback = { ok: false; message: string } | { ok: true; redacted: string; removed: string | null };

export function pasteFeedback(text: string): PasteFeedback | null {
  if (text === '') return null;
  const result = normalizeTokenText(text);
  if (!result.ok) return { ok: false, message: result.message };
  const trimmed = text.trim();
  return { ok: true, redacted: redactToken(result.token), removed: result.token === trimmed ? null : wrappersOf(trimmed) };
}

/** Names the wrappers normalization removed ("NOTION_TOKEN=, quotes"): fixed words, never a part of the text but an env-style variable name. */
function wrappersOf(text: string): string {
  const found: string[] = [];
  const json = text.startsWith('{') || /^"[^"]*"\s*:/.test(text);
  const assignment = /^(?:export\s+|set\s+|\$env:)?([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(text)?.[1];
  if (json) found.push('the JSON');
  else if (assignment !== undefined) found.push(/^[A-Z][A-Z0-9_]{0,39}$/.test(assignment) ? `${assignment}=` : 'the variable assignment');
  if (/(?:^|["'\s=:])(?:authorization\s*:|bearer\s)/i.test(text)) found.push('the Bearer prefix');
  if (!json && /["'`\u2018\u2019\u201C\u201D]/.test(text)) found.push('quotes');
  if (found.length === 0) return 'invisible characters';
  return found.length === 1 ? (found[0] ?? '') : `${found.slice(0, -1).join(', ')} and ${found.at(-1) ?? ''}`;
}
