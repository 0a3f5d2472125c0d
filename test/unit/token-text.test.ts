import { describe, it, expect } from 'vitest';
import {
  normalizeTokenText,
  redactAll,
  redactToken,
  tokenHint,
  type NormalizeResult,
  type TokenTextProblem,
} from '../../electron/common/token-text';

// Realistic fake tokens: a known prefix and 46 characters of [A-Za-z0-9], made
// deterministically so a failing case is the same on every run.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function fakeBody(seed: number, length = 46): string {
  let out = '';
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += ALNUM.charAt(state % ALNUM.length);
  }
  return out;
}

const TOKEN = `ntn_${fakeBody(1)}`;
const OTHER_TOKEN = `ntn_${fakeBody(2)}`;
const SECRET_TOKEN = `secret_${fakeBody(3, 43)}`;
const DEV_TOKEN = `development_ntn_${fakeBody(4)}`;
const REFRESH_TOKEN = `nrt_${fakeBody(5)}`;
const GENERIC_TOKEN = 'abcdef0123456789ABCDEFabcdef0123456789AB'; // 40 chars, no known prefix

function expectToken(result: NormalizeResult, token: string): void {
  expect(result).toEqual({ ok: true, token });
}

/** The refusal's message names no part of what was pasted: not the whole input, not any 6 characters of the secret part. */
function expectNoEcho(message: string, input: string, secretPart: string): void {
  const trimmed = input.trim();
  if (trimmed !== '') expect(message).not.toContain(trimmed);
  // A 6-character slice shared by both is a 6-character slice of the (short) message found in the secret part.
  for (let i = 0; i + 6 <= message.length; i++) {
    expect(secretPart.includes(message.slice(i, i + 6)), `message echoes "${message.slice(i, i + 6)}"`).toBe(false);
  }
}

function expectRefusal(input: string, problem: TokenTextProblem, secretPart = input.trim()): void {
  const result = normalizeTokenText(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problem).toBe(problem);
  expect(result.message).not.toBe('');
  expect(result.message).not.toMatch(/[\r\n]/);
  expectNoEcho(result.message, input, secretPart);
}

