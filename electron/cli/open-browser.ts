import { spawn } from 'node:child_process';

type Env = Readonly<Record<string, string | undefined>>;

/** An opener still running after this long has handed the URL over (some stay up while the browser runs). */
const SETTLE_MS = 2_000;

/**
 * Open a URL in the person's browser. `NOTION_VAULT_BROWSER` overrides how: `none` opens nothing
 * (tests, SSH sessions), any other value is a command run with the URL as its one argument.
 * Resolves to false when nothing was opened, so the caller shows the URL to open by hand.
 */
export function openBrowser(url: string, env: Env = process.env): Promise<boolean> {
  const choice = env.NOTION_VAULT_BROWSER;
  if (choice === 'none') return Promise.resolve(false);
  const [command, args] = choice ? [choice, [url]] : systemOpener(url);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { stdio: 'ignore', detached: true, env: { ...process.env } });
    } catch {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => {
      child.unref();
      resolve(true);
    }, SETTLE_MS);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

function systemOpener(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  // Not `cmd /c start`: cmd would split the URL at its `&`s.
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}
