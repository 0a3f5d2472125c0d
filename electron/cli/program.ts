import { Command, CommanderError, Option } from 'commander';
import { TOKEN_KINDS } from '../common/types';
import { EXIT } from '../core/errors';
import { DEFAULT_REDIRECT_PORT } from '../core/oauth/integrations';
import type { AddFlags } from './commands/add';
import type { ConnectFlags } from './commands/connect';
import { Context } from './context';
import { reportError } from './report-error';

type Action = (ctx: Context) => Promise<number>;

/** The `notion-vault` command line. Each command's module is loaded only when it runs. */
export function buildProgram(ctx: Context, done: (code: number) => void): Command {
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
    .option('--json', 'JSON output')
    .action((names: string[], opts: { json?: boolean }) => go(async (c) => (await import('./commands/check')).check(c, names, opts)));

  program.command('get').argument('<name>').description('print the secret on stdout (for scripts)')
    .action((name: string) => go(async (c) => (await import('./commands/secrets')).get(c, name)));

  program.command('run').argument('<name>').argument('[command...]', 'the command and its arguments, after --')
    .description('run a command with NOTION_TOKEN and NOTION_API_KEY set; exit with its code')
    .addOption(envOption())
    .option('--proxy', 'give the command a placeholder, not the token, and a local proxy (HTTPS_PROXY) that puts the token into its requests to api.notion.com')
    .action((name: string, command: string[], opts: { env?: string[]; proxy?: boolean }) => go(async (c) => (await import('./commands/run')).run(c, name, command, opts)))
    .addHelpText('after', '\nExamples:\n  notion-vault run acme -- node sync.js\n  notion-vault run --proxy acme -- python3 sync.py   # the program never holds the token\n\n--proxy works for programs whose HTTP client honours HTTPS_PROXY and a CA bundle variable\n(curl, Python requests/httpx/urllib, Go, Node with NODE_USE_ENV_PROXY): see docs/cli.md.');

  program.command('export').argument('<name>').description('print NOTION_TOKEN=… lines (env: for eval; dotenv; json)')
    .addOption(new Option('--format <format>', 'output format').choices(['env', 'dotenv', 'json']).default('env'))
    .addOption(envOption())
    .action((name: string, opts: { format: string; env?: string[] }) => go(async (c) => (await import('./commands/secrets')).exportSecret(c, name, opts)));

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

/** Run the CLI; resolves to the process exit code. Errors become one line on stderr. */
export async function main(argv: readonly string[], ctx?: Context): Promise<number> {
  let context: Context | undefined = ctx;
  try {
    context ??= new Context();
    let code: number = EXIT.ok;
    await buildProgram(context, (c) => { code = c; }).parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error, context);
  }
}
