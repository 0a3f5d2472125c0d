import type { Timers } from '../monitor/monitor';

export interface ClipboardPort {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
}

/**
 * Copies a secret, then clears the clipboard after a delay, but only if it still holds what
 * we copied: whatever the person copied since is theirs and stays.
 */
export class ClipboardGuard {
  private pending: unknown = null;

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly timers: Timers = { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (h) => { clearTimeout(h as NodeJS.Timeout); } },
  ) {}

  /** Returns the delay until it is cleared (ms), or null if it stays (delay 0 = never clear). */
  async copy(text: string, clearAfterSeconds: number): Promise<number | null> {
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
    await this.clipboard.writeText(text);
    if (clearAfterSeconds <= 0) return null;
    const delay = clearAfterSeconds * 1000;
    this.pending = this.timers.setTimeout(() => {
      this.pending = null;
      void this.clearIfStill(text);
    }, delay);
    return delay;
  }

  private async clearIfStill(text: string): Promise<void> {
    if ((await this.clipboard.readText()) === text) await this.clipboard.writeText('');
  }
}
