import { useCallback, useEffect, useState } from 'react';
import type { NavigateTarget, StoredResult } from '../electron/common/ipc-contract';
import { AppHeader } from './app-header';
import { EntryDetails } from './details/entry-details';
import { EntryGone } from './details/entry-gone';
import { useEntries } from './lib/use-entries';
import { VaultList } from './list/vault-list';
import { StatusText } from './shared/feedback';
import { SettingsView } from './settings/settings-view';
import { AddWizard } from './wizard/add-wizard';
import type { ReconnectTarget } from './wizard/reconnect';

/** Where the window is. In-app state only: the window itself never navigates. */
type View =
  | { view: 'list'; notice?: string }
  | { view: 'add'; reconnect?: ReconnectTarget }
  | { view: 'settings'; section?: 'integrations' }
  | { view: 'details'; id: string; saved?: StoredResult };

export function App() {
  const [view, setView] = useState<View>({ view: 'list' });
  const { entries, error, reload } = useEntries();
  const navigate = useCallback((target: NavigateTarget) => { setView(target); }, []);
  const openEntry = useCallback((id: string) => { setView({ view: 'details', id }); }, []);
  const toList = useCallback(() => { setView({ view: 'list' }); }, []);

  // Named app state for tests and the bench.
  useEffect(() => { document.documentElement.dataset.view = view.view; }, [view.view]);
  // The tray asks for a view ("Add token…", "Details…", "Settings…"). A request made while this page
  // was loading came before this subscription: main kept it, and it is asked for once, after subscribing.
  // (No unmount guard: StrictMode's rehearsal unmount in development would drop the answer, and App never really unmounts.)
  useEffect(() => {
    const unsubscribe = window.vault.on('ui:navigate', navigate);
    window.vault.appPendingView().then((target) => { if (target !== null) navigate(target); }, () => undefined);
    return unsubscribe;
  }, [navigate]);

  const saved = (stored: StoredResult): void => {
    setView({ view: 'details', id: stored.entry.id, saved: stored });
    reload();
  };

  const content = (() => {
    switch (view.view) {
      case 'list':
        return <VaultList entries={entries} error={error} reload={reload} notice={view.notice ?? null} onOpen={openEntry} onAdd={() => { setView({ view: 'add' }); }} />;
      case 'add':
        return (
          <AddWizard
            key={view.reconnect?.entryName ?? ''}
            reconnect={view.reconnect ?? null}
            takenNames={entries?.map((e) => e.name) ?? []}
            onSaved={saved}
            onCancel={toList}
            onRegisterIntegration={() => { setView({ view: 'settings', section: 'integrations' }); }}
          />
        );
      case 'settings':
        return <SettingsView focusIntegrations={view.section === 'integrations'} />;
      case 'details': {
        // Just saved: show what the save returned until the list has it.
        const entry = entries?.find((e) => e.id === view.id) ?? view.saved?.entry;
        if (entry === undefined) {
          return entries === null ? <StatusText message="Loading…" /> : <EntryGone onBack={toList} />;
        }
        return (
          <EntryDetails
            key={entry.id}
            entry={entry}
            savedWarnings={view.saved?.warnings ?? null}
            onBack={toList}
            onRemoved={(name) => { setView({ view: 'list', notice: `Removed ${name}.` }); reload(); }}
            onChanged={reload}
            onReconnect={(reconnect) => { setView({ view: 'add', reconnect }); }}
          />
        );
      }
    }
  })();

  return (
    <>
      <AppHeader current={view.view} onNavigate={navigate} />
      <main>{content}</main>
    </>
  );
}
