// Errors a person sees: one line that says what happened and what to do.
// The exit code travels with the error so every face (CLI, app) reports it the same way.

export const EXIT = {
  ok: 0,
  /** A token needs attention (invalid or expired), or Notion refused it. */
  attention: 1,
  /** Bad flag, malformed token, unknown name, duplicate. */
  usage: 2,
  keychain: 3,
  unreachable: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class VaultError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

export const usageError = (message: string): VaultError => new VaultError(message, EXIT.usage);
export const keychainError = (message: string): VaultError => new VaultError(message, EXIT.keychain);

/** The errno-style code of a Node system error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