describe('normalizeTokenText: accepted forms give exactly the bare token', () => {
  const cases: [label: string, input: string, token?: string][] = [
    ['bare', TOKEN],
    ['trailing LF', `${TOKEN}\n`],
    ['trailing CRLF', `${TOKEN}\r\n`],
    ['blank lines around', `\n\n${TOKEN}\n\n`],
    ['surrounding spaces and tabs', ` \t ${TOKEN} \t `],
    ['surrounding NBSP', `\u00A0${TOKEN}\u00A0`],
    ['UTF-8 BOM', `\uFEFF${TOKEN}\n`],
    ['zero-width spaces from a web page', `\u200B${TOKEN}\u200B`],
    ['double quotes', `"${TOKEN}"`],
    ['single quotes', `'${TOKEN}'`],
    ['backticks', `\`${TOKEN}\``],
    ['quotes with whitespace around and inside', `  "  ${TOKEN}  "  `],
    ['curly quotes', `\u201C${TOKEN}\u201D`],
    ['a lone opening quote', `"${TOKEN}`],
    ['a quoted value copied with its comma', `"${TOKEN}",`],
    ['Bearer', `Bearer ${TOKEN}`],
    ['bearer, lower case, two spaces', `bearer  ${TOKEN}`],
    ['BEARER, upper case', `BEARER ${TOKEN}`],
    ['Authorization: Bearer', `Authorization: Bearer ${TOKEN}`],
    ['authorization:bearer, no space after the colon', `authorization:bearer ${TOKEN}`],
    ['Authorization without Bearer', `Authorization: ${TOKEN}`],
    ['NOTION_TOKEN=', `NOTION_TOKEN=${TOKEN}`],
    ['NOTION_API_KEY=', `NOTION_API_KEY=${TOKEN}`],
    ['export with single quotes', `export NOTION_API_KEY='${TOKEN}'`],
    ['export of any name with double quotes', `export X="${TOKEN}"`],
    ['dotenv spaces around =', `NOTION_TOKEN = "${TOKEN}"`],
    ['trailing semicolon', `NOTION_TOKEN=${TOKEN};`],
    ['trailing comment', `NOTION_TOKEN=${TOKEN} # work workspace`],
    ['quoted, semicolon and comment', `export NOTION_TOKEN="${TOKEN}"; # don't commit`],
    ['single-quoted with comment', `NOTION_TOKEN='${TOKEN}'   # from Notion`],
    ['quotes and spaces inside the value', `NOTION_TOKEN=" ${TOKEN} "`],
    ['Windows cmd set', `set NOTION_TOKEN=${TOKEN}`],
    ['PowerShell $env:', `$env:NOTION_TOKEN = "${TOKEN}"`],
    ['export of a Bearer header', `export NOTION_AUTH="Bearer ${TOKEN}"`],
    ['JSON object', `{"token": "${TOKEN}"}`],
    ['JSON object, no spaces', `{"token":"${TOKEN}"}`],
    ['JSON access_token among other keys', `{"access_token":"${TOKEN}","token_type":"bearer","bot_id":"b1"}`],
    ['JSON notion_token', `{"notion_token": "${TOKEN}", "workspace": "Acme"}`],
    ['JSON api_key', `{"api_key": "${TOKEN}", "version": 2}`],
    ['JSON NOTION_TOKEN', `{"NOTION_TOKEN": "${TOKEN}", "DEBUG": "1"}`],
    ['JSON NOTION_API_KEY', `{"NOTION_API_KEY": "${TOKEN}", "DEBUG": "1"}`],
    ['JSON secret', `{"secret": "${TOKEN}", "name": "My integration"}`],
    ['JSON single key of any name', `{"myNotionThing": "${TOKEN}"}`],
    ['JSON with the same token under two keys', `{"token": "${TOKEN}", "access_token": "${TOKEN}"}`],
    ['JSON with escapes', `{"token": "${TOKEN.replace('n', '\\u006e')}"}`],
    ['pretty-printed JSON object', `{\n  "token": "${TOKEN}",\n  "name": "Work"\n}\n`],
    ['JSON Authorization header', `{"Authorization": "Bearer ${TOKEN}"}`],
    ['JSON pair', `"token": "${TOKEN}"`],
    ['JSON pair, no spaces', `"token":"${TOKEN}"`],
    ['JSON pair with trailing comma', `"token":"${TOKEN}",`],
    ['JSON pair access_token, indented', `    "access_token": "${TOKEN}",`],
    ['secret_ token', SECRET_TOKEN, SECRET_TOKEN],
    ['development_ntn_ token', `NOTION_TOKEN=${DEV_TOKEN}`, DEV_TOKEN],
    ['nrt_ refresh token', `{"refresh_token": "${REFRESH_TOKEN}"}`, REFRESH_TOKEN],
    ['no known prefix: not validated by prefix', GENERIC_TOKEN, GENERIC_TOKEN],
    ['base64-like with == padding is not an assignment', `${GENERIC_TOKEN}==`, `${GENERIC_TOKEN}==`],
    ['base64-like with = padding is not an assignment', `${GENERIC_TOKEN}=`, `${GENERIC_TOKEN}=`],
    ['exactly 20 characters', 'a'.repeat(20), 'a'.repeat(20)],
    ['exactly 300 characters', 'b'.repeat(300), 'b'.repeat(300)],
  ];

  it.each(cases)('%s', (_label, input, token = TOKEN) => {
    expectToken(normalizeTokenText(input), token);
  });
});

