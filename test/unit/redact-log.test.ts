import { describe, expect, it } from 'vitest';
import { redactTokenShaped } from '../../electron/common/redact-log';
import { createLog, REDACTION_MARKER } from '../harness/records';

// The log lines of main and the browser harness: a token-shaped string never survives, and the
// count says that one was there (the harness turns it into a marker its tests fail on).

const BODY = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm';

describe('redactTokenShaped', () => {
  it('redacts every known prefix, keeping the prefix and the last 4 characters', () => {
    for (const prefix of ['ntn_', 'secret_', 'nrt_', 'development_ntn_']) {
      const token = `${prefix}${BODY}`;
      const { text, count } = redactTokenShaped(`check failed for ${token}: 401`);
      expect(text).toBe(`check failed for ${prefix}…${BODY.slice(-4)}: 401`);
      expect(count).toBe(1);
    }
  });

  it('finds tokens glued to punctuation, an env assignment or another word, and counts each', () => {
    const line = `NOTION_TOKEN=ntn_${BODY} "secret_${BODY}",token_nrt_${BODY}`;
    const { text, count } = redactTokenShaped(line);
    expect(count).toBe(3);
    expect(text).not.toContain(BODY);
    expect(text).toBe(`NOTION_TOKEN=ntn_…${BODY.slice(-4)} "secret_…${BODY.slice(-4)}",token_nrt_…${BODY.slice(-4)}`);
  });

  it('leaves ordinary lines alone: short bodies, other prefixes, already redacted tokens', () => {
    for (const line of ['checked acme-bot: valid', 'ntn_short', `vault_${BODY}`, `ntn_…${BODY.slice(-4)}`, 'secret_sauce_is_fine', '']) {
      expect(redactTokenShaped(line)).toEqual({ text: line, count: 0 });
    }
  });
});

describe("the browser harness's log (test/harness/records.ts)", () => {
  it('redacts tokens and secrets it handled, and writes the marker its tests fail on', () => {
    const lines: string[] = [];
    const { log, remember } = createLog((line) => { lines.push(line); });
    log('checked acme-bot: valid');
    expect(lines).toEqual(['dev:web: checked acme-bot: valid']);

    log(`oops ntn_${BODY}`);
    remember('pasted but no token shape');
    log('echoing pasted but no token shape');
    expect(lines.join('\n')).not.toContain(BODY);
    expect(lines.join('\n')).not.toContain('pasted but no token shape');
    expect(lines.filter((line) => line.includes(REDACTION_MARKER))).toHaveLength(2);
  });
});
