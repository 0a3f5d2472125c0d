// Imports nothing: electron/cli/index.ts runs this before any other module is loaded.

/** The numeric parts of "22.12.0" or "v20.20.2"; missing parts count as 0. */
function parts(version: string): number[] {
  return version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
}

/** True when `version` is older than `minimum` (both "MAJOR.MINOR[.PATCH]"). */
export function isOlderThan(version: string, minimum: string): boolean {
  const have = parts(version);
  const need = parts(minimum);
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

/** The one line the CLI prints on a Node.js older than it supports, or null when this one will do. */
export function unsupportedNodeMessage(version: string, minimum: string): string | null {
  if (!isOlderThan(version, minimum)) return null;
  return `notion-vault: Node.js ${version} is too old, it needs ${minimum} or newer: install the current Node.js LTS (https://nodejs.org) and run it again.`;
}
