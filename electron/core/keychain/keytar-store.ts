import { randomUUID } from '../lazy-crypto';
import { keychainError } from '../errors';
import { keychainFix, translateKeychainError } from './keychain-errors';
import type { SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

export interface KeytarStoreOptions {
  service: string;
  /** A keychain that waits for a password prompt nobody answers must not hang the CLI. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

const PROBE_ACCOUNT = '__notion-vault-probe__';

export function createKeytarStore({ service, timeoutMs = 15_000, platform = process.platform }: KeytarStoreOptions): SecretStore {
  let keytar: Promise<Keytar> | undefined;
  let probed = false;

  // keytar is CommonJS: required, not imported, it skips the ES loader's translation of a CommonJS
  // module (its exports guessed by parsing the source), a millisecond of every `get`.
  const load = (): Promise<Keytar> =>
    (keytar ??= new Promise<Keytar>((resolve) => {
      resolve(process.getBuiltinModule('node:module').createRequire(import.meta.url)('keytar') as Keytar);
    }).catch(() => Promise.reject(keychainError('The keychain module (keytar) could not load: run `npm rebuild keytar` (Linux needs libsecret-1-dev to build it).'))));

  async function call<T>(what: (k: Keytar) => Promise<T>): Promise<T> {
    const k = await load();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(keychainError(`The keychain did not answer within ${Math.round(timeoutMs / 1000)} s: ${keychainFix(platform)}.`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([what(k).catch((e: unknown) => Promise.reject(translateKeychainError(e, platform))), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: (account) => call((k) => k.getPassword(service, account)),
    set: (account, secret) => call((k) => k.setPassword(service, account, secret)),
    delete: (account) => call((k) => k.deletePassword(service, account)),
    async probe() {
      if (probed) return;
      const account = `${PROBE_ACCOUNT}${String(process.pid)}-${randomUUID()}`;
      const sentinel = randomUUID();
      await call((k) => k.setPassword(service, account, sentinel));
      const back = await call((k) => k.getPassword(service, account));
      await call((k) => k.deletePassword(service, account));
      if (back !== sentinel) throw keychainError(`The keychain accepted a write but did not give it back (locked?): ${keychainFix(platform)}.`);
      probed = true;
    },
  };
}
