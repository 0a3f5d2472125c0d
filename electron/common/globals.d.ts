/** The package version, inlined at build time (electron.vite.config.ts). */
declare const __APP_VERSION__: string;
/** The oldest Node.js the CLI runs on (package.json engines.node), inlined at build time. */
declare const __MIN_NODE__: string;
