import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fillPrivateFolder } from '../private-folder';

type Env = Readonly<Record<string, string | undefined>>;

/** A page on disk that sends the browser on to the authorize URL; only this user can read it. */
export interface LaunchPage {
  /** The file:// URL to hand to the browser: it carries no state, client id or redirect. */
  url: string;
  /** Delete the page and its folder (idempotent). */
  remove(): void;
}

/**
 * Write a page that forwards to `target` into a fresh 0700 folder (under `$XDG_RUNTIME_DIR` when
 * set, else the OS temp folder) as a 0600 file. A browser's command line is readable by every
 * local user (/proc/PID/cmdline): given the authorize URL there, another user could read the
 * `state` and race the person's own callback with a code of theirs. The page loads nothing else
 * (its CSP allows only its own inline script), so the URL goes nowhere but to Notion.
 */
export function writeLaunchPage(target: string, env: Env = process.env): LaunchPage {
  const dir = privateFolder(env);
  // A process that ends without reaching its finally (an uncaught error, process.exit) still removes it.
  const remove = fillPrivateFolder(dir, { 'authorize.html': forwardingPage(target) });
  return { url: pathToFileURL(join(dir, 'authorize.html')).href, remove };
}

/** A new folder only this user can enter (mkdtemp: mode 0700, a random name); the runtime dir is the user's own. */
function privateFolder(env: Env): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime?.startsWith('/') === true) {
    try {
      return mkdtempSync(join(runtime, 'notion-vault-connect-'));
    } catch {
      // A stale or unwritable XDG_RUNTIME_DIR (su, sudo, ssh): the temp folder serves.
    }
  }
  return mkdtempSync(join(tmpdir(), 'notion-vault-connect-'));
}

/** Meta refresh, and location.replace so that Back does not return to the page; a link if both are blocked. */
export function forwardingPage(target: string): string {
  const script = `location.replace(${JSON.stringify(target).replace(/</g, '\\u003c')});`;
  const hash = createHash('sha256').update(script).digest('base64');
  const href = escapeHtml(target);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<title>Opening Notion…</title>',
    `<script>${script}</script>`,
    `</head><body><p>Opening Notion’s authorization page… <a href="${href}" rel="noreferrer">Continue</a></p></body></html>`,
    '',
  ].join('\n');
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
