import { describe, expect, it } from 'vitest';
import { CONCEALED, Redactor } from '../../electron/core/handout/redactor';

const TOKEN = 'ntn_4c2b9f0e7d1a4e6b8c3f5a9d2e7b1c4f6a8d3e5b9c';

/** The redactor's whole output for the input cut into these chunks. */
function through(secrets: readonly string[], chunks: readonly (string | Buffer)[]): Buffer {
  const r = new Redactor(secrets);
  const out: Buffer[] = [];
  for (const chunk of chunks) out.push(...r.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk));
  out.push(...r.end());
  return Buffer.concat(out);
}

const text = (b: Buffer): string => b.toString('latin1');

/** Every way to cut `input` in two, and byte by byte. */
function cuts(input: string): string[][] {
  const all = [[input], Array.from({ length: input.length }, (_, i) => input.charAt(i))];
  for (let i = 1; i < input.length; i++) all.push([input.slice(0, i), input.slice(i)]);
  return all;
}

/**
 * What the output must be, computed on the whole input at once: every occurrence of every secret,
 * runs that overlap or touch merged, each run one placeholder.
 */
function reference(secrets: readonly string[], input: string): string {
  const runs: [number, number][] = [];
  for (const s of secrets) {
    if (s === '') continue;
    for (let at = input.indexOf(s); at !== -1; at = input.indexOf(s, at + 1)) runs.push([at, at + s.length]);
  }
  runs.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of runs) {
    const last = merged.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  let out = '';
  let pos = 0;
  for (const [from, to] of merged) {
    out += `${input.slice(pos, from)}${CONCEALED}`;
    pos = to;
  }
  return out + input.slice(pos);
}

describe('Redactor', () => {
  it('conceals a secret wherever the output is cut, even byte by byte', () => {
    const line = `token=${TOKEN} and more\n`;
    for (const chunks of cuts(line)) expect(text(through([TOKEN], chunks)), chunks.join('|')).toBe(`token=${CONCEALED} and more\n`);
  });

  it('conceals every occurrence, on one line and across lines', () => {
    expect(text(through([TOKEN], [`${TOKEN}${TOKEN} x ${TOKEN}\n${TOKEN}`]))).toBe(`${CONCEALED} x ${CONCEALED}\n${CONCEALED}`);
  });

  it('keeps bytes that are not UTF-8 exactly as they were, around and between secrets', () => {
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x1b, 0x5b]);
    const input = Buffer.concat([binary, Buffer.from(TOKEN), binary, Buffer.from(TOKEN), binary]);
    const expected = Buffer.concat([binary, Buffer.from(CONCEALED), binary, Buffer.from(CONCEALED), binary]);
    expect(through([TOKEN], [input]).equals(expected)).toBe(true);
    const bytes = [...input].map((b) => Buffer.from([b]));
    expect(through([TOKEN], bytes).equals(expected)).toBe(true);
  });

  it('gives back at once whatever cannot be the start of a secret, so a prompt shows without a newline', () => {
    const r = new Redactor([TOKEN]);
    expect(text(Buffer.concat(r.push(Buffer.from('Continue? '))))).toBe('Continue? ');
    // "n" could begin the token: it waits for the next byte, and no longer.
    expect(text(Buffer.concat(r.push(Buffer.from('yes or n'))))).toBe('yes or ');
    expect(text(Buffer.concat(r.push(Buffer.from('o'))))).toBe('no');
  });

  it('holds back at most the secret\'s length less one byte, and lets go at the end', () => {
    const r = new Redactor([TOKEN]);
    const almost = TOKEN.slice(0, -1);
    expect(r.push(Buffer.from(`>${almost}`)).map(text).join('')).toBe('>');
    expect(r.end().map(text).join('')).toBe(almost);
  });

  it('of two secrets where one begins the other, conceals the longer whole', () => {
    const short = 'abcd1234';
    const long = 'abcd1234efgh5678';
    for (const secrets of [[short, long], [long, short]]) {
      for (const chunks of cuts(`<${long}>`)) expect(text(through(secrets, chunks)), chunks.join('|')).toBe(`<${CONCEALED}>`);
      for (const chunks of cuts(`<${short}efgh>`)) expect(text(through(secrets, chunks)), chunks.join('|')).toBe(`<${CONCEALED}efgh>`);
    }
  });

  it('finds a secret after a partial match of it (aab inside aaab)', () => {
    for (const chunks of cuts('xaaaby')) expect(text(through(['aab'], chunks)), chunks.join('|')).toBe(`xa${CONCEALED}y`);
    for (const chunks of cuts('aaaaab')) expect(text(through(['aaaab'], chunks)), chunks.join('|')).toBe(`a${CONCEALED}`);
  });

  it('conceals overlapping occurrences as one run, so no part of either shows', () => {
    for (const chunks of cuts('-ababab-')) expect(text(through(['abab'], chunks)), chunks.join('|')).toBe(`-${CONCEALED}-`);
    // A short secret inside the start of a long one that then completes.
    for (const chunks of cuts('.abcdefgh.')) expect(text(through(['bc', 'abcdefgh'], chunks)), chunks.join('|')).toBe(`.${CONCEALED}.`);
    // ... and that does not complete: only the short one is a secret there.
    for (const chunks of cuts('.abcd.')) expect(text(through(['bc', 'abcdefgh'], chunks)), chunks.join('|')).toBe(`.a${CONCEALED}d.`);
  });

  it('with no secret, passes everything through unchanged', () => {
    expect(text(through([], ['abc', 'def']))).toBe('abcdef');
    expect(text(through([''], ['abc']))).toBe('abc');
  });

  it('matches the whole-input reference for random secrets, text and cuts', () => {
    // A two-letter alphabet makes partial matches, overlaps and prefixes common.
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (min: number, max: number): string => Array.from({ length: min + random(max - min + 1) }, () => 'ab'[random(2)]).join('');
    for (let round = 0; round < 3000; round++) {
      const secrets = Array.from({ length: 1 + random(3) }, () => word(2, 6));
      const input = word(0, 40);
      const chunks: string[] = [];
      for (let at = 0; at < input.length;) {
        const size = 1 + random(6);
        chunks.push(input.slice(at, at + size));
        at += size;
      }
      expect(text(through(secrets, chunks)), `${JSON.stringify(secrets)} ${JSON.stringify(chunks)}`).toBe(reference(secrets, input));
    }
  });
});
