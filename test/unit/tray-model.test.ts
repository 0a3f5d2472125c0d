import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../electron/common/status';
import { DEFAULT_SETTINGS, type Entry } from '../../electron/common/types';
import { sameModel, trayModel, type TrayAction, type TrayMenuItem, type TrayModel } from '../../electron/core/tray/tray-model';
import { clip, TOOLTIP_MAX } from '../../electron/core/tray/tray-text';
import { entryFixture } from '../support/entry-fixture';
import { renderTrayText, SAMPLE_NOW, sampleVault } from '../support/render-tray';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const at = (days: number): string => new Date(NOW.getTime() + days * DAY_MS).toISOString();

/** A valid internal secret in Acme; `pat()` for one that expires. */
const entry = (patch: Partial<Entry> = {}): Entry => entryFixture({ lastCheckedAt: at(-0.1), ...patch });
const pat = (patch: Partial<Entry> = {}): Entry => entry({ kind: 'pat', createdAt: at(-90), expiresAt: at(200), ...patch });

const GLOBAL_ITEMS = ['Add token…', 'Check all now', 'Open vault…', 'Settings…', '—', 'Quit'];
const ENTRY_ACTIONS = [
  ['Copy token', 'copy'],
  ['Copy as NOTION_TOKEN=…', 'copy-env'],
  ['Check now', 'check'],
  ['Details…', 'details'],
] as const;

const text = (item: TrayMenuItem): string => (item.kind === 'separator' ? '—' : item.label);
const submenus = (model: TrayModel): Extract<TrayMenuItem, { kind: 'submenu' }>[] =>
  model.menu.flatMap((item) => (item.kind === 'submenu' ? [item] : []));
const labels = (model: TrayModel): string[] => model.menu.filter((item) => item.kind === 'label').map(text);
const allLabels = (items: readonly TrayMenuItem[]): string[] =>
  items.flatMap((item) => (item.kind === 'separator' ? [] : [item.label, ...(item.kind === 'submenu' ? allLabels(item.items) : [])]));
const findAction = (model: TrayModel, type: TrayAction['type']): Extract<TrayMenuItem, { kind: 'action' }> | undefined =>
  model.menu.find((item): item is Extract<TrayMenuItem, { kind: 'action' }> => item.kind === 'action' && item.action.type === type);

function expectGlobalItemsLast(model: TrayModel, checkAllEnabled: boolean): void {
  expect(model.menu.slice(-GLOBAL_ITEMS.length).map(text)).toEqual(GLOBAL_ITEMS);
  expect(model.menu.at(-GLOBAL_ITEMS.length - 1)).toEqual({ kind: 'separator' });
  expect(findAction(model, 'check-all')?.enabled).toBe(checkAllEnabled);
  expect(findAction(model, 'quit')?.action).toEqual({ type: 'quit' });
  expect(findAction(model, 'open')?.action).toEqual({ type: 'open' });
}

