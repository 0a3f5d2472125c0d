import type { EntrySummary, VaultApi } from '../electron/common/ipc-contract';

// The vault list, until the full React window (issue 5) replaces this page.
declare global {
  interface Window {
    vault: VaultApi;
  }
}

async function render(): Promise<void> {
  const summary = document.querySelector('#summary');
  const body = document.querySelector('#entries tbody');
  if (!summary || !body) return;
  try {
    const entries = await window.vault.vaultList();
    summary.textContent = entries.length === 0 ? 'No tokens yet: add one with notion-vault add.' : `${String(entries.length)} tokens`;
    body.replaceChildren(...entries.map(row));
  } catch (error) {
    summary.textContent = error instanceof Error ? error.message : String(error);
  }
}

function row(entry: EntrySummary): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const text of [entry.name, entry.workspaceName ?? '—', entry.shownStatus, entry.daysLeft === null ? '—' : String(entry.daysLeft)]) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

window.vault.on('vault:changed', () => { void render(); });
// Main cannot see the network come back; the window can. Checks that failed offline run again.
window.addEventListener('online', () => { void window.vault.appOnline(); });
void render();
