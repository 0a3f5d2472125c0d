// The CLI proper, loaded by index.ts once the Node.js version is known to do.
import { get } from './commands/secrets';
import { Context } from './context';
import { reportError } from './report-error';
import { stdoutStream } from './stdout';

const argv = process.argv.slice(2);

// `notion-vault get NAME` sits in scripts' hot paths, and a bare `list` of a big vault pays for
// every module it loads: both are answered without loading the command-line parser (commander
// and what it requires; npm run bench compares get with its node+keytar floor and times list).
const [command, name, ...rest] = argv;
const direct =
  command === 'get' && name !== undefined && !name.startsWith('-') && rest.length === 0 ? (ctx: Context) => get(ctx, name)
  : command === 'list' && name === undefined ? async (ctx: Context) => (await import('./commands/list')).list(ctx, {})
  : null;

// Every command but get may write to process.stdout directly (commander, run's relay): its EPIPE
// guard goes on now. get writes its one line to the file descriptor (stdout.ts).
if (command !== 'get') stdoutStream();

void (direct ? run(direct) : import('./program').then(({ main }) => main(argv))).then((code) => {
  process.exitCode = code;
});

async function run(command: (ctx: Context) => Promise<number>): Promise<number> {
  let ctx: Context | undefined;
  try {
    ctx = new Context();
    return await command(ctx);
  } catch (error) {
    return reportError(error, ctx);
  }
}
