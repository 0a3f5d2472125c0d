import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// After the whole suite: no CLI or harness output, notify-send argument, vault.json or access log
// a test produced holds a raw ESC, BEL, NUL or bidi override (issue 11: text from outside reaches
// no terminal, file or window raw). Scoped to what the vault writes and prints: tests also write
// garbage on purpose (corrupt copies, fixtures), and a JSON line escapes C0 by itself, so
// outputs are checked in the strings they decode to.

// eslint-disable-next-line no-control-regex -- finding these is the point
const RAW = /[\u0000\u0007\u001b\u009b\u202a-\u202e\u2066-\u2069]/u;

/** `file: what` for each written artifact holding a raw control; empty when clean. */
export function findRawControls(root: string): string[] {
  const found: string[] = [];
  for (const file of regularFiles(root)) {
    const name = basename(file);
    if (name === 'outputs.jsonl' || name === 'calls.jsonl') {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line === '') continue;
        const hit = rawIn(JSON.parse(line) as unknown);
        if (hit !== null) found.push(`${file}: ${hit}`);
      }
    } else if (name === 'vault.json' || name === 'access.log') {
      const hit = describe(readFileSync(file, 'utf8'));
      if (hit !== null) found.push(`${file}: ${hit}`);
    }
  }
  return found;
}

function rawIn(value: unknown): string | null {
  if (typeof value === 'string') return describe(value);
  if (Array.isArray(value)) return value.map(rawIn).find((hit) => hit !== null) ?? null;
  if (typeof value === 'object' && value !== null) return Object.values(value).map(rawIn).find((hit) => hit !== null) ?? null;
  return null;
}

function describe(text: string): string | null {
  const match = RAW.exec(text);
  if (match === null) return null;
  const code = (match[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0');
  return `raw U+${code} in ${JSON.stringify(text.slice(Math.max(0, match.index - 40), match.index + 20))}`;
}

/** Regular files only: a test may leave a FIFO or a symlink behind, which must not be opened. */
function* regularFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) yield* regularFiles(path);
    else if (stat.isFile()) yield path;
  }
}
