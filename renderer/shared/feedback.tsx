/** An action's failure, said where the action is (main's one-line message). */
export function ErrorText({ message }: { message: string | null }) {
  if (message === null) return null;
  return <p role="alert" className="message message-error">{message}</p>;
}

/** Progress and outcomes. The region stays in the page so screen readers announce what comes into it. */
export function StatusText({ message }: { message: string | null }) {
  return <p role="status" className="message message-status">{message}</p>;
}
