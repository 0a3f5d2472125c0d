import type { Inspection } from '../../electron/common/ipc-contract';
import { suggestName } from '../../electron/common/names';
import type { TokenKind } from '../../electron/common/types';

/** A token can be saved when Notion did not refuse it and it is not in the vault already. */
export function canSave(inspection: Inspection | null): inspection is Inspection {
  return inspection !== null && inspection.duplicateOf === null && inspection.check.result !== 'unauthorized';
}

/** The workspace Notion named, if any (a PAT answering as a person names none). */
export function inspectedWorkspace(inspection: Inspection): string | null {
  return inspection.check.result === 'ok' ? inspection.check.workspaceName : null;
}

/** Main's suggestion assumes the kind Notion implies (a PAT when unsure); another chosen kind gets its own free name. */
export function suggestedName(inspection: Inspection, kind: TokenKind, takenNames: readonly string[]): string {
  const assumed = inspection.check.result === 'ok' ? inspection.check.kind ?? 'pat' : 'pat';
  if (assumed === kind) return inspection.suggestedName;
  return suggestName(inspectedWorkspace(inspection), kind, new Set(takenNames));
}
