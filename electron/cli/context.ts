import type { Client } from '@notionhq/client';
import { forTerminal, forTerminalLines, stringifySafe } from '../common/outside-text';
import { redactAll } from '../common/token-text';
import { clockFromEnv, type Clock } from '../core/clock';
import { createKeytarStore } from '../core/keychain/keytar-store';
import type { SecretStore } from '../core/keychain/secret-store';
import { openAccessLog, type AccessLog } from '../core/handout/access-log';
import { dataDir, keychainService } from '../core/paths';
import { openVaultFile, type VaultFile } from '../core/vault/vault-file';
import { Vault } from '../core/vault/vault';
import { stdoutIsTerminal, stdoutStream, writeWhole } from './stdout';

/** What print leaves as it is (forTerminalLines' own test): a UTF-8 byte from 0x80 up reads as Latin-1 from U+0080 up. */
const NOT_PLAIN_ASCII = /[^\n\x20-\x7e]/;

/** A warning names a few fields and says the fix; longer means a field was not capped. */
const WARN_MAX = 1_000;

type Env = Readonly<Record<string, string | undefined>>;

/** What a command needs, built on first use so `get` does not pay for the Notion client. */
export class Context {
  readonly clock: Clock;
  private readonly secrets: string[] = [];
  private built?: { file: VaultFile; store: SecretStore; vault: Vault };
  private notion?: Client;
  private log?: AccessLog;
  private outStream?: NodeJS.WritableStream;
  private errStream?: NodeJS.WritableStream;

  constructor(
    readonly env: Env = process.env,
    out?: NodeJS.WritableStream,
    err?: NodeJS.WritableStream,
  ) {
    this.clock = clockFromEnv(env);
    this.outStream = out;
    this.errStream = err;
  }

  /** process.stdout unless told otherwise, made on first use (stdout.ts). */
  get out(): NodeJS.WritableStream {
    return (this.outStream ??= stdoutStream());
  }

  /** A command's whole output in one write: `get` prints its token without building process.stdout (stdout.ts). */
  writeWhole(text: string): void {
    if (this.outStream === undefined) writeWhole(text);
    else this.outStream.write(text);
  }

  /** Whether the output is a person's terminal (`get` ends its line there, not in a pipe). */
  outIsTerminal(): boolean {
    if (this.outStream === undefined) return stdoutIsTerminal();
    return this.outStream === process.stdout && process.stdout.isTTY;
  }

  /** process.stderr unless told otherwise, made on first use: a `get` that says nothing never builds its stream (a pipe's is a socket). */
  get err(): NodeJS.WritableStream {
    return (this.errStream ??= process.stderr);
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

  /** access.log beside vault.json: a line per secret handed out. */
  get accessLog(): AccessLog {
    this.log ??= openAccessLog({ file: this.file, onNotice: (m) => { this.warn(m); } });
    return this.log;
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

  secretsSeen(): readonly string[] {
    return this.secrets;
  }

  redact(text: string): string {
    return redactAll(text, this.secrets);
  }

  /** One line on stderr, for a person: a name or error text inside cannot break it or drive the terminal. */
  warn(message: string): void {
    this.err.write(`notion-vault: ${forTerminal(this.redact(message), WARN_MAX)}\n`);
  }

  /** Human output: fields come through `forTerminal`; this catches any control character that did not. */
  print(text: string): void {
    this.out.write(forTerminalLines(this.redact(text)));
  }

  /**
   * Human output made as bytes (tableBytes). Written as they are when print would change nothing:
   * printable ASCII and line breaks only, and no secret of this process in them; anything else
   * goes through print, decoded.
   */
  printBytes(bytes: Buffer): void {
    if (this.secrets.length === 0 && !NOT_PLAIN_ASCII.test(bytes.toString('latin1'))) this.out.write(bytes);
    else this.print(bytes.toString('utf8'));
  }

  /** One JSON document: values as stored, bidi and format characters escaped (JSON.stringify escapes only C0). */
  json(value: unknown): void {
    this.out.write(`${this.redact(stringifySafe(value, 2))}\n`);
  }
}