describe('normalizeTokenText: refusals say what is wrong without echoing the text', () => {
  it('refuses empty text', () => {
    expectRefusal('', 'empty');
    const result = normalizeTokenText('');
    expect(result).toEqual({
      ok: false,
      problem: 'empty',
      message: 'Nothing was pasted: copy the token from Notion and paste it again.',
    });
  });

  it('refuses whitespace-only text, BOM and invisible characters included', () => {
    expectRefusal('   \t\r\n  ', 'empty');
    expectRefusal('\uFEFF\u00A0\u200B\n', 'empty');
  });

  it('refuses text that holds no token', () => {
    expectRefusal('NOTION_TOKEN=""', 'empty');
    expectRefusal('{"name": "Work", "id": "abc"}', 'empty');
    expectRefusal('{"token": 12345678901234567890123}', 'empty');
  });

  it('refuses a token that starts with a bracket: a broken copy of JSON, never a Notion token', () => {
    expectRefusal(`{ntn_${'a'.repeat(40)}`, 'json');
    expectRefusal(`[ntn_${'b'.repeat(40)}]`, 'json');
  });

  it('refuses "hello world" for its spaces', () => {
    expectRefusal('hello world', 'spaces');
    const result = normalizeTokenText('hello world');
    expect(!result.ok && result.message).toBe(
      'That text has spaces in it: paste only the token (it looks like ntn_… and has no spaces).',
    );
  });

  it('refuses a token with words after it for its spaces', () => {
    expectRefusal(`${TOKEN} (work)`, 'spaces', TOKEN);
    expectRefusal(`NOTION_TOKEN=${TOKEN} extra`, 'spaces', TOKEN);
  });

  it('refuses 1 MB of text as too long, quickly', () => {
    const huge = `${TOKEN} `.repeat(20_000).slice(0, 1_000_000);
    const started = performance.now();
    const result = normalizeTokenText(huge);
    expect(performance.now() - started).toBeLessThan(50);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toBe('too-long');
      expectNoEcho(result.message, TOKEN, TOKEN);
    }
    expectRefusal('x'.repeat(1_000_000), 'too-long');
  });

  it('stays fast on long pathological text under the raw cap', () => {
    const inputs = [' '.repeat(9_990) + 'x', `A=${' '.repeat(9_990)}x`, `"${'\t '.repeat(4_990)}`, '#'.repeat(9_999)];
    const started = performance.now();
    for (const input of inputs) normalizeTokenText(input);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses a single candidate longer than 300 characters', () => {
    expectRefusal('c'.repeat(301), 'too-long');
    expectRefusal(`NOTION_TOKEN=${'d'.repeat(400)}`, 'too-long', 'd'.repeat(400));
  });

  it('refuses control characters', () => {
    expectRefusal(`${TOKEN.slice(0, 10)}\u0000${TOKEN.slice(10)}`, 'control-chars', TOKEN);
    expectRefusal(`${TOKEN}\u0000`, 'control-chars', TOKEN);
    expectRefusal(`\u001b[200~${TOKEN}\u001b[201~`, 'control-chars', TOKEN);
    expectRefusal(`${TOKEN}\u007f`, 'control-chars', TOKEN);
    expectRefusal(`{"token": "${TOKEN}\\u0000"}`, 'control-chars', TOKEN);
  });

  it('refuses two tokens on one line', () => {
    expectRefusal(`${TOKEN} ${OTHER_TOKEN}`, 'several', TOKEN + OTHER_TOKEN);
    expectRefusal(`${TOKEN},${OTHER_TOKEN}`, 'several', TOKEN + OTHER_TOKEN);
    expectRefusal(`${TOKEN}, ${OTHER_TOKEN}`, 'several', TOKEN + OTHER_TOKEN);
    expectRefusal(`${TOKEN}\t${OTHER_TOKEN}`, 'several', TOKEN + OTHER_TOKEN);
    expectRefusal('ntn_aaa ntn_bbb', 'several');
    expectRefusal(`NOTION_TOKEN=${TOKEN} OTHER=${OTHER_TOKEN}`, 'several', TOKEN + OTHER_TOKEN);
    const result = normalizeTokenText(`${TOKEN} ${OTHER_TOKEN}`);
    expect(!result.ok && result.message).toBe('That looks like more than one token: paste one token at a time.');
  });

  it('refuses two lines with tokens', () => {
    expectRefusal(`${TOKEN}\n${OTHER_TOKEN}`, 'several', TOKEN + OTHER_TOKEN);
    expectRefusal(`${TOKEN}\r\n${OTHER_TOKEN}\r\n`, 'several', TOKEN + OTHER_TOKEN);
    expectRefusal(`NOTION_TOKEN=${TOKEN}\nNOTION_OTHER=${OTHER_TOKEN}`, 'several', TOKEN + OTHER_TOKEN);
    expectRefusal(`${TOKEN}\n\n  \nmore`, 'several', TOKEN);
  });

  it('refuses a JSON object with two different tokens', () => {
    expectRefusal(`{"token": "${TOKEN}", "access_token": "${OTHER_TOKEN}"}`, 'several', TOKEN + OTHER_TOKEN);
  });

  it('refuses text too short to be a token', () => {
    expectRefusal('ntn_abc', 'too-short');
    expectRefusal('a'.repeat(19), 'too-short');
    expectRefusal(`Bearer ${TOKEN.slice(0, 12)}`, 'too-short', TOKEN.slice(0, 12));
  });

  it('refuses non-ASCII characters', () => {
    expectRefusal(`${TOKEN.slice(0, 20)}é${TOKEN.slice(20)}`, 'non-ascii', TOKEN);
    // A token copied from a screen that shortens it.
    expectRefusal(`${TOKEN.slice(0, 12)}…${TOKEN.slice(-6)}`, 'non-ascii', TOKEN);
    expectRefusal(`${TOKEN.slice(0, 20)}\u200B${TOKEN.slice(20)}`, 'non-ascii', TOKEN);
    expectRefusal('\u0442'.repeat(30), 'non-ascii');
  });

  it('never puts the pasted text in any message', () => {
    const inputs = [
      '',
      'hello world',
      TOKEN.slice(0, 15),
      `${TOKEN} ${OTHER_TOKEN}`,
      `${TOKEN}\n${OTHER_TOKEN}`,
      `${TOKEN}\u0000`,
      `${TOKEN}é`,
      `${TOKEN}x`.repeat(10),
      `NOTION_TOKEN=${TOKEN} trailing words`,
    ];
    for (const input of inputs) {
      const result = normalizeTokenText(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expectNoEcho(result.message, input, input);
    }
  });
});

