import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { concealing } from '../../electron/core/proxy/conceal';

const SECRET = 'ntn_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ';
const MASK = '*'.repeat(SECRET.length);

async function through(chunks: readonly Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks, { objectMode: false }).pipe(concealing(SECRET))) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

describe('an answer stream with the token overwritten', () => {
  const text = `{"message":"Bearer ${SECRET} was refused","again":"${SECRET}${SECRET}","tail":"${SECRET.slice(0, 10)}"}`;
  const expected = text.replaceAll(SECRET, MASK);

  it('whole, in one chunk', async () => {
    expect((await through([Buffer.from(text)])).toString()).toBe(expected);
  });

  it('split at every byte, and at every place into two chunks: the same bytes, the same length', async () => {
    const bytes = Buffer.from(text);
    expect((await through([...bytes].map((b) => Buffer.from([b])))).toString()).toBe(expected);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect((await through([bytes.subarray(0, cut), bytes.subarray(cut)])).toString()).toBe(expected);
    }
  });

  it('leaves everything else alone, binary included', async () => {
    const binary = Buffer.from([0, 255, 0x1b, 13, 10, ...Buffer.from(SECRET.slice(0, -1)), 0]);
    expect(await through([binary])).toEqual(binary);
  });
});
