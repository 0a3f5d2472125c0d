import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

// The built renderer (out/renderer), as the browser gets it: index.html with the bridge script
// first and `connect-src 'self'` (the bridge talks to this server), every other file as built.

export const BRIDGE_PATH = '/harness/bridge.js';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export const mimeType = (path: string): string => MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** Used when the built page has no CSP of its own (it should): as strict as the renderer's. */
const FALLBACK_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const SELF_CONNECT = "connect-src 'self'";
const CSP_META = /(<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*\scontent=")([^"]*)(")/i;

/** The renderer's policy, but the page may connect to its own origin (and nothing else). */
export function allowSelfConnect(csp: string): string {
  const directives = csp.split(';').map((d) => d.trim()).filter((d) => d !== '');
  const connect = directives.findIndex((d) => /^connect-src(\s|$)/i.test(d));
  if (connect < 0) return [...directives, SELF_CONNECT].join('; ');
  return directives.map((d, i) => (i === connect ? SELF_CONNECT : d)).filter((d, i) => i <= connect || !/^connect-src(\s|$)/i.test(d)).join('; ');
}

export interface RendererPage {
  html: string;
  /** The CSP header for every response. */
  csp: string;
  /** False when index.html had no CSP meta and the fallback applies. */
  hadCsp: boolean;
}

/** index.html with the bridge as the first script (a classic script runs before any module) and the CSP opened to 'self'. */
export function harnessPage(built: string): RendererPage {
  const meta = CSP_META.exec(built);
  const csp = allowSelfConnect(meta?.[2] ?? FALLBACK_CSP);
  let html = meta ? built.replace(CSP_META, (_all, start: string, _policy: string, end: string) => `${start}${csp}${end}`) : built;
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const firstModule = html.search(/<script\s[^>]*type=["']?module/i);
  if (firstModule >= 0) html = `${html.slice(0, firstModule)}${tag}\n    ${html.slice(firstModule)}`;
  else html = html.replace(/<\/head>/i, `  ${tag}\n  </head>`);
  return { html, csp, hadCsp: meta !== null };
}

export async function readPage(root: string): Promise<RendererPage> {
  return harnessPage(await readFile(join(root, 'index.html'), 'utf8'));
}

/** A file under root for a URL path, or null: no traversal, no dot files, no folders. */
export async function staticFile(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const base = resolve(root);
  const path = resolve(base, `.${decoded}`);
  if (!path.startsWith(`${base}${sep}`)) return null;
  try {
    if (!(await stat(path)).isFile()) return null;
    return { body: await readFile(path), type: mimeType(path) };
  } catch {
    return null;
  }
}
