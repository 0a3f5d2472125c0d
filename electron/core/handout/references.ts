import { nameProblem } from '../../common/names';
import { usageError } from '../errors';

// Secret references, as 1Password's `op://` and `op run`/`op inject` have them: a file or an
// environment names a token instead of holding it, so it can be committed. `notion-vault://NAME`
// is the access token of the entry NAME; `notion-vault://` (no name) the folder's default entry
// (its link, or the only entry). Refresh tokens are never handed out, so there is no field for one.

export const SCHEME = 'notion-vault://';

/** A reference as written; `name` null for the folder's default entry. */
export interface Reference {
  text: string;
  name: string | null;
}

/** `{{ notion-vault://NAME }}` in a template, spaces inside the braces optional. */
const IN_TEMPLATE = /\{\{\s*(notion-vault:\/\/[^\s{}]*)\s*\}\}/g;
/** Anything in a template that starts like a reference: each must be a whole, valid one. */
const LOOKS_LIKE = /\{\{\s*notion-vault:/g;

/** The reference an environment value is, when it is one as a whole; a value that only contains the prefix is left alone. */
export function envReference(value: string): Reference | null {
  return value.startsWith(SCHEME) ? parseReference(value) : null;
}

/** Every reference in a template, in order; a malformed one is a usage error naming its line. */
export function templateReferences(template: string): { reference: Reference; start: number; end: number }[] {
  const found: { reference: Reference; start: number; end: number }[] = [];
  const starts = new Set<number>();
  for (const match of template.matchAll(IN_TEMPLATE)) {
    found.push({ reference: parseReference(match[1] ?? ''), start: match.index, end: match.index + match[0].length });
    starts.add(match.index);
  }
  for (const match of template.matchAll(LOOKS_LIKE)) {
    if (!starts.has(match.index)) throw usageError(`Line ${String(lineOf(template, match.index))} has a malformed reference: write {{ notion-vault://NAME }}.`);
  }
  return found;
}

/** `notion-vault://NAME`; NAME as entry names are (names.ts), or empty for the default entry. */
export function parseReference(text: string): Reference {
  const rest = text.slice(SCHEME.length);
  const [name = '', field, ...more] = rest.split('/');
  if (field !== undefined && /^refresh(?:[_-]?token)?$/i.test(field) && more.length === 0) {
    throw usageError(`${SCHEME}${shown(name)}/${shown(field)}: refresh tokens are never handed out; refer to the entry (${SCHEME}${shown(name)}) for its access token.`);
  }
  if (field !== undefined || (name !== '' && nameProblem(name) !== null)) {
    throw usageError(`"${shown(text)}" is not a reference: write ${SCHEME}NAME with the name of a stored token (see notion-vault list).`);
  }
  return { text, name: name === '' ? null : name };
}

const shown = (text: string): string => text.slice(0, 80);
const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;
