// The `notion-vault` entry. It checks the Node.js version before anything else loads: static
// imports are linked before any code runs, so the rest of the CLI comes in through a dynamic
// import, and an old Node gets one line instead of a syntax or missing-export error.
import { enableCompileCache } from './compile-cache';
import { unsupportedNodeMessage } from './node-support';

const problem = unsupportedNodeMessage(process.versions.node, __MIN_NODE__);
if (problem === null) {
  enableCompileCache();
  await import('./start');
} else {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 2; // EXIT.usage, written out: importing core/errors here could pull in a shared chunk.
}
