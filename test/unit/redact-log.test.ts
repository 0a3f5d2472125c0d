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

  it('finds a token glued to letters before it, as a hostile server may echo it', () => {
    const { text, count } = redactTokenShaped(`echo:Bearerntn_${BODY}x`);
    expect(text).not.toContain(BODY.slice(0, 20));
    expect(count).toBe(1);
  });

  it('redacts Bearer and Basic credentials and Authorization header values, whatever they hold', () => {
    const basic = Buffer.from(`0b6f2c7e-1d2a-4c55-9e61-1f0e7f3a9b21:secret_${BODY}`).toString('base64');
    const cases: [string, string][] = [
      [`code echo:Bearer ntn_${BODY}`, `code echo:Bearer ntn_…${BODY.slice(-4)}`],
      [`echo:Basic ${basic} refused`, 'echo:Basic … refused'],
      [`bearer ${BODY}`, 'bearer …'],
      [`Authorization: Token ${BODY}`, 'Authorization: …'],
      [`{"authorization":"whatever-it-is","x":1}`, '{"authorization":"…","x":1}'],
      [`?authorization=${BODY}&next=1`, '?authorization=…&next=1'],
    ];
    for (const [line, redacted] of cases) {
      const { text, count } = redactTokenShaped(line);
      expect(text, line).toBe(redacted);
      expect(count, line).toBeGreaterThan(0);
    }
  });

  it('redacts megabytes of credential in linear time', () => {
    const started = Date.now();
    const { text } = redactTokenShaped(`Basic ${'A'.repeat(5_000_000)} authorization: ${'b'.repeat(1_000_000)} ${'ntn_'.repeat(100_000)}`);
    expect(text.length).toBeLessThan(500_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('leaves ordinary lines alone: short bodies, other prefixes, already redacted tokens, the words Basic and Bearer', () => {
    for (const line of ['checked acme-bot: valid', 'ntn_short', `vault_${BODY}`, `ntn_…${BODY.slice(-4)}`, 'secret_sauce_is_fine', '',
      'Basic auth with the client id and secret', 'a Bearer token', 'Notion refused the authorization code (expired or already used)']) {
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
