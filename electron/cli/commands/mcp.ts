import { realpathSync } from 'node:fs';
import { EXIT, usageError, type ExitCode } from '../../core/errors';
import { findOnPath } from '../../core/find-on-path';
import type { Context } from '../context';
import { chosenEntry } from '../hand-out';
import { variables } from './secrets';

export const MCP_CLIENTS = ['claude', 'cursor', 'vscode'] as const;
type McpClient = (typeof MCP_CLIENTS)[number];

/** Notion's MCP server (github.com/makenotion/notion-mcp-server): it reads its token from NOTION_TOKEN. */
const SERVER = ['-y', '@notionhq/notion-mcp-server'];

/**
 * An MCP server entry that starts Notion's MCP server through `notion-vault run NAME --`, so the
 * client's config file holds no token. Paths are absolute: MCP clients start servers with a
 * bare PATH (Claude Desktop on macOS finds neither node nor npx on its own).
 */
export async function mcp(ctx: Context, name: string | undefined, flags: { client: string; env?: string[] }): Promise<ExitCode> {
  if (!(MCP_CLIENTS as readonly string[]).includes(flags.client)) throw usageError(`--client takes ${MCP_CLIENTS.join(', ')}, not "${flags.client.slice(0, 20)}".`);
  const entry = await chosenEntry(ctx, name);
  const vars = variables(flags.env, entry);
  if (!vars.includes('NOTION_TOKEN')) ctx.warn(`Notion's MCP server reads NOTION_TOKEN, which ${entry.name} does not set (${vars.join(', ')}): add --env NOTION_TOKEN, or notion-vault env ${entry.name} NOTION_TOKEN.`);
  const cli = realpathSync(process.argv[1] ?? '');
  const args = [cli, 'run', entry.name, ...(flags.env ?? []).flatMap((v) => ['--env', v]), '--', findOnPath('npx', ctx.env) ?? 'npx', ...SERVER];
  ctx.json(config(flags.client as McpClient, `notion-${entry.name}`, { command: process.execPath, args }));
  return EXIT.ok;
}

interface Server {
  command: string;
  args: string[];
}

/** The document each client reads, with the one server in it. */
function config(client: McpClient, key: string, server: Server): unknown {
  switch (client) {
    // Claude Desktop's claude_desktop_config.json and Claude Code's .mcp.json (modelcontextprotocol.io/quickstart/user);
    // Cursor's ~/.cursor/mcp.json or .cursor/mcp.json (docs.cursor.com, "Model Context Protocol"): the same shape.
    case 'claude':
    case 'cursor':
      return { mcpServers: { [key]: server } };
    // VS Code's .vscode/mcp.json: "servers", each with its transport type (code.visualstudio.com/docs/copilot/customization/mcp-servers).
    case 'vscode':
      return { servers: { [key]: { type: 'stdio', ...server } } };
  }
}
