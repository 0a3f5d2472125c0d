// One real desktop notification, end to end: the built CLI's `watch --once` runs under Xvfb in a
// private D-Bus session where dunst is the notification daemon, node-notifier runs the real
// notify-send, and dbus-monitor records the org.freedesktop.Notifications.Notify call that
// reaches the bus (test/support/real-notify-session.sh). Skipped, saying why, where the desktop
// tools are not installed (Debian: xvfb, dunst, dbus, dbus-x11, libnotify-bin, gnome-keyring).

import { spawn } from 'node:child_process';
import { accessSync, appendFileSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, fakeToken, makeVaultEnv } from '../support/cli';
import { collect } from '../support/collect';
import { startNotionEmulator, type NotionEmulator } from '../support/notion-emulator';

const SESSION = resolve('test/support/real-notify-session.sh');
const TOOLS = ['xvfb-run', 'dbus-run-session', 'dbus-monitor', 'dbus-send', 'dunst', 'notify-send', 'gnome-keyring-daemon'];

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const missing = process.platform === 'linux' ? TOOLS.filter((tool) => !onPath(tool)) : ['Linux'];
const skipReason = missing.length === 0 ? null : `real desktop notification test skipped: not installed: ${missing.join(', ')}`;
if (skipReason !== null) console.log(skipReason);

let emu: NotionEmulator | undefined;

beforeAll(async () => {
  if (skipReason === null) emu = await startNotionEmulator();
});

afterAll(async () => {
  await emu?.stop();
});

function artifacts(): string {
  const root = process.env.NV_TEST_ARTIFACTS;
  if (!root) throw new Error('NV_TEST_ARTIFACTS is not set: run the tests through vitest.config.ts');
  return root;
}

interface DbusMessage {
  header: string;
  /** The message's arguments as dbus-monitor prints them, one per line, indentation removed. */
  args: string[];
}

/** dbus-monitor's text output, one message per header line (`method call …`, `signal …`). */
function parseMonitorLog(text: string): DbusMessage[] {
  const messages: DbusMessage[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (!/^\s/.test(line)) messages.push({ header: line, args: [] });
    else messages.at(-1)?.args.push(line.trim());
  }
  return messages;
}

/** The `string "…"` arguments of a message, in order (nested ones included). */
const stringsOf = (message: DbusMessage): string[] =>
  message.args.flatMap((arg) => {
    const match = /^string "(.*)"$/.exec(arg);
    return match?.[1] === undefined ? [] : [match[1]];
  });

/** The hint's value line after `string "NAME"` in the hints dict, e.g. `variant byte 1`. */
function hintOf(message: DbusMessage, name: string): string | undefined {
  const i = message.args.indexOf(`string "${name}"`);
  return i < 0 ? undefined : message.args[i + 1]?.replace(/\s+/g, ' ');
}

describe('a real desktop notification (Xvfb, D-Bus, dunst, notify-send)', () => {
  it.skipIf(skipReason !== null)('watch --once sends "Notion token expires in 10 days" through notify-send to the notification daemon', async () => {
    if (emu === undefined) throw new Error('the Notion emulator has not started');
    const token = fakeToken();
    emu.setToken(token, { identity: 'pat-person' });
    const v = makeVaultEnv({ NOTION_API_BASE_URL: emu.url, NOTION_VAULT_NOW: '2026-11-01T09:00:00.000Z' });
    const monitorLog = join(v.home, 'dbus-monitor.log');
    // `add` (its output to stderr) and then `watch --once`, both inside the session: the keychain
    // item lives in that session's own gnome-keyring. The token travels in the environment only.
    const script = 'printf "%s\\n" "$NV_REAL_TOKEN" | "$0" "$1" add --name real-pat --workspace Acme --created 2025-11-11 --expires 2026-11-11 >&2 && exec "$0" "$1" watch --once';
    const env: Record<string, string | undefined> = { ...process.env, ...v.env, NV_REAL_TOKEN: token };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    mkdirSync(v.home, { recursive: true, mode: 0o700 });
    const child = spawn('xvfb-run', ['-a', 'dbus-run-session', '--', 'sh', SESSION, monitorLog, 'sh', '-c', script, process.execPath, CLI], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    const r = await collect(child);
    clearTimeout(timer);
    appendFileSync(join(artifacts(), 'outputs.jsonl'), `${JSON.stringify({ args: ['real-notify-session', 'add', 'watch --once'], stdout: r.stdout, stderr: r.stderr })}\n`);

    expect(r.code, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(0);
    expect(r.stderr).toContain('Stored real-pat');
    const watchLines = r.stdout.split('\n').filter((line) => line !== '');
    expect(watchLines.filter((line) => line.includes(' notify: '))).toEqual([expect.stringContaining('notify: Notion token expires in 10 days: real-pat (Acme)')]);
    // notify-send reached a running daemon: no "Desktop notifications are off/failed" line.
    expect(watchLines.filter((line) => /Desktop notifications/.test(line))).toEqual([]);

    const log = readFileSync(monitorLog, 'utf8');
    const notifies = parseMonitorLog(log).filter((m) => m.header.startsWith('method call') && m.header.includes('member=Notify'));
    expect(notifies, log).toHaveLength(1);
    const [notify] = notifies;
    if (notify === undefined) throw new Error('no Notify call');
    const strings = stringsOf(notify);
    // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
    expect(strings[0]).toBe('Notion Token Vault');
    expect(strings).toContain('Notion token expires in 10 days');
    expect(strings.some((s) => s.startsWith('real-pat (Acme) expires on 2026-11-11'))).toBe(true);
    expect(hintOf(notify, 'urgency')).toBe('variant byte 1');
    expect(notify.args.at(-1)).toBe('int32 10000');
    expect(log).not.toContain(token);
  });
});
