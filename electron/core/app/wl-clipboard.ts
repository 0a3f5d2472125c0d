import { spawn } from 'node:child_process';
import { findOnPath } from '../find-on-path';
import type { ClipboardPort } from './clipboard-guard';

// On Wayland a client may set or read the clipboard only while it has keyboard focus (the
// compositor hands out the selection with an input serial), so the tray's Copy, made while the
// window is hidden, and the clear 30 s later fail without a word. wl-clipboard's wl-copy and
// wl-paste get the selection their own way (wlr-data-control, or a short-lived focused surface)
// and are what other password tools use there (pass -c). The secret goes in on stdin, never argv.

type Env = Readonly<Record<string, string | undefined>>;

export interface WlClipboardTools {
  copy: string;
  paste: string;
}

/** wl-copy and wl-paste on PATH, or null. */
export function findWlClipboard(env: Env = process.env): WlClipboardTools | null {
  const copy = findOnPath('wl-copy', env);
  const paste = findOnPath('wl-paste', env);
  return copy !== null && paste !== null ? { copy, paste } : null;
}

const TIMEOUT_MS = 3_000;

/** Runs a tool; resolves with its stdout when it exits 0, rejects otherwise. `exit`, not `close`: wl-copy leaves a child serving the selection. */
function run(program: string, args: string[], input: string | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: [input === null ? 'ignore' : 'pipe', 'pipe', 'ignore'], timeout: TIMEOUT_MS });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.once('error', reject);
    child.once('exit', (code) => { if (code === 0) resolve(out); else reject(new Error(`${program} exited with ${String(code)}`)); });
    child.stdin?.end(input);
  });
}

export function wlClipboardPort(tools: WlClipboardTools): ClipboardPort {
  return {
    // wl-paste exits 1 with "Nothing is copied" when the clipboard is empty: that is an empty clipboard.
    readText: () => run(tools.paste, ['--no-newline', '--type', 'text/plain'], null).catch(() => ''),
    writeText: async (text) => {
      if (text === '') await run(tools.copy, ['--clear'], null);
      else await run(tools.copy, ['--type', 'text/plain'], text);
    },
  };
}
