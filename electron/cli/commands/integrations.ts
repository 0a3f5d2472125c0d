import { EXIT, usageError, type ExitCode } from '../../core/errors';
import { DEFAULT_REDIRECT_PORT, redirectUri } from '../../core/oauth/integrations';
import type { Context } from '../context';
import { table } from '../format';
import { readClientSecret } from '../read-secret';

/** Register a public integration: client id as a flag, client secret from stdin (into the keychain). */
export async function addIntegration(ctx: Context, name: string, flags: { clientId: string; port?: string }): Promise<ExitCode> {
  const port = flags.port === undefined ? DEFAULT_REDIRECT_PORT : Number(flags.port);
  if (flags.port !== undefined && !/^\d+$/.test(flags.port)) throw usageError('--port takes a number from 1024 to 65535.');
  const clientSecret = ctx.remember(await readClientSecret());
  await ctx.store.probe();
  const added = await ctx.vault.integrations.add({ name, clientId: flags.clientId, clientSecret, redirectPort: port });
  ctx.print(`Registered ${added.name}. In Notion, add this redirect URI to the integration's OAuth settings: ${redirectUri(added.redirectPort)}\nThen connect a workspace: notion-vault connect --integration ${added.name}\n`);
  return EXIT.ok;
}

export async function listIntegrations(ctx: Context, flags: { json?: boolean }): Promise<ExitCode> {
  const [integrations, entries] = await Promise.all([ctx.vault.integrations.list(), ctx.vault.entries()]);
  const connections = (id: string): string[] => entries.filter((e) => e.integrationId === id).map((e) => e.name);
  if (flags.json) {
    ctx.json({ integrations: integrations.map((i) => ({ ...i, redirectUri: redirectUri(i.redirectPort), connections: connections(i.id) })) });
    return EXIT.ok;
  }
  if (integrations.length === 0) {
    ctx.print('No integrations registered. Register one: notion-vault integrations add NAME --client-id ID < client-secret.txt\n');
    return EXIT.ok;
  }
  ctx.print(table(['NAME', 'CLIENT ID', 'REDIRECT URI', 'CONNECTIONS'], integrations.map((i) => [i.name, i.clientId, redirectUri(i.redirectPort), connections(i.id).join(', ') || '-'])));
  return EXIT.ok;
}

export async function removeIntegration(ctx: Context, name: string): Promise<ExitCode> {
  await ctx.store.probe();
  const removed = await ctx.vault.integrations.remove(name);
  ctx.print(`Removed ${removed.name}: its client secret is gone from the keychain. (The integration itself still exists in Notion.)\n`);
  return EXIT.ok;
}
