// The app's log file: lines land in it redacted, the file and its one archive stay under the cap,
// and both the folder and the file are private to the user.

import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppLog } from '../../electron/core/app/log-file';

const BODY = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm';
const logDir = (): string => join(mkdtempSync(join(tmpdir(), 'nv-log-')), 'logs');
const mode = (path: string): number => statSync(path).mode & 0o777;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createAppLog', () => {
  it('appends timestamped lines, verbatim, on disk as soon as line() returns', () => {
    const log = createAppLog({ dir: logDir(), echo: false });
    log.line('checked acme-bot: valid');
    log.line('100%% done %s %d %c {text} `$HOME`');
    const lines = readFileSync(log.path, 'utf8').trimEnd().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] checked acme-bot: valid$/);
    expect(lines[1]).toMatch(/\] 100%% done %s %d %c \{text\} `\$HOME`$/);
  });

  it('never writes a token-shaped string, to the file or the console', () => {
    const echoed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const log = createAppLog({ dir: logDir() });
    log.line(`check failed for ntn_${BODY}; NOTION_TOKEN=secret_${BODY} nrt_${BODY}`);
    const text = readFileSync(log.path, 'utf8');
    expect(text).not.toContain(BODY);
    expect(text).toContain(`ntn_…${BODY.slice(-4)}`);
    expect(echoed).toHaveBeenCalledOnce();
    expect(echoed.mock.calls[0]?.[0]).toBe(`notion-token-vault: check failed for ntn_…${BODY.slice(-4)}; NOTION_TOKEN=secret_…${BODY.slice(-4)} nrt_…${BODY.slice(-4)}`);
  });

  it('keeps main.log and its one main.old.log under the cap, even with an overlong line', () => {
    const maxBytes = 4096;
    const log = createAppLog({ dir: logDir(), maxBytes, echo: false });
    for (let i = 0; i < 200; i += 1) log.line(`line ${i} ${'x'.repeat(i % 7 === 0 ? 50_000 : 90)}`);
    const dir = join(log.path, '..');
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.old.log']);
    for (const name of ['main.log', 'main.old.log']) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(maxBytes);
    const last = readFileSync(log.path, 'utf8').trimEnd().split(/\r?\n/).at(-1);
    expect(last).toMatch(/\] line 199 x+$/);
    // An overlong line is cut at a character boundary and marked.
    const cut = createAppLog({ dir: logDir(), maxBytes, echo: false });
    cut.line(`é${'é'.repeat(5000)}`);
    expect(readFileSync(cut.path, 'utf8')).toMatch(/^\[[^\]]+\] é+…\r?\n$/);
  });

  it('makes the folder 0700 and the file 0600, after an archive too, and tightens an existing file', () => {
    const dir = logDir();
    const first = createAppLog({ dir, maxBytes: 1024, echo: false });
    expect(mode(dir)).toBe(0o700);
    expect(mode(first.path)).toBe(0o600);
    for (let i = 0; i < 40; i += 1) first.line(`filling ${'y'.repeat(100)}`);
    expect(mode(join(dir, 'main.old.log'))).toBe(0o600);
    expect(mode(first.path)).toBe(0o600);

    const other = join(dir, 'other.log');
    writeFileSync(other, 'older\n', { mode: 0o644 });
    chmodSync(other, 0o644);
    chmodSync(dir, 0o755);
    const second = createAppLog({ dir, fileName: 'other.log', echo: false });
    expect(mode(second.path)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    second.line('appended');
    expect(readFileSync(second.path, 'utf8')).toMatch(/^older\n\[[^\]]+\] appended\r?\n$/);
  });
});
