import type { TokenKind } from '../../electron/common/types';

interface PagesSharedFixProps {
  kind: TokenKind;
  /** The wizard's own Check again; without it the fix points at the Check now beside it (the details). */
  onCheckAgain?: () => void;
  busy?: boolean;
}

/** Search found nothing: for a connection, no page is shared with it; a PAT sees what its creator sees. */
export function PagesSharedFix({ kind, onCheckAgain, busy = false }: PagesSharedFixProps) {
  const check = onCheckAgain === undefined ? 'Check now' : 'Check again';
  return (
    <div className="notice notice-warning">
      {kind === 'pat' ? (
        <>
          <p><strong>This token sees no pages yet.</strong></p>
          <p>A personal access token sees what its creator can see in Notion. If you have pages in this workspace, Notion’s search may still be catching up (it can lag a few minutes): check again later.</p>
        </>
      ) : (
        <>
          <p><strong>No pages are shared with this connection yet.</strong></p>
          <p>In Notion, open a page → ••• → Connections → Add connection, then {check}. Notion’s search can lag a few minutes after sharing.</p>
        </>
      )}
      {onCheckAgain === undefined ? null : <button type="button" className="button-secondary" onClick={onCheckAgain} aria-disabled={busy}>Check again</button>}
    </div>
  );
}
