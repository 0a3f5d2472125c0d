// `npm start`: make sure the Electron runtime is there, build, and start the tray app in it.
// electron-vite preview cannot do the first step: it only reads node_modules/electron/path.txt
// and throws "Electron uninstall" when Electron ≥42 has not downloaded its runtime yet.
// TypeScript run by tsx (a dev dependency, as electron-vite is), so lint and typecheck cover it;
// it runs in plain Node before anything is built, and imports nothing of the app.
// Arguments after `--` go to the app: `npm start -- --hidden`.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntime } from './electron-runtime';
import { launchApp } from './launch-app';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

const electron = packageDir('electron');
const { version } = JSON.parse(readFileSync(join(electron, 'package.json'), 'utf8')) as { version: string };

// The runtime first: without it there is nothing to start, so don't make the user wait for a build.
const runtime = ensureRuntime({ dir: electron, version }, process.env, process.platform, () => {
  console.log(`Downloading Electron ${version} (once, into node_modules/electron/dist)…`);
});
if (!runtime.ok) {
  console.error(runtime.message);
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(packageDir('electron-vite'), 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

process.exitCode = await launchApp(runtime.executable, [ROOT, ...process.argv.slice(2)]);
