// Draws a tray model as text: for tests to read and for the README's picture of the menu.
// `npx tsx test/support/render-tray.ts` prints the menu for a small sample vault (`--all`: every submenu open).
import { pathToFileURL } from 'node:url';
import { DAY_MS } from '../../electron/common/status';
import type { Entry } from '../../electron/common/types';
import { trayModel, type TrayMenuItem, type TrayModel } from '../../electron/core/tray/tray-model';
import { entryFixture } from './entry-fixture';

const INDENT = '    ';

export interface RenderOptions {
  /** Which submenus to draw open: all of them (default), or only the first, as a screenshot would. */
  open?: 'all' | 'first';
}

/** Submenus indented under their item (marked ▸), separators as a rule, disabled text in [brackets]. */
export function renderTrayText(model: TrayModel, options: RenderOptions = {}): string {
  let opened = 0;
  const shouldOpen = (): boolean => options.open !== 'first' || opened++ === 0;
  const renderItems = (items: readonly TrayMenuItem[], indent: string): string[] => {
    const width = Math.max(12, ...items.map((item) => itemText(item).length));
    return items.flatMap((item) => {
      const line = `${indent}${item.kind === 'separator' ? '─'.repeat(width) : itemText(item)}`;
      return item.kind === 'submenu' && shouldOpen() ? [line, ...renderItems(item.items, indent + INDENT)] : [line];
    });
  };
  return [`icon:    ${model.icon}`, `tooltip: ${model.tooltip}`, '', ...renderItems(model.menu, '')].join('\n') + '\n';
}

function itemText(item: TrayMenuItem): string {
  switch (item.kind) {
    case 'separator':
      return '';
    case 'label':
      return `[${item.label}]`;
    case 'action':
      return item.enabled === false ? `[${item.label}]` : item.label;
    case 'submenu':
      return `${item.label}  ▸`;
  }
}

/** The README's sample: five tokens in two workspaces, one expiring, one rejected by Notion. */
export const SAMPLE_NOW = new Date('2026-06-01T09:00:00.000Z');

export function sampleVault(): Entry[] {
  const at = (days: number): string => new Date(SAMPLE_NOW.getTime() + days * DAY_MS).toISOString();
  const pat = (patch: Partial<Entry>): Entry => entryFixture({ kind: 'pat', createdAt: at(-90), identity: { type: 'person', id: 'u1', name: 'Ada' }, ...patch });
  const acme = { workspaceId: 'ws-acme', workspaceName: 'Acme' };
  const beta = { workspaceId: 'ws-beta', workspaceName: 'Beta Labs' };
  return [
    pat({ id: 'e1', name: 'acme-pat', ...acme, expiresAt: at(2.5) }),
    entryFixture({ id: 'e2', name: 'acme-internal', ...acme }),
    entryFixture({ id: 'e3', name: 'beta-internal', ...beta, status: 'invalid', lastDecided: { status: 'invalid', at: at(-1) } }),
    pat({ id: 'e4', name: 'beta-pat', ...beta, expiresAt: at(275) }),
    entryFixture({ id: 'e5', name: 'beta-oauth', kind: 'oauth', ...beta }),
  ];
}

const invokedAs = process.argv[1];
if (invokedAs !== undefined && import.meta.url === pathToFileURL(invokedAs).href) {
  process.stdout.write(renderTrayText(trayModel(sampleVault(), SAMPLE_NOW), { open: process.argv.includes('--all') ? 'all' : 'first' }));
}
