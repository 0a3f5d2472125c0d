import { Transform } from 'node:stream';
import { Redactor } from './redactor';

/** A stream that passes bytes through with every one of `secrets` concealed (see redactor.ts). */
export function maskStream(secrets: readonly string[]): Transform {
  const redactor = new Redactor(secrets);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (const part of redactor.push(chunk)) this.push(part);
      done();
    },
    flush(done) {
      for (const part of redactor.end()) this.push(part);
      done();
    },
  });
}
