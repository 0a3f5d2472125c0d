// Conceals secrets in a stream of bytes, one chunk at a time, as a program prints them.
//
// It works on bytes, never on text: a program's output need not be UTF-8, and decoding it could
// split or mangle a token at a chunk boundary. Bytes that cannot be the start of a secret are
// given back at once (a prompt without a newline shows up without waiting); only a chunk's tail
// that is a proper prefix of a secret is held back, at most secretLength-1 bytes, until the next
// chunk tells whether the secret follows, or the stream ends.
//
// Overlapping occurrences (one secret inside another, a secret followed by the start of itself)
// are concealed together: the whole run of bytes they cover becomes one placeholder, so no part
// of any of them is shown.

export const CONCEALED = '<concealed by notion-vault>';

const EMPTY = Buffer.alloc(0);

export class Redactor {
  /** Longest first: of two secrets found at the same place, the longer one is concealed. */
  private readonly secrets: readonly Buffer[];
  private readonly longest: number;
  private readonly placeholder: Buffer;
  /** Input not given back yet: a possible start of a secret. */
  private held = EMPTY;
  /** The last input bytes before `held` when they ended in a concealed run (a secret that began there may go on). */
  private behind = EMPTY;

  constructor(secrets: readonly string[], placeholder = CONCEALED) {
    const unique = [...new Set(secrets.filter((s) => s.length > 0))];
    this.secrets = unique.map((s) => Buffer.from(s, 'utf8')).sort((a, b) => b.length - a.length);
    this.longest = this.secrets[0]?.length ?? 0;
    this.placeholder = Buffer.from(placeholder, 'utf8');
  }

  /** The bytes of this chunk (and of what was held before it) that can be written now. */
  push(chunk: Buffer): Buffer[] {
    return this.scan(chunk, false);
  }

  /** The stream ended: what was held cannot become a secret any more. */
  end(): Buffer[] {
    return this.scan(EMPTY, true);
  }

  private scan(chunk: Buffer, final: boolean): Buffer[] {
    if (this.longest === 0) return chunk.length > 0 ? [chunk] : [];
    const start = this.behind.length;
    const buf = start + this.held.length === 0 ? chunk : Buffer.concat([this.behind, this.held, chunk]);
    // Bytes from `keep` on may be the start of a secret that the next chunk completes.
    const keep = final ? buf.length : this.tailStart(buf);
    const out: Buffer[] = [];
    const next = this.secrets.map(() => -2); // per secret: its next occurrence (-1: none in buf; -2: not looked yet)
    let pos = start;
    let concealed = start > 0;
    for (;;) {
      const run = this.nextRun(buf, pos, keep, next);
      if (run === null) break;
      if (run.from > pos) {
        out.push(buf.subarray(pos, run.from));
        concealed = false;
      }
      if (!concealed) out.push(this.placeholder);
      concealed = true;
      pos = run.to;
    }
    // A secret that may go on from inside a concealed run (keep < pos) holds back all that follows it.
    const hold = Math.max(pos, keep);
    if (hold > pos) {
      out.push(buf.subarray(pos, hold));
      concealed = false;
    }
    this.held = hold < buf.length ? Buffer.from(buf.subarray(hold)) : EMPTY;
    this.behind = concealed && !final ? Buffer.from(buf.subarray(Math.max(0, hold - this.longest + 1), hold)) : EMPTY;
    return out;
  }

  /**
   * The next bytes to conceal: the earliest occurrence of a secret that ends after `pos` and
   * starts before `keep`. One that starts before `pos` overlaps the run just concealed and extends it.
   */
  private nextRun(buf: Buffer, pos: number, keep: number, next: number[]): { from: number; to: number } | null {
    let from = -1;
    let to = -1;
    this.secrets.forEach((secret, i) => {
      let at = next[i] ?? -2;
      // Before `pos` only the concealed bytes kept in `behind` are searched (a secret that began there).
      while (at === -2 || (at !== -1 && at + secret.length <= pos)) at = buf.indexOf(secret, at === -2 ? Math.max(0, pos - secret.length + 1) : at + 1);
      next[i] = at;
      if (at !== -1 && at < keep && (from === -1 || at < from)) {
        from = at;
        to = at + secret.length;
      }
    });
    return from === -1 ? null : { from, to };
  }

  /** Where the longest tail of `buf` that is a proper prefix of a secret starts; buf.length if none. */
  private tailStart(buf: Buffer): number {
    let start = buf.length;
    for (const secret of this.secrets) {
      const first = secret[0] ?? 0;
      for (let at = buf.indexOf(first, Math.max(0, buf.length - secret.length + 1)); at !== -1 && at < start; at = buf.indexOf(first, at + 1)) {
        if (buf.compare(secret, 0, buf.length - at, at) === 0) {
          start = at;
          break;
        }
      }
    }
    return start;
  }
}
