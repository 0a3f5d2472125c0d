/** The one-line message main sends with every refusal; a fallback for anything else. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return 'Something went wrong: try again.';
}
