import type { TokenKind } from '../../electron/common/types';
import { KIND_LONG, KIND_NOUN } from '../lib/format';

interface KindMismatchProps {
  chosen: TokenKind;
  /** What Notion's answer implies; null: a bot owned by a person, so a PAT or an OAuth token. */
  implied: TokenKind | null;
  onSwitch: (kind: TokenKind) => void;
}

/** Notion's answer contradicts the kind the person chose: say so, and offer the kind(s) it fits. */
export function KindMismatch({ chosen, implied, onSwitch }: KindMismatchProps) {
  const fits: readonly TokenKind[] = implied === null ? ['pat', 'oauth'] : [implied];
  if (fits.includes(chosen)) return null;
  const says = implied === 'internal'
    ? 'Notion says this is an internal integration secret (a bot owned by the workspace)'
    : implied === 'pat'
      ? 'Notion says this token belongs to a person: it is a personal access token'
      : 'Notion says this token acts for a person: it is a personal access token or an OAuth token';
  return (
    <div className="notice notice-warning">
      <p>{says}, not {chosen === 'pat' ? 'a' : 'an'} {KIND_NOUN[chosen]}.</p>
      <div className="inline-actions">
        {fits.map((kind) => (
          <button key={kind} type="button" className="button-secondary" onClick={() => { onSwitch(kind); }}>Switch to {KIND_LONG[kind]}</button>
        ))}
      </div>
    </div>
  );
}
