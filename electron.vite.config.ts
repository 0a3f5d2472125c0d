import { chmodSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { ChunkingContext } from 'rolldown';
import type { Plugin } from 'vite';

interface PackageJson {
  version: string;
  engines: { node: string };
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
// The CLI refuses a Node older than engines.node (electron/cli/index.ts): one source for both.
const minNode = /^>=\s*(\d+\.\d+(?:\.\d+)?)$/.exec(pkg.engines.node)?.[1];
if (minNode === undefined) throw new Error(`package.json engines.node is "${pkg.engines.node}": write it as ">=MAJOR.MINOR", the CLI's start-up check reads it.`);
export const define = { __APP_VERSION__: JSON.stringify(pkg.version), __MIN_NODE__: JSON.stringify(minNode) };

/**
 * Marks the `notion-vault` bin (package.json "bin") executable. Rollup writes files 0644, and
 * the rebuilt file replaces the old one, so `npm link`, a global install and `npx notion-vault`
 * would run a non-executable file ("Permission denied") after every build.
 */
function executableBin(entryName: string): Plugin {
  return {
    name: 'notion-vault:executable-bin',
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.name === entryName) chmodSync(join(options.dir ?? '', chunk.fileName), 0o755);
      }
    },
  };
}

/**
 * `notion-vault get NAME` loads one chunk of the CLI's own code after the entry and start.ts: every
 * module start.ts imports statically (the Context, get, reportError, and all they import), in one
 * file. Node resolves, reads and links each file of an ES module graph on its own, and a dozen
 * small shared chunks cost a get milliseconds its node+keytar floor (npm run bench) never pays.
 * start.ts itself stays out: it runs the CLI when loaded, and the Electron main process imports
 * this chunk too. The other commands import from it as from any other chunk.
 */
const GET_START = resolve('electron/cli/start.ts');
const OWN_CODE = resolve('electron') + sep;
const getPathModules = new WeakMap<ChunkingContext, Set<string>>();
function getPathChunk(id: string, ctx: ChunkingContext): string | null {
  let closure = getPathModules.get(ctx);
  if (closure === undefined) {
    closure = new Set();
    const todo = [...(ctx.getModuleInfo(GET_START)?.importedIds ?? [])];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      const info = ctx.getModuleInfo(next);
      if (closure.has(next) || info === null || !next.startsWith(OWN_CODE)) continue; // not keytar, not node:fs
      closure.add(next);
      todo.push(...info.importedIds);
    }
    getPathModules.set(ctx, closure);
  }
  return closure.has(id) ? 'get-path' : null;
}

// One build for every side of the app. `main` also bundles the `notion-vault` CLI: it shares
// the core with the Electron main process and needs the same Node target and externalized
// dependencies (keytar is a native module).
export default defineConfig({
  main: {
    define,
    plugins: [executableBin('cli')],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: 'electron/main/index.ts', cli: 'electron/cli/index.ts' },
        output: {
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
          codeSplitting: { groups: [{ name: getPathChunk, debugName: 'get-path' }] },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        // A sandboxed preload is loaded as CommonJS, whatever package.json says.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified by default: 2.5× the bytes (gzip 129 KB instead of 84 KB).
      minify: true,
      rollupOptions: { input: { index: 'renderer/index.html' } },
    },
  },
});
