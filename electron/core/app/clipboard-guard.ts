import type { Timers } from '../monitor/monitor';

export interface ClipboardPort {
  readText(): string | Promise<string>;
  /** `''` clears it. `secret` (default true): mark the copy as a password, for clipboard managers and history. */
  writeText(text: string, secret?: boolean): void | Promise<void>;
}

/**
 * Copies a secret, then clears the clipboard after a delay, but only if it still holds what
 * we copied: whatever the person copied since is theirs and stays.
 */
export class ClipboardGuard {
  private pendingTimer: unknown = null;
  /** What we last put there, until it is cleared: needed to clear it early on quit. */
  private copied: string | null = null;

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly timers: Timers = { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (h) => { clearTimeout(h as NodeJS.Timeout); } },
  ) {}

  /** Returns the delay until it is cleared (ms), or null if it stays (delay 0 = never clear). */
  async copy(text: string, clearAfterSeconds: number, secret = true): Promise<number | null> {
    if (this.pendingTimer !== null) this.timers.clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    await this.clipboard.writeText(text, secret);
    this.copied = text;
    if (clearAfterSeconds <= 0) return null;
    const delay = clearAfterSeconds * 1000;
    this.pendingTimer = this.timers.setTimeout(() => {
      this.pendingTimer = null;
      void this.clearIfStill(text);
    }, delay);
    return delay;
  }

  /** Whether a clear is still due: quitting must wait for it, and only then. */
  pending(): boolean {
    return this.pendingTimer !== null;
  }

  /** What the clipboard holds now (for the window's "a token is on your clipboard" hint). */
  async read(): Promise<string> {
    return this.clipboard.readText();
  }

  /** On quit: a pending clear would die with the process, so clear now (if it is still ours). */
  async clearNow(): Promise<void> {
    if (this.pendingTimer === null || this.copied === null) return;
    this.timers.clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    await this.clearIfStill(this.copied);
  }

  private async clearIfStill(text: string): Promise<void> {
    this.copied = null;
    if ((await this.clipboard.readText()) === text) await this.clipboard.writeText('');
  }
}
