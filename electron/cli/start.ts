// The CLI proper, loaded by index.ts once the Node.js version is known to do.
import { get } from './commands/secrets';
import { Context } from './context';
import { reportError } from './report-error';

const argv = process.argv.slice(2);

// `notion-vault list | head -1` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// `notion-vault get NAME` sits in scripts' hot paths: answer it without loading the
// command-line parser (npm run bench compares it with secret-tool).
const [command, name, ...rest] = argv;
const fast = command === 'get' && name !== undefined && !name.startsWith('-') && rest.length === 0;

void (fast ? getDirect(name) : import('./program').then(({ main }) => main(argv))).then((code) => {
  process.exitCode = code;
});

async function getDirect(entryName: string): Promise<number> {
  let ctx: Context | undefined;
  try {
    ctx = new Context();
    return await get(ctx, entryName);
  } catch (error) {
    return reportError(error, ctx);
  }
}
