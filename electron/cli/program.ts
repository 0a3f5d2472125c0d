import { Command, CommanderError, Option } from 'commander';
import { TOKEN_KINDS } from '../common/types';
import { EXIT, usageError } from '../core/errors';
import { DEFAULT_REDIRECT_PORT } from '../core/oauth/integrations';
import type { AddFlags } from './commands/add';
import type { ConnectFlags } from './commands/connect';
import type { InjectFlags } from './commands/inject';
import type { RunFlags } from './commands/run';
import type { HandOutFlags } from './hand-out';
import { Context } from './context';
import { reportError } from './report-error';

type Action = (ctx: Context) => Promise<number>;

/** The `notion-vault` command line. Each command's module is loaded only when it runs. */
export function buildProgram(ctx: Context, done: (code: number) => void, argv: readonly string[] = []): Command {
  const go = async (action: Action): Promise<void> => {
    done(await action(ctx));
  };
  const program = new Command('notion-vault')
    .description('Keep Notion API tokens in the OS keychain, check them, and hand them to scripts.\nSecrets are read from standard input, never from arguments.')
    .version(__APP_VERSION__)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => ctx.err.write(s),
      writeOut: (s) => ctx.out.write(s),
      // Parser errors follow the rule for every error: one line, with the fix.
      outputError: (s, write) => { write(`notion-vault: ${s.trim().replace(/^error: /, '').replace(/\.$/, '')}: see notion-vault --help.\n`); },
    });
  const envOption = (): Option =>
    new Option('--env <var>', 'set this variable instead of NOTION_TOKEN and NOTION_API_KEY (repeatable)').argParser((v: string, all: string[] | undefined) => [...(all ?? []), v]);

  const expiry = (cmd: Command): Command =>
    cmd
      .option('--expires <date>', 'PAT: the expiry date Notion showed (YYYY-MM-DD)')
      .addOption(new Option('--expires-in <period>', 'PAT: the lifetime chosen in Notion').choices(['7d', '30d', '90d', '180d', '1y']))
      .option('--created <date>', 'PAT: the day it was created (default: today)');

  expiry(program.command('add').description('store a token read from stdin, after checking it with Notion'))
    .option('--name <name>', 'a unique label (default: workspace + kind, e.g. acme-pat)')
    .addOption(new Option('--kind <kind>', 'the token kind, if Notion cannot tell').choices(TOKEN_KINDS))
    .option('--workspace <name>', 'workspace name, for PATs whose check does not say it')
    .option('--no-check', 'store without asking Notion (status: unchecked)')
    .option('--json', 'print the stored entry as JSON')
    .action((opts: AddFlags) => go(async (c) => (await import('./commands/add')).add(c, opts)))
    .addHelpText('after', '\nExample:\n  printf %s "$TOKEN" | notion-vault add --name acme --expires-in 90d');

  program.command('list').description('list stored tokens (no network)').option('--json', 'JSON output')
    .action((opts: { json?: boolean }) => go(async (c) => (await import('./commands/list')).list(c, opts)));

  program.command('status').description('days left and what needs attention (no network); exit 1 if a token is invalid or expired').option('--json', 'JSON output')
    .action((opts: { json?: boolean }) => go(async (c) => (await import('./commands/list')).status(c, opts)));

  program.command('check').argument('[names...]', 'entries to check (default: all)').description('check tokens with Notion now; exit 1 if one is invalid or expired, 4 if Notion cannot be reached')
    .option('--page <url-or-id>', 'instead: can these tokens see this page, database or data source? (exit 1 if not)')
    .option('--json', 'JSON output')
    .action((names: string[], opts: { json?: boolean; page?: string }) => go(async (c) => (opts.page === undefined
      ? (await import('./commands/check')).check(c, names, opts)
      : (await import('./commands/which')).checkPage(c, names, opts.page, opts))));

  program.command('which').argument('<url-or-id>', 'a Notion link (page, database, view, peek) or id').description('which stored tokens can see this page, database or data source, and why the others cannot; exit 1 if none can, 4 if Notion could not say')
    .option('--json', 'JSON output')
    .action((input: string, opts: { json?: boolean }) => go(async (c) => (await import('./commands/which')).which(c, input, opts)))
    .addHelpText('after', '\nExamples:\n  notion-vault which https://www.notion.so/acme/Roadmap-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6\n  notion-vault check acme-pat --page 1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6');

  const fresh = (cmd: Command): Command => cmd.option('--fresh', 'check the token with Notion first (refreshing a rejected OAuth token); hand out nothing if it fails');
  const noName = '\nWithout NAME: the token linked to this folder or the nearest above it (notion-vault link), else the only one stored.';

  fresh(program.command('get').argument('[name]').description('print the secret on stdout (for scripts)'))
    .action((name: string | undefined, opts: HandOutFlags) => go(async (c) => (await import('./commands/secrets')).get(c, name, opts)))
    .addHelpText('after', noName);

  fresh(program.command('run').argument('[name]').argument('[command...]', 'the command and its arguments, after --')
    .description('run a command with the token in NOTION_TOKEN and NOTION_API_KEY and notion-vault:// references resolved, the tokens masked in what it prints; exit with its code'))
    .addOption(envOption())
    // A missing --env-file is refused by Node.js itself, which reads that flag even after the script (nodejs/node#54232).
    .option('--env-file <file>', 'read variables from a dotenv file; notion-vault://NAME values become tokens (repeatable)', (v: string, all: string[] | undefined) => [...(all ?? []), v])
    .option('--no-masking', 'give the command the terminal as it is: the token shows wherever it prints it')
    .option('--proxy', 'give the command a placeholder, not the token, and a local proxy (HTTPS_PROXY) that puts the token into its requests to api.notion.com')
    .action((_name: string | undefined, _command: string[], opts: RunFlags, cmd: Command) => go(async (c) => {
      const { name, command } = splitRunArgs(argv, cmd.args);
      return (await import('./commands/run')).run(c, name, command, opts);
    }))
    .addHelpText('after', [
      noName,
      'With only references (in the environment or --env-file) and no NAME, just the references are filled.',
      '',
      'Every token handed out (and an OAuth entry\'s refresh token) is replaced by',
      '<concealed by notion-vault> in the command\'s stdout and stderr. Masking reads',
      'what the command prints, so it cannot write to your terminal itself:',
      '  in a terminal, it gets a pseudo-terminal of its own: prompts, colours and',
      '    full-screen programs keep working; stdout and stderr arrive together;',
      '  redirected (a pipe, a file, CI, an agent), it writes to pipes, and may act',
      '    as in a pipe (no colours, output buffered).',
      '--no-masking gives it your terminal as it is, and the token shows.',
      '',
      '--proxy: the command gets notion-vault-proxy-placeholder instead of the token,',
      '  and HTTPS_PROXY to a local proxy that puts the token into its requests to',
      '  api.notion.com. For programs whose HTTP client honours HTTPS_PROXY and a CA',
      '  bundle variable (curl, Python, Go; Node 22.21+/24 with NODE_USE_ENV_PROXY,',
      '  which it sets): see docs/cli.md.',
      '',
      'Examples:',
      '  notion-vault run acme -- node sync.js',
      '  notion-vault run --env-file .env -- node sync.js     # .env: NOTION_TOKEN=notion-vault://acme',
      '  notion-vault run --proxy acme -- python3 sync.py     # sync.py never holds the token',
    ].join('\n'));

  fresh(program.command('export').argument('[name]').description('print NOTION_TOKEN=… lines (env: for eval; dotenv; json)'))
    .addOption(new Option('--format <format>', 'output format').choices(['env', 'dotenv', 'json']).default('env'))
    .addOption(envOption())
    .action((name: string | undefined, opts: HandOutFlags & { format: string; env?: string[] }) => go(async (c) => (await import('./commands/secrets')).exportSecret(c, name, opts)))
    .addHelpText('after', noName);

  fresh(program.command('inject').description('fill {{ notion-vault://NAME }} references in a template (an MCP config, a .env) with tokens'))
    .requiredOption('-i, --input <template>', 'the template file')
    .option('-o, --output <file>', 'write here (mode 600) instead of stdout')
    .option('--force', 'replace the output file if it exists')
    .action((opts: InjectFlags) => go(async (c) => (await import('./commands/inject')).inject(c, opts)))
    .addHelpText('after', '\n{{ notion-vault:// }} (no name) is the folder\'s default token. Nothing is written if a reference cannot be filled.\nExample:\n  notion-vault inject -i mcp.json.tpl -o mcp.json');

  program.command('link').argument('<name>').description('use this token by default in this folder and the folders below it')
    .action((name: string) => go(async (c) => (await import('./commands/link')).link(c, name)));

  program.command('unlink').description('remove this folder\'s link (see link)')
    .action(() => go(async (c) => (await import('./commands/link')).unlink(c)));

  program.command('log').argument('[name]').description('the access log: when each token left the vault, and to which program')
    .option('--since <date>', 'only from this date (YYYY-MM-DD or an ISO time)')
    .option('--json', 'JSON output')
    .action((name: string | undefined, opts: { since?: string; json?: boolean }) => go(async (c) => (await import('./commands/log')).log(c, name, opts)));

  program.command('mcp').argument('[name]').description('print an MCP server entry that runs Notion\'s MCP server with this token (the config holds no secret)')
    .addOption(new Option('--client <client>', 'the MCP client whose config format to print').choices(['claude', 'cursor', 'vscode']).default('claude'))
    .addOption(envOption())
    .action((name: string | undefined, opts: { client: string; env?: string[] }) => go(async (c) => (await import('./commands/mcp')).mcp(c, name, opts)))
    .addHelpText('after', '\nPaste the printed server into claude_desktop_config.json or .mcp.json (claude), .cursor/mcp.json (cursor), or .vscode/mcp.json (vscode).');

  program.command('env').argument('<name>').argument('[vars...]', 'variable names, e.g. NOTION_TOKEN MY_NOTION_KEY')
    .description('show or set the variables run, export and mcp put this token in (default NOTION_TOKEN NOTION_API_KEY)')
    .option('--reset', 'back to NOTION_TOKEN and NOTION_API_KEY')
    .action((name: string, vars: string[], opts: { reset?: boolean }) => go(async (c) => (await import('./commands/env-vars')).envVars(c, name, vars, opts)));

  program.command('rename').argument('<old>').argument('<new>').description('rename an entry')
    .action((oldName: string, newName: string) => go(async (c) => (await import('./commands/manage')).rename(c, oldName, newName)));

  program.command('remove').argument('<name>').description('delete the keychain item and the entry')
    .option('--revoke', 'OAuth connections: have Notion revoke the token first (with the integration\'s credentials)')
    .action((name: string, opts: { revoke?: boolean }) => go(async (c) => (await import('./commands/manage')).remove(c, name, opts)));

  program.command('connect').description('connect a workspace with OAuth through a registered public integration (approve in the browser)')
    .requiredOption('--integration <name>', 'the integration to connect through (see notion-vault integrations list)')
    .option('--name <name>', 'a unique label (default: workspace + oauth, e.g. acme-oauth)')
    .option('--timeout <seconds>', 'how long to wait for the approval in the browser', '300')
    .option('--no-browser', 'print the authorization URL instead of opening the browser')
    .option('--json', 'print the stored entry as JSON')
    .action((opts: ConnectFlags) => go(async (c) => (await import('./commands/connect')).connect(c, opts)))
    .addHelpText('after', '\nThe browser opens Notion\'s authorization page; once you allow access, the tokens are stored in the keychain.\nSet NOTION_VAULT_BROWSER to a command to open the page with it, or to "none" (as --no-browser).\nExample:\n  notion-vault connect --integration my-app --name acme');

  const integrations = program.command('integrations').description('public integrations (client id, secret in the keychain) used by connect');
  integrations.command('add').argument('<name>').description('register a public integration; its OAuth client secret is read from stdin')
    .requiredOption('--client-id <id>', 'the OAuth client ID from the integration\'s settings in Notion')
    .option('--port <port>', `the loopback port of the redirect URI (default ${String(DEFAULT_REDIRECT_PORT)})`)
    .action((name: string, opts: { clientId: string; port?: string }) => go(async (c) => (await import('./commands/integrations')).addIntegration(c, name, opts)))
    .addHelpText('after', `\nExample:\n  notion-vault integrations add my-app --client-id 1234abcd < client-secret.txt\nThen add http://localhost:${String(DEFAULT_REDIRECT_PORT)}/callback as a redirect URI of the integration in Notion.`);
  integrations.command('list').description('registered integrations, their redirect URIs and connections').option('--json', 'JSON output')
    .action((opts: { json?: boolean }) => go(async (c) => (await import('./commands/integrations')).listIntegrations(c, opts)));
  integrations.command('remove').argument('<name>').description('forget an integration (and its client secret) that no connection uses')
    .action((name: string) => go(async (c) => (await import('./commands/integrations')).removeIntegration(c, name)));

  expiry(program.command('rotate').argument('<name>').description('replace a token with a new one for the same workspace (new token on stdin)'))
    .option('--no-check', 'rotate without asking Notion')
    .option('--json', 'print the entry as JSON')
    .action((name: string, opts: { check: boolean; json?: boolean }) => go(async (c) => (await import('./commands/rotate')).rotate(c, name, opts)));

  program.command('watch').description('re-check tokens when due and warn before PATs expire, with desktop notifications (Ctrl-C stops)')
    .option('--once', 'run the checks and notifications that are due now, then exit (for cron)')
    .action((opts: { once?: boolean }) => go(async (c) => (await import('./commands/watch')).watch(c, opts)))
    .addHelpText('after', '\nFrom cron, every hour:\n  0 * * * * notion-vault watch --once >> ~/.notion-vault.log 2>&1');

  program.command('doctor').description('check the keychain, the data folder, Notion and the notifier').option('--json', 'JSON output')
    .action((opts: { json?: boolean }) => go(async (c) => (await import('./commands/doctor')).doctor(c, opts)));

  return program;
}

/**
 * `run [NAME] -- CMD…`: Commander drops the `--`, so the words after it in the raw argv are the
 * command, and a word before it is NAME. Without `--`, the first word is NAME (as before NAME
 * became optional).
 */
function splitRunArgs(argv: readonly string[], words: readonly string[]): { name: string | undefined; command: string[] } {
  const dash = argv.indexOf('--');
  const commandLength = dash === -1 ? Math.max(0, words.length - 1) : argv.length - dash - 1;
  const before = words.slice(0, words.length - commandLength);
  if (before.length > 1) throw usageError(`run takes one token name before --, not ${String(before.length)}: notion-vault run NAME -- CMD.`);
  return { name: before[0], command: words.slice(before.length) };
}

/** Run the CLI; resolves to the process exit code. Errors become one line on stderr. */
export async function main(argv: readonly string[], ctx?: Context): Promise<number> {
  let context: Context | undefined = ctx;
  try {
    context ??= new Context();
    let code: number = EXIT.ok;
    await buildProgram(context, (c) => { code = c; }, argv).parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error, context);
  }
}
