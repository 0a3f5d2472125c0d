import { usageError } from '../core/errors';

/**
 * One `NAME='value'` line of a .env file. Single quotes are the one quoting that POSIX shells
 * (`set -a; . ./.env`) and dotenv parsers (Node's --env-file, dotenv, Docker Compose) all read
 * literally: no `$(…)`, backticks or `$VAR` run or expand. python-dotenv alone reads `\\` and `\'`
 * inside them as escapes, so a value any of these would not read back as written is refused
 * rather than quoted some other way.
 */
export function dotenvLine(name: string, value: string): string {
  const why = unsafeInQuotes(value);
  if (why !== null) throw usageError(`This token ${why}, which a .env file cannot hold so that shells and dotenv parsers read it back unchanged: use --format env or json, or notion-vault run.`);
  return `${name}='${value}'\n`;
}

function unsafeInQuotes(value: string): string | null {
  if (value.includes("'")) return 'holds a single quote';
  if (/[^\x20-\x7e]/.test(value)) return 'holds a line break or another character outside printable ASCII';
  if (value.includes('\\\\')) return 'holds two backslashes in a row';
  if (value.endsWith('\\')) return 'ends with a backslash';
  return null;
}
