// Run the Notion emulator by hand: npx tsx test/support/notion-emulator-main.ts tokens.json
// tokens.json maps each token to a TokenSpec, e.g. {"secret_a": {"identity": "internal"}}.
// Prints `ready: <url>`; point the vault at that url and stop with Ctrl-C.

import { readFile } from 'node:fs/promises';
import { startNotionEmulator, type TokenSpec } from './notion-emulator';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: tsx test/support/notion-emulator-main.ts <tokens.json>');
  process.exit(2);
}

const specs: unknown = JSON.parse(await readFile(file, 'utf8'));
if (typeof specs !== 'object' || specs === null || Array.isArray(specs)) {
  console.error(`${file}: expected a JSON object mapping tokens to specs`);
  process.exit(2);
}

const emulator = await startNotionEmulator();
// The specs are trusted test fixtures; the emulator itself reports nonsense soon enough.
for (const [token, spec] of Object.entries(specs as Record<string, TokenSpec>)) emulator.setToken(token, spec);
console.log(`ready: ${emulator.url}`);

const shutdown = (): void => {
  void emulator.stop();
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
