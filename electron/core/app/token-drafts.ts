import { randomUUID } from 'node:crypto';
import type { CheckOutcome } from '../check/check-token';
import { usageError } from '../errors';

/** A token the window has had checked but not saved yet: held in main's memory only. */
export interface Draft {
  secret: string;
  outcome: CheckOutcome;
}

/** Long enough to create a connection and share a page in Notion between "Check" and "Save". */
const DRAFT_TTL_MS = 30 * 60_000;
/** A window that keeps pasting without saving cannot make main hold an unbounded number of secrets. */
const MAX_DRAFTS = 16;

/**
 * The wizard's tokens between the live check and the save, so a secret crosses from the window
 * once. Expired drafts are dropped whenever the store is used; nothing is ever written to disk.
 */
export class TokenDrafts {
  private readonly drafts = new Map<string, Draft & { expires: number }>();

  constructor(private readonly clock: () => Date) {}

  /** Keep a checked token; with an id, replace that draft's outcome (checked again). Returns the id. */
  put(secret: string, outcome: CheckOutcome, id: string = randomUUID()): string {
    this.sweep();
    this.drafts.delete(id);
    const oldest = this.drafts.keys().next();
    if (this.drafts.size >= MAX_DRAFTS && oldest.done !== true) this.drafts.delete(oldest.value);
    this.drafts.set(id, { secret, outcome, expires: this.clock().getTime() + DRAFT_TTL_MS });
    return id;
  }

  get(id: string): Draft {
    this.sweep();
    const draft = this.drafts.get(id);
    if (draft === undefined) throw usageError('That token is no longer held (the wizard waited too long): paste it again.');
    return { secret: draft.secret, outcome: draft.outcome };
  }

  discard(id: string): void {
    this.drafts.delete(id);
  }

  private sweep(): void {
    const now = this.clock().getTime();
    for (const [id, draft] of this.drafts) if (draft.expires <= now) this.drafts.delete(id);
  }
}