describe('tokenHint', () => {
  it('reads the prefix only', () => {
    expect(tokenHint(TOKEN)).toBe('ntn');
    expect(tokenHint(DEV_TOKEN)).toBe('ntn');
    expect(tokenHint(SECRET_TOKEN)).toBe('secret');
    expect(tokenHint(REFRESH_TOKEN)).toBe('oauth-refresh');
    expect(tokenHint(GENERIC_TOKEN)).toBe('other');
    expect(tokenHint('')).toBe('other');
    expect(tokenHint('NTN_abc')).toBe('other');
  });
});

describe('redactToken', () => {
  it('keeps a known prefix and the last 4 characters', () => {
    expect(redactToken(TOKEN)).toBe(`ntn_…${TOKEN.slice(-4)}`);
    expect(redactToken(DEV_TOKEN)).toBe(`development_ntn_…${DEV_TOKEN.slice(-4)}`);
    expect(redactToken(SECRET_TOKEN)).toBe(`secret_…${SECRET_TOKEN.slice(-4)}`);
    expect(redactToken(REFRESH_TOKEN)).toBe(`nrt_…${REFRESH_TOKEN.slice(-4)}`);
  });

  it('keeps only the last 4 characters of a token with no known prefix', () => {
    expect(redactToken(GENERIC_TOKEN)).toBe(`…${GENERIC_TOKEN.slice(-4)}`);
    expect(redactToken('abcdefghijkl')).toBe('…ijkl');
  });

  it('shows nothing of a token shorter than 12 characters', () => {
    expect(redactToken('')).toBe('…');
    expect(redactToken('abc')).toBe('…');
    expect(redactToken('abcdefghijk')).toBe('…');
    expect(redactToken('ntn_abcdefg')).toBe('…');
  });

  it('shows no tail when the body after a known prefix is short', () => {
    expect(redactToken('ntn_abcdefgh')).toBe('ntn_…');
    expect(redactToken('development_ntn_abcd')).toBe('development_ntn_…');
  });

  it('never shows more than 4 characters of the body, whatever the length', () => {
    for (const prefix of ['', 'ntn_', 'secret_', 'development_ntn_', 'nrt_']) {
      for (let length = 0; length <= 60; length++) {
        const token = prefix + fakeBody(length + 100, length);
        const shown = redactToken(token);
        const kept = shown.startsWith(prefix) && prefix !== '' ? shown.slice(prefix.length) : shown;
        expect(kept.startsWith('…'), shown).toBe(true);
        expect(kept.length - 1, shown).toBeLessThanOrEqual(4);
        if (token.length < 12) expect(shown).toBe('…');
      }
    }
  });
});

