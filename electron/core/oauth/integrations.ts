import { randomUUID } from '../lazy-crypto';
import { nameProblem } from '../../common/names';
import { DEFAULT_REDIRECT_PORT } from '../../common/redirect-uri';
import type { Integration } from '../../common/types';
import { keychainError, usageError } from '../errors';
import { getVerified, setVerified, type SecretStore } from '../keychain/secret-store';
import type { VaultFile } from '../vault/vault-file';
import { integrationsOf, type VaultDoc } from '../vault/vault-schema';

export { DEFAULT_REDIRECT_PORT, redirectUri } from '../../common/redirect-uri';

/** The keychain account of an integration's client secret: entry accounts are bare uuids, so these cannot collide. */
export const integrationAccount = (id: string): string => `integration:${id}`;

export interface NewIntegration {
  name: string;
  clientId: string;
  clientSecret: string;
  redirectPort?: number;
}

/**
 * The public integrations a person brought for OAuth: metadata in vault.json (`integrations`),
 * each client secret in the keychain. Changes happen under the vault lock, like entries.
 */
export class IntegrationRegistry {
  constructor(
    private readonly file: VaultFile,
    private readonly store: SecretStore,
    private readonly clock: () => Date,
  ) {}

  async list(): Promise<Integration[]> {
    return integrationsOf(await this.file.read());
  }

  async find(name: string): Promise<Integration> {
    return findIn(await this.file.read(), name);
  }

  async findById(id: string): Promise<Integration | null> {
    return integrationsOf(await this.file.read()).find((i) => i.id === id) ?? null;
  }

  /** Stores the client secret (read back), then records the integration; a failed record takes the secret away again. */
  async add({ name, clientId, clientSecret, redirectPort = DEFAULT_REDIRECT_PORT }: NewIntegration): Promise<Integration> {
    const problem = nameProblem(name) ?? clientIdProblem(clientId) ?? portProblem(redirectPort);
    if (problem !== null) throw usageError(problem);
    const stored: { account: string | null } = { account: null };
    try {
      return await this.file.update(async (doc) => {
        const all = integrationsOf(doc);
        if (all.some((i) => i.name === name)) throw usageError(`An integration named "${name}" is already registered: pick another name, or remove it first.`);
        const integration: Integration = { id: randomUUID(), name, clientId, redirectPort, addedAt: this.clock().toISOString() };
        const account = integrationAccount(integration.id);
        await setVerified(this.store, account, clientSecret);
        stored.account = account;
        doc.integrations = [...all, integration];
        return integration;
      });
    } catch (error) {
      if (stored.account !== null) await this.store.delete(stored.account).catch(() => undefined);
      throw error;
    }
  }

  /** Forget an integration no entry uses any more (its entries could not be refreshed without it). */
  async remove(name: string): Promise<Integration> {
    const removed = await this.file.update((doc) => {
      const integration = findIn(doc, name);
      const users = doc.entries.filter((e) => e.integrationId === integration.id).map((e) => e.name);
      if (users.length > 0) {
        throw usageError(`${users.join(', ')} ${users.length === 1 ? 'was' : 'were'} connected through "${name}" and need it to refresh: remove ${users.length === 1 ? 'it' : 'them'} first (notion-vault remove NAME --revoke).`);
      }
      doc.integrations = integrationsOf(doc).filter((i) => i.id !== integration.id);
      return integration;
    });
    await this.store.delete(integrationAccount(removed.id));
    return removed;
  }

  /** The client secret, for the token endpoint only. */
  async secret(integration: Integration): Promise<string> {
    const secret = await getVerified(this.store, integrationAccount(integration.id));
    if (secret === null) {
      throw keychainError(`The keychain has no client secret for integration "${integration.name}" (removed outside notion-vault?): remove the integration and add it again.`);
    }
    return secret;
  }
}

function findIn(doc: VaultDoc, name: string): Integration {
  const found = integrationsOf(doc).find((i) => i.name === name);
  if (!found) throw usageError(`No integration is named "${name}": see \`notion-vault integrations list\`, or register it with \`notion-vault integrations add ${name} --client-id ID\`.`);
  return found;
}

function clientIdProblem(clientId: string): string | null {
  return /^[\x21-\x7E]{1,200}$/.test(clientId) ? null : 'The client id is one word of printable characters: copy the OAuth client ID from the integration\'s settings in Notion.';
}

function portProblem(port: number): string | null {
  return Number.isInteger(port) && port >= 1024 && port <= 65535 ? null : 'The redirect port is a number from 1024 to 65535: pick a port nothing else uses.';
}
