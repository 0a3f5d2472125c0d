import { once } from './once';
import type { TokenKind } from './types';

const NAME = once(() => /^[\p{L}\p{N}_@][\p{L}\p{N}._@-]{0,63}$/u);

/** Why a name cannot be used, or null if it can. Names are CLI arguments: no spaces, no leading dash. */
export function nameProblem(name: string): string | null {
  if (NAME().test(name)) return null;
  return 'Names are 1–64 letters, digits, ".", "_", "-" or "@", not starting with "-" or ".": pick another name.';
}

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // Zürich → zurich, not zu-rich
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** `acme-pat`, then `acme-pat-2`, `acme-pat-3`… whichever is free. */
export function suggestName(workspaceName: string | null, kind: TokenKind, taken: ReadonlySet<string>): string {
  const base = `${slug(workspaceName ?? '') || 'notion'}-${kind}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${String(n)}`)) return `${base}-${String(n)}`;
}
