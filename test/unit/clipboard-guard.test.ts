import { describe, expect, it } from 'vitest';
import { ClipboardGuard, type ClipboardPort } from '../../electron/core/app/clipboard-guard';
import type { Timers } from '../../electron/core/monitor/monitor';

/** A clipboard and timers the test controls: `fire()` runs what is due after `ms`. */
function setup(): { board: ClipboardPort & { text: string }; timers: Timers & { fire: () => Promise<void>; armed: number[] }; guard: ClipboardGuard } {
  const board = { text: 'before', readText() { return Promise.resolve(this.text); }, writeText(t: string) { this.text = t; return Promise.resolve(); } };
  const pending = new Map<number, () => void>();
  let next = 0;
  const armed: number[] = [];
  const timers = {
    armed,
    setTimeout: (run: () => void, ms: number) => { pending.set(++next, run); armed.push(ms); return next; },
    clearTimeout: (handle: unknown) => { pending.delete(handle as number); },
    fire: async () => {
      const runs = [...pending.values()];
      pending.clear();
      for (const run of runs) run();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  return { board, timers, guard: new ClipboardGuard(board, timers) };
}

describe('ClipboardGuard', () => {
  it('copies, then clears after the delay if the clipboard still holds the copy', async () => {
    const { board, timers, guard } = setup();
    expect(await guard.copy('ntn_secret_value_1234567890', 30)).toBe(30_000);
    expect(board.text).toBe('ntn_secret_value_1234567890');
    expect(timers.armed).toEqual([30_000]);
    await timers.fire();
    expect(board.text).toBe('');
  });

  it('leaves the clipboard alone if the person copied something else meanwhile', async () => {
    const { board, timers, guard } = setup();
    await guard.copy('ntn_secret_value_1234567890', 30);
    board.text = 'their own text';
    await timers.fire();
    expect(board.text).toBe('their own text');
  });

  it('never clears with a delay of 0', async () => {
    const { board, timers, guard } = setup();
    expect(await guard.copy('ntn_secret_value_1234567890', 0)).toBeNull();
    expect(timers.armed).toEqual([]);
    await timers.fire();
    expect(board.text).toBe('ntn_secret_value_1234567890');
  });

  it('a second copy replaces the first one\'s timer: only the latest copy is cleared, once', async () => {
    const { board, timers, guard } = setup();
    await guard.copy('ntn_first_secret_value_12345', 30);
    await guard.copy('ntn_second_secret_value_1234', 30);
    await timers.fire();
    expect(board.text).toBe('');
    expect(timers.armed).toEqual([30_000, 30_000]);
  });

  it('on quit clears a pending copy at once, and only if the clipboard still holds it', async () => {
    const { board, guard } = setup();
    await guard.copy('ntn_secret_value_1234567890', 30);
    await guard.clearNow();
    expect(board.text).toBe('');
    await guard.copy('ntn_secret_value_1234567890', 30);
    board.text = 'their own text';
    await guard.clearNow();
    expect(board.text).toBe('their own text');
  });
});