describe('redactAll', () => {
  it('replaces every occurrence of every secret by its redacted form', () => {
    const text = `using ${TOKEN} for Work; retry with ${TOKEN}; fallback ${SECRET_TOKEN} and "${GENERIC_TOKEN}"`;
    const out = redactAll(text, [TOKEN, SECRET_TOKEN, GENERIC_TOKEN]);
    for (const secret of [TOKEN, SECRET_TOKEN, GENERIC_TOKEN]) expect(out).not.toContain(secret);
    expect(out).toBe(
      `using ntn_…${TOKEN.slice(-4)} for Work; retry with ntn_…${TOKEN.slice(-4)}; ` +
        `fallback secret_…${SECRET_TOKEN.slice(-4)} and "…${GENERIC_TOKEN.slice(-4)}"`,
    );
  });

  it('leaves text without secrets unchanged', () => {
    expect(redactAll('nothing to hide here', [TOKEN])).toBe('nothing to hide here');
    expect(redactAll(`keep ${TOKEN}`, [])).toBe(`keep ${TOKEN}`);
  });

  it('ignores secrets shorter than 8 characters', () => {
    expect(redactAll('the cat sat', ['cat', 'the cat', ''])).toBe('the cat sat');
  });

  it('treats secrets literally, not as patterns', () => {
    const secret = 'a.b*c+d?e(f)[g]$';
    expect(redactAll(`x ${secret} y aXbbbcdde`, [secret])).toBe('x …[g]$ y aXbbbcdde');
  });

  it('leaves nothing behind when secrets overlap or contain one another', () => {
    const inner = TOKEN.slice(10, 30);
    const outOfContained = redactAll(`a ${TOKEN} b ${inner} c`, [inner, TOKEN]);
    expect(outOfContained).toBe(`a ntn_…${TOKEN.slice(-4)} b …${inner.slice(-4)} c`);

    const first = fakeBody(7, 30);
    const second = first.slice(20) + fakeBody(8, 20);
    const joined = first + second.slice(10);
    const outOfOverlap = redactAll(`[${joined}]`, [first, second]);
    expect(outOfOverlap).toBe('[…]');
    for (const secret of [first, second]) expect(outOfOverlap).not.toContain(secret.slice(0, 8));
  });

  it('redacts a token that normalizeTokenText extracted from a paste', () => {
    const pasted = `export NOTION_TOKEN="${TOKEN}"`;
    const result = normalizeTokenText(pasted);
    expect(result.ok).toBe(true);
    if (result.ok) expect(redactAll(`pasted: ${pasted}`, [result.token])).toBe(`pasted: export NOTION_TOKEN="ntn_…${TOKEN.slice(-4)}"`);
  });
});
