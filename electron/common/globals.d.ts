/** The package version, inlined at build time (electron.vite.config.ts). */
declare const __APP_VERSION__: string;
