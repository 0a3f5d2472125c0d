import { Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { normalizeTokenText } from '../common/token-text';
import { usageError } from '../core/errors';

/** More than this is not a token; stop reading rather than buffer whatever is piped in. */
const MAX_INPUT = 64 * 1024;

/**
 * The token from standard input (never from argv, where `ps` and shell history see it).
 * On a terminal it is read without echo; piped, everything up to EOF is read and normalized.
 */
export function readSecret(input: NodeJS.ReadStream = process.stdin, prompt: NodeJS.WritableStream = process.stderr): Promise<string> {
  return readOne(input, prompt, 'Paste the token and press Enter (it is not shown): ', (message) => message);
}

/**
 * An integration's OAuth client secret from standard input (one line), by the same rules as a
 * token: never from argv, never echoed, and nothing of it repeated in an error.
 */
export function readClientSecret(input: NodeJS.ReadStream = process.stdin, prompt: NodeJS.WritableStream = process.stderr): Promise<string> {
  return readOne(input, prompt, 'Paste the OAuth client secret and press Enter (it is not shown): ',
    () => 'That is not one client secret: copy the OAuth client secret from the integration\'s settings in Notion and pipe in only that line.');
}

/** `refusal` turns the token-text rule that was broken into the one-line error to show. */
async function readOne(input: NodeJS.ReadStream, prompt: NodeJS.WritableStream, ask: string, refusal: (message: string) => string): Promise<string> {
  const text = input.isTTY ? await readHidden(input, prompt, ask) : await readAll(input);
  const result = normalizeTokenText(text);
  if (!result.ok) throw usageError(refusal(result.message));
  return result.token;
}

async function readAll(input: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    size += buffer.length;
    if (size > MAX_INPUT) {
      input.destroy();
      throw usageError('That is far too long to be a Notion token: pipe in only the token.');
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readHidden(input: NodeJS.ReadStream, prompt: NodeJS.WritableStream, ask: string): Promise<string> {
  prompt.write(ask);
  const silent = new Writable({ write: (_chunk, _encoding, done) => { done(); } });
  const rl = createInterface({ input, output: silent, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.once('line', resolve));
  } finally {
    rl.close();
    prompt.write('\n');
  }
}
