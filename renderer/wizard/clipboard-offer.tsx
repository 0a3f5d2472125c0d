import type { ClipboardPeek } from '../../electron/common/ipc-contract';

interface ClipboardOfferProps {
  peek: ClipboardPeek;
  busy: boolean;
  onUse: () => void;
}

export function ClipboardOffer({ peek, busy, onUse }: ClipboardOfferProps) {
  return (
    <div className="notice notice-info">
      <p>A token (<code>{peek.redacted ?? '…'}</code>) is on your clipboard.</p>
      <button type="button" className="button-primary" onClick={onUse} aria-disabled={busy}>Use it</button>
    </div>
  );
}
