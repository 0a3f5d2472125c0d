import type { Inspection } from '../../electron/common/ipc-contract';
import type { TokenKind } from '../../electron/common/types';
import { identityText, withoutFix } from '../lib/format';
import { PagesSharedFix } from '../shared/pages-shared-fix';
import { KindMismatch } from './kind-mismatch';

interface CheckResultProps {
  inspection: Inspection;
  kind: TokenKind;
  busy: boolean;
  onCheckAgain: () => void;
  onSwitchKind: (kind: TokenKind) => void;
}

/** What Notion said about the pasted token, and what to do next. */
export function CheckResult({ inspection, kind, busy, onCheckAgain, onSwitchKind }: CheckResultProps) {
  const { check, duplicateOf, redacted } = inspection;
  if (duplicateOf !== null) {
    return (
      <div className="result result-error">
        <h4>Already in the vault</h4>
        <p>This token (<code>{redacted}</code>) is already in the vault as {duplicateOf}. It cannot be added twice: paste another token.</p>
      </div>
    );
  }
  if (check.result === 'unauthorized') {
    return (
      <div className="result result-error">
        <h4>Notion rejected this token</h4>
        {/* Main's message ends with the CLI's fix; the wizard's own is said once, below. */}
        <p>{withoutFix(check.message)}</p>
        <p>Create a new token in Notion, then paste it here again.</p>
      </div>
    );
  }
  if (check.result === 'unknown') {
    return (
      <div className="result result-warning">
        <h4>Notion could not be reached</h4>
        <p>{check.message}</p>
        <p>You can save it unchecked and check it later.</p>
      </div>
    );
  }
  return (
    <div className="result result-ok">
      <h4>Notion accepted <code>{redacted}</code></h4>
      <dl className="facts facts-inline">
        <dt>Workspace</dt>
        <dd>{check.workspaceName ?? 'Not given by Notion (you can name it in the next step)'}</dd>
        <dt>Identity</dt>
        <dd>{identityText(check.identity)}</dd>
      </dl>
      <KindMismatch chosen={kind} implied={check.kind} onSwitch={onSwitchKind} />
      {check.pagesShared === false ? <PagesSharedFix kind={kind} onCheckAgain={onCheckAgain} busy={busy} /> : null}
    </div>
  );
}