describe('trayModel', () => {
  it('empty vault: ok icon, says there are no tokens, Check all disabled', () => {
    const model = trayModel([], NOW);
    expect(model.icon).toBe('ok');
    expect(model.tooltip).toBe('Notion Token Vault: no tokens yet');
    expect(model.menu.map(text)).toEqual(['No tokens yet', '—', ...GLOBAL_ITEMS]);
    expectGlobalItemsLast(model, false);
  });

  it('all fine: ok icon, counts the tokens, shows days left for PATs', () => {
    const model = trayModel([entry({ id: 'a', name: 'acme-internal' }), pat({ id: 'b', name: 'acme-pat' })], NOW);
    expect(model.icon).toBe('ok');
    expect(model.tooltip).toBe('Notion Token Vault: all 2 tokens OK');
    expect(model.menu.slice(0, 3).map(text)).toEqual(['2 tokens · all OK', '—', 'Acme']);
    expect(submenus(model).map(text)).toEqual(['acme-internal — valid', 'acme-pat — valid, 200 days left']);
    expectGlobalItemsLast(model, true);
    expect(trayModel([entry()], NOW).tooltip).toBe('Notion Token Vault: 1 token OK');
  });

  it('one expiring: attention, the tooltip names it and the days left', () => {
    const model = trayModel([entry({ id: 'a', name: 'acme-internal' }), pat({ id: 'b', name: 'acme-pat', expiresAt: at(2.5) })], NOW);
    expect(model.icon).toBe('attention');
    expect(model.tooltip).toBe('Notion Token Vault: acme-pat expires in 3 days');
    expect(labels(model)[0]).toBe('2 tokens · 1 needs attention');
    expect(submenus(model).map(text)).toContain('acme-pat — expiring, 3 days left');
  });

  it('uses the warning thresholds from settings', () => {
    const soon = [pat({ name: 'acme-pat', expiresAt: at(20) })];
    expect(trayModel(soon, NOW).icon).toBe('attention');
    expect(trayModel(soon, NOW, { ...DEFAULT_SETTINGS, thresholdsDays: [7, 1] }).icon).toBe('ok');
  });

  it('invalid: error icon', () => {
    const model = trayModel([entry({ id: 'a', name: 'beta', status: 'invalid' }), pat({ id: 'b', expiresAt: at(2) })], NOW);
    expect(model.icon).toBe('error');
    expect(model.tooltip).toBe('Notion Token Vault: 2 tokens need attention (beta stopped working, acme expires in 2 days)');
    expect(submenus(model).map(text)).toContain('beta — invalid');
  });

  it('expired: error, even though the last check said valid', () => {
    const model = trayModel([pat({ name: 'old', status: 'valid', expiresAt: at(-3) })], NOW);
    expect(model.icon).toBe('error');
    expect(model.tooltip).toBe('Notion Token Vault: old expired');
    expect(submenus(model).map(text)).toEqual(['old — expired']);
  });

  it('no pages shared: attention', () => {
    const model = trayModel([entry({ name: 'acme', pagesShared: false })], NOW);
    expect(model.icon).toBe('attention');
    expect(model.tooltip).toBe('Notion Token Vault: acme sees no pages');
    expect(submenus(model).map(text)).toEqual(['acme — valid, sees no pages']);
  });

  it('unknown or unchecked: attention, and says which', () => {
    const offline = trayModel([entry({ name: 'acme', status: 'unknown' })], NOW);
    expect(offline.icon).toBe('attention');
    expect(offline.tooltip).toBe('Notion Token Vault: acme could not be checked');
    expect(submenus(offline).map(text)).toEqual(['acme — could not check']);

    const wasInvalid = trayModel([entry({ name: 'acme', status: 'unknown', lastDecided: { status: 'invalid', at: at(-1) } })], NOW);
    expect(wasInvalid.tooltip).toBe('Notion Token Vault: acme last known invalid');

    const fresh = trayModel([entry({ name: 'acme', status: 'unchecked', lastCheckedAt: null, lastDecided: null })], NOW);
    expect(fresh.icon).toBe('attention');
    expect(fresh.tooltip).toBe('Notion Token Vault: acme not checked yet');
    expect(submenus(fresh).map(text)).toEqual(['acme — not checked yet']);
  });

  it('groups by workspace name, "Other" last for entries without one', () => {
    const model = trayModel(
      [
        entry({ id: '1', name: 'z', workspaceName: null, workspaceId: null }),
        entry({ id: '2', name: 'b', workspaceName: 'beta' }),
        entry({ id: '3', name: 'a', workspaceName: 'Acme' }),
        entry({ id: '4', name: 'token-10', workspaceName: 'Acme' }),
        entry({ id: '5', name: 'token-2', workspaceName: 'Acme' }),
      ],
      NOW,
    );
    expect(model.menu.slice(2, -7).map((item) => text(item).split(' — ')[0])).toEqual([
      'Acme', 'a', 'token-2', 'token-10', '—', 'beta', 'b', '—', 'Other', 'z',
    ]);
  });

  describe('50 entries in 8 workspaces', () => {
    const workspaces = ['Acme', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta'];
    const statuses = ['valid', 'invalid', 'unknown', 'unchecked', 'valid'] as const;
    // Shuffled on purpose: the menu's order must not depend on the vault's.
    const entries = Array.from({ length: 50 }, (_, i) => {
      const n = (i * 17) % 50;
      return pat({
        id: `id-${String(n)}`,
        name: `${(workspaces[n % 8] ?? '').toLowerCase()}-token-${String(n)}`,
        workspaceId: `ws-${String(n % 8)}`,
        workspaceName: workspaces[n % 8] ?? null,
        status: statuses[n % statuses.length],
        expiresAt: at((n % 40) + 0.5),
      });
    });
    const model = trayModel(entries, NOW);

    it('lists every entry exactly once, under its workspace, in order', () => {
      const seen: string[] = [];
      let header: string | undefined;
      for (const item of model.menu.slice(2, -GLOBAL_ITEMS.length - 1)) {
        if (item.kind === 'label') header = item.label;
        if (item.kind !== 'submenu') continue;
        const [id] = item.items.flatMap((sub) => (sub.kind === 'action' && 'entryId' in sub.action ? [sub.action.entryId] : []));
        const e = entries.find((x) => x.id === id);
        expect(e?.workspaceName).toBe(header);
        expect(item.label.startsWith(`${e?.name ?? '?'} — `)).toBe(true);
        seen.push(e?.name ?? '?');
      }
      expect([...seen].sort()).toEqual(entries.map((e) => e.name).sort());
      expect(labels(model).slice(1)).toEqual([...workspaces].sort());
      // Within each workspace by name, numbers compared as numbers.
      for (const workspace of workspaces) {
        const prefix = `${workspace.toLowerCase()}-token-`;
        const numbers = seen.filter((name) => name.startsWith(prefix)).map((name) => Number(name.slice(prefix.length)));
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      }
    });

    it('gives every entry the four actions, for that entry', () => {
      expect(submenus(model)).toHaveLength(50);
      for (const menu of submenus(model)) {
        const id = entries.find((e) => menu.label.startsWith(`${e.name} — `))?.id ?? '?';
        expect(menu.items).toEqual([
          { kind: 'label', label: 'Never used' },
          ...ENTRY_ACTIONS.map(([label, type]) => ({ kind: 'action', label, action: { type, entryId: id } })),
        ]);
      }
      expectGlobalItemsLast(model, true);
    });

    it('keeps the tooltip under 128 characters, naming the worst first', () => {
      expect(model.icon).toBe('error');
      expect(model.tooltip.length).toBeLessThan(128);
      expect(model.tooltip).toMatch(/^Notion Token Vault: \d+ tokens need attention \(.+ stopped working, .+, \+\d+ more\)$/);
    });
  });

  it('keeps the tooltip under 128 characters whatever the names', () => {
    const long = 'x'.repeat(200);
    for (const entries of [[entry({ name: long, status: 'invalid' })], [entry({ id: 'a', name: long, status: 'invalid' }), entry({ id: 'b', name: `${long}y`, status: 'invalid' })]]) {
      const { tooltip } = trayModel(entries, NOW);
      expect(tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
      expect(tooltip).toContain('xxx…');
    }
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('abcd', 4)).toBe('abcd');
  });

  it('is deterministic: the same vault gives the same model; a changed status does not', () => {
    const vault = sampleVault();
    const model = trayModel(vault, SAMPLE_NOW);
    expect(sameModel(model, trayModel([...vault].reverse(), SAMPLE_NOW))).toBe(true);
    expect(sameModel(model, trayModel(structuredClone(vault), new Date(SAMPLE_NOW.getTime() + 60_000)))).toBe(true);

    const changed = vault.map((e) => (e.name === 'beta-pat' ? { ...e, status: 'invalid' as const } : e));
    expect(sameModel(model, trayModel(changed, SAMPLE_NOW))).toBe(false);
    expect(sameModel(model, trayModel(vault.slice(1), SAMPLE_NOW))).toBe(false);
    expect(sameModel(model, { ...model, tooltip: `${model.tooltip} ` })).toBe(false);
  });

  it('labels and tooltip hold only entry and workspace names, fixed words and numbers', () => {
    const vault = [
      ...sampleVault(),
      entry({ id: 'x1', name: 'gone', workspaceName: null, status: 'unknown' }),
      entry({ id: 'x2', name: 'fresh', workspaceName: null, status: 'unchecked' }),
      entry({ id: 'x3', name: 'blind', workspaceName: null, pagesShared: false }),
      pat({ id: 'x4', name: 'old', workspaceName: null, expiresAt: at(-1) }),
    ];
    const names = [...new Set(vault.flatMap((e) => [e.name, ...(e.workspaceName === null ? [] : [e.workspaceName])]))];
    const vocabulary = new Set(
      ('Notion Token Vault: Copy token as NOTION_TOKEN=… Check now Details… Add token… Open vault… Settings… Quit all Other ' +
        'tokens need needs attention OK valid expiring expired invalid stopped working expires in could not be checked ' +
        'check yet sees no pages last known day days left more · — Never used Used Last the 24 hours ago').split(' '),
    );
    const model = trayModel(vault, SAMPLE_NOW);
    for (const label of [...allLabels(model.menu), model.tooltip]) {
      let rest = label;
      for (const name of names.sort((a, b) => b.length - a.length)) rest = rest.split(name).join(' ');
      for (const word of rest.split(/[\s(),]+/).filter(Boolean)) {
        if (!/^\+?\d+$/.test(word)) expect(vocabulary, `"${word}" in "${label}"`).toContain(word);
      }
    }
  });

  it('says in each entry\'s menu when its token was last used (the access log)', () => {
    const entries = [entry({ id: 'a', name: 'used' }), entry({ id: 'b', name: 'idle' }), entry({ id: 'c', name: 'today' })];
    const model = trayModel(entries, NOW, DEFAULT_SETTINGS, new Map([['a', at(-3.5)], ['c', at(-0.9)]]));
    const first = (name: string): TrayMenuItem | undefined => submenus(model).find((m) => m.label.startsWith(`${name} — `))?.items[0];
    expect(first('used')).toEqual({ kind: 'label', label: 'Last used 3 days ago' });
    expect(first('idle')).toEqual({ kind: 'label', label: 'Never used' });
    expect(first('today')).toEqual({ kind: 'label', label: 'Used in the last 24 hours' });
    // By the day, so a minute later the menu is the same and is not rebuilt.
    expect(sameModel(model, trayModel(entries, new Date(NOW.getTime() + 60_000), DEFAULT_SETTINGS, new Map([['a', at(-3.5)], ['c', at(-0.9)]])))).toBe(true);
  });

  it('renders as text for the README', () => {
    const rendered = renderTrayText(trayModel(sampleVault(), SAMPLE_NOW), { open: 'first' });
    expect(rendered).toContain('[5 tokens · 2 need attention]');
    expect(rendered).toContain('acme-pat — expiring, 3 days left  ▸');
    expect(rendered).toContain('    Copy as NOTION_TOKEN=…');
    expect(rendered.match(/Copy token/g)).toHaveLength(1);
  });
});
