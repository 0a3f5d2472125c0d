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
  /** What we last put there, until it is cleared: needed to clear it early on quit. */
  private copied: string | null = null;

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly timers: Timers = { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (h) => { clearTimeout(h as NodeJS.Timeout); } },
  ) {}

  /** Returns the delay until it is cleared (ms), or null if it stays (delay 0 = never clear). */
  async copy(text: string, clearAfterSeconds: number): Promise<number | null> {
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
    await this.clipboard.writeText(text);
    this.copied = text;
    if (clearAfterSeconds <= 0) return null;
    const delay = clearAfterSeconds * 1000;
    this.pending = this.timers.setTimeout(() => {
      this.pending = null;
      void this.clearIfStill(text);
    }, delay);
    return delay;
  }

  /** What the clipboard holds now (for the window's "a token is on your clipboard" hint). */
  async read(): Promise<string> {
    return this.clipboard.readText();
  }

  /** On quit: a pending clear would die with the process, so clear now (if it is still ours). */
  async clearNow(): Promise<void> {
    if (this.pending === null || this.copied === null) return;
    this.timers.clearTimeout(this.pending);
    this.pending = null;
    await this.clearIfStill(this.copied);
  }

  private async clearIfStill(text: string): Promise<void> {
    this.copied = null;
    if ((await this.clipboard.readText()) === text) await this.clipboard.writeText('');
  }
}
