import type { Client } from '@notionhq/client';
import { redactAll } from '../common/token-text';
import { clockFromEnv, type Clock } from '../core/clock';
import { createKeytarStore } from '../core/keychain/keytar-store';
import type { SecretStore } from '../core/keychain/secret-store';
import { dataDir, keychainService } from '../core/paths';
import { openVaultFile, type VaultFile } from '../core/vault/vault-file';
import { Vault } from '../core/vault/vault';

type Env = Readonly<Record<string, string | undefined>>;

/** What a command needs, built on first use so `get` does not pay for the Notion client. */
export class Context {
  readonly clock: Clock;
  private readonly secrets: string[] = [];
  private built?: { file: VaultFile; store: SecretStore; vault: Vault };
  private notion?: Client;

  constructor(
    readonly env: Env = process.env,
    readonly out: NodeJS.WritableStream = process.stdout,
    readonly err: NodeJS.WritableStream = process.stderr,
  ) {
    this.clock = clockFromEnv(env);
  }

  private parts(): { file: VaultFile; store: SecretStore; vault: Vault } {
    if (!this.built) {
      const file = openVaultFile({ dir: dataDir(this.env), onNotice: (m) => { this.warn(m); }, clock: this.clock });
      const store = createKeytarStore({ service: keychainService(this.env) });
      this.built = { file, store, vault: new Vault(file, store, this.clock) };
    }
    return this.built;
  }

  /** For long-running commands: `NOTION_VAULT_NOW` sets where the clock starts, and it runs from there. */
  runningClock(): Clock {
    const start = this.clock().getTime();
    const since = Date.now();
    return this.env.NOTION_VAULT_NOW ? () => new Date(start + Date.now() - since) : () => new Date();
  }

  get vault(): Vault {
    return this.parts().vault;
  }

  get store(): SecretStore {
    return this.parts().store;
  }

  get file(): VaultFile {
    return this.parts().file;
  }

  /** The Notion client, loaded on first use: `get` and `list` never pay for the SDK. */
  async client(): Promise<Client> {
    if (!this.notion) {
      const { baseUrlFromEnv, createNotionClient } = await import('../core/check/notion-client');
      this.notion = createNotionClient({ baseUrl: baseUrlFromEnv(this.env) });
    }
    return this.notion;
  }

  /** Secrets seen by this process: redacted from anything printed but `get`/`export` output. */
  remember(secret: string): string {
    this.secrets.push(secret);
    return secret;
  }

  redact(text: string): string {
    return redactAll(text, this.secrets);
  }

  /** One line on stderr, for a person. */
  warn(message: string): void {
    this.err.write(`notion-vault: ${this.redact(message)}\n`);
  }

  print(text: string): void {
    this.out.write(this.redact(text));
  }

  json(value: unknown): void {
    this.print(`${JSON.stringify(value, null, 2)}\n`);
  }
}
