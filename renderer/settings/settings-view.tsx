import { useEffect, useId, useState, type SubmitEvent } from 'react';
import type { AppInfo } from '../../electron/common/ipc-contract';
import { errorMessage } from '../lib/errors';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';
import { ViewHeading } from '../shared/view-heading';
import { IntegrationsSection } from './integrations-section';
import { toPatch, toText, type SettingsText } from './settings-form';

/** `focusIntegrations`: opened from the wizard to register a public integration. */
export function SettingsView({ focusIntegrations = false }: { focusIntegrations?: boolean }) {
  const id = useId();
  const action = useAction();
  const [form, setForm] = useState<SettingsText | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    let live = true;
    window.vault.settingsGet().then(
      (settings) => { if (live) setForm(toText(settings)); },
      (caught: unknown) => { if (live) setLoadError(errorMessage(caught)); },
    );
    window.vault.appInfo().then((value) => { if (live) setInfo(value); }, () => undefined);
    return () => { live = false; };
  }, []);

  const edit = (change: Partial<SettingsText>): void => {
    setDone(null);
    setForm((current) => (current === null ? null : { ...current, ...change }));
  };
  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (form === null) return;
    const parsed = toPatch(form);
    if (!parsed.ok) {
      action.fail(parsed.problem);
      return;
    }
    const outcome = await action.run(() => window.vault.settingsSet(parsed.patch));
    if (!outcome.ok) return;
    setForm(toText(outcome.value));
    setDone('Settings saved.');
  };

  return (
    <section className="view settings" aria-labelledby={`${id}-title`}>
      <ViewHeading id={`${id}-title`}>Settings</ViewHeading>
      <ErrorText message={loadError} />
      {form === null ? <StatusText message={loadError === null ? 'Loading…' : null} /> : (
        <form onSubmit={(event) => void save(event)} noValidate>
          <fieldset>
            <legend>Checks and warnings</legend>
            <div className="field">
              <label htmlFor={`${id}-interval`}>Check interval (hours)</label>
              <p id={`${id}-interval-hint`} className="hint">How often each token is checked with Notion.</p>
              <input id={`${id}-interval`} type="number" min="1" max="720" step="1" inputMode="numeric" value={form.checkIntervalHours} aria-describedby={`${id}-interval-hint`} onChange={(event) => { edit({ checkIntervalHours: event.target.value }); }} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-thresholds`}>Warning thresholds (days)</label>
              <p id={`${id}-thresholds-hint`} className="hint">Days before a personal access token expires to warn you, separated by commas. Expiry itself is always announced.</p>
              <input id={`${id}-thresholds`} type="text" inputMode="numeric" value={form.thresholdsDays} aria-describedby={`${id}-thresholds-hint`} onChange={(event) => { edit({ thresholdsDays: event.target.value }); }} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-unused`}>Flag unused tokens after (days)</label>
              <p id={`${id}-unused-hint`} className="hint">A token no program, copy or reveal has used for this long is flagged: revoke it in Notion if nothing needs it. 0 = never.</p>
              <input id={`${id}-unused`} type="number" min="0" max="3650" step="1" inputMode="numeric" value={form.unusedDays} aria-describedby={`${id}-unused-hint`} onChange={(event) => { edit({ unusedDays: event.target.value }); }} />
            </div>
            <div className="field field-check">
              <input id={`${id}-notifications`} type="checkbox" checked={form.notifications} onChange={(event) => { edit({ notifications: event.target.checked }); }} />
              <label htmlFor={`${id}-notifications`}>Desktop notifications</label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Clipboard</legend>
            <div className="field">
              <label htmlFor={`${id}-clipboard`}>Clipboard clear delay (seconds)</label>
              <p id={`${id}-clipboard-hint`} className="hint">A copied token is cleared from the clipboard after this long, if it is still there. 0 = never.</p>
              <input id={`${id}-clipboard`} type="number" min="0" max="3600" step="1" inputMode="numeric" value={form.clipboardClearSeconds} aria-describedby={`${id}-clipboard-hint`} onChange={(event) => { edit({ clipboardClearSeconds: event.target.value }); }} />
            </div>
          </fieldset>
          <fieldset>
            <legend>Start</legend>
            <div className="field field-check">
              <input id={`${id}-login`} type="checkbox" checked={form.launchAtLogin} aria-describedby={info?.loginItem === 'installed-app-only' ? `${id}-login-hint` : undefined} onChange={(event) => { edit({ launchAtLogin: event.target.checked }); }} />
              <label htmlFor={`${id}-login`}>Launch at login</label>
              {info?.loginItem === 'installed-app-only' && (
                <p id={`${id}-login-hint`} className="hint">Applies to the installed app: this development run registers nothing with the system.</p>
              )}
            </div>
          </fieldset>
          <ErrorText message={action.error} />
          <StatusText message={action.busy ? 'Saving…' : done} />
          <div className="inline-actions">
            <button type="submit" className="button-primary" aria-disabled={action.busy}>Save settings</button>
          </div>
        </form>
      )}
      <IntegrationsSection focus={focusIntegrations} />
    </section>
  );
}
