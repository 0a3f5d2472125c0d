// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnly = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const fromFolders = (folders, why) => folders.map((f) => ({ group: [`**/${f}/**`, `**/${f}`], message: why }));

// The folder a file lives in says what it may import (see README, "Layout").
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['electron/common/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly, ...nodeBuiltins],
        patterns: fromFolders(['core', 'main', 'preload', 'cli', 'renderer'], 'electron/common is shared by every side: it imports nothing but itself.'),
      }],
    },
  },
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly],
        patterns: fromFolders(['main', 'preload', 'cli', 'renderer'], 'electron/core is Electron-free and used by main and cli, not the other way round.'),
      }],
    },
  },
  {
    files: ['electron/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly],
        patterns: fromFolders(['main', 'preload', 'renderer'], 'The CLI runs without Electron: it uses electron/core and electron/common only.'),
      }],
    },
  },
  {
    files: ['electron/launch/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly],
        patterns: fromFolders(['common', 'core', 'main', 'preload', 'cli', 'renderer'], 'electron/launch starts the app (npm start) in plain Node, before anything is built: it imports Node and itself only.'),
      }],
    },
  },
  {
    // .ts and .tsx alike: the window's hooks live in .ts files too.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly, ...nodeBuiltins],
        patterns: [
          ...fromFolders(['core', 'main', 'preload', 'cli', 'test'], 'The renderer talks to main through window.vault; it imports electron/common only.'),
          // The bundle is React and our own code: no UI, date or other libraries (bundle budget, no secrets in third-party code).
          { regex: '^(?!\\.|react$|react-dom/client$)', message: 'The renderer imports React, react-dom/client, electron/common and its own files only.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: reactHooks.configs.flat.recommended.plugins,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['test/harness/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly],
        patterns: fromFolders(['main', 'preload', 'cli', 'renderer'], 'The browser harness runs the core without Electron: it imports electron/core, electron/common and Node only.'),
      }],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    ignores: ['electron/main/ipc.ts', 'electron/preload/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed IPC wrapper (electron/main/ipc.ts, electron/preload/ipc.ts).' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
