import { Transform } from 'node:stream';

// Notion's answers never hold the token, but a server in between (a company proxy, a broken
// gateway) can echo the request's Authorization header in an error body: the child would then
// read the token there. The answers to requests that got the token are passed through this.

/** Overwrites each `secret` in `data` with as many '*', in place (the length stays: Content-Length holds). */
export function concealIn(data: Buffer, secret: Buffer): Buffer {
  for (let at = data.indexOf(secret); at !== -1; at = data.indexOf(secret, at + secret.length)) data.fill('*', at, at + secret.length);
  return data;
}

const EMPTY = Buffer.alloc(0);

/** How many of the last bytes of `data` could be the start of `secret` (they wait for the next chunk); nearly always 0. */
function startOfSecret(data: Buffer, secret: Buffer): number {
  for (let k = Math.min(secret.length - 1, data.length); k > 0; k--) {
    if (data[data.length - k] === secret[0] && data.subarray(data.length - k).equals(secret.subarray(0, k))) return k;
  }
  return 0;
}

/** A byte stream with every `secret` overwritten, one split across chunks too (the bytes that could start one wait for the next chunk). */
export function concealing(text: string): Transform {
  const secret = Buffer.from(text);
  let held = EMPTY;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const data = concealIn(held.length > 0 ? Buffer.concat([held, chunk]) : chunk, secret);
      const keep = startOfSecret(data, secret);
      held = keep === 0 ? EMPTY : Buffer.from(data.subarray(data.length - keep));
      done(null, keep === 0 ? data : data.subarray(0, data.length - keep));
    },
    flush(done) {
      done(null, held);
    },
  });
}
