import { displayMessage } from './display-entry';

/** The one-line message main sends with every refusal (it may quote a name), shown safely; a fallback for anything else. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message !== '') return displayMessage(error.message);
  return 'Something went wrong: try again.';
}
