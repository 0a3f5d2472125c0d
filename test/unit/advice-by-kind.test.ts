// The "sees no pages" advice on every face, by kind: a PAT acts as its creator and is never told to
// Add connection; an internal integration or an OAuth connection always is. The faces: status and
// check (attentionHint), notifications, the tray, the window (its pages-shared fix) and the wizard's
// steps. The CLI's add and check warnings: test/integration/cli-rough-edges.test.ts.

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { attentionHint } from '../../electron/common/status';
import type { Entry, TokenKind } from '../../electron/common/types';
import { checkNotices } from '../../electron/core/monitor/notices';
import { entryState } from '../../electron/core/tray/entry-state';
import { PagesSharedFix } from '../../renderer/shared/pages-shared-fix';
import { INSTRUCTIONS } from '../../renderer/wizard/instructions';
import { entryFixture } from '../support/entry-fixture';

const NOW = new Date('2026-03-01T00:00:00.000Z');

function seesNothing(kind: TokenKind): { before: Entry; after: Entry } {
  const before = entryFixture({
    name: `acme-${kind}`, kind, workspaceName: 'Acme', status: 'valid', pagesShared: true,
    createdAt: '2026-01-01T00:00:00.000Z', expiresAt: kind === 'pat' ? '2027-01-01T00:00:00.000Z' : null,
    lastDecided: { status: 'valid', at: '2026-02-01T00:00:00.000Z' },
  });
  return { before, after: { ...before, pagesShared: false } };
}

/** Every face's words for a token of this kind that sees no pages. */
function faces(kind: TokenKind): Record<string, string> {
  const { before, after } = seesNothing(kind);
  return {
    'status and check (attention)': attentionHint(after, NOW) ?? '',
    notification: checkNotices(before, after, false).map((n) => `${n.title}: ${n.body}`).join('\n'),
    tray: `${entryState(after, NOW, [30]).label} ${entryState(after, NOW, [30]).problem ?? ''}`,
    window: renderToStaticMarkup(PagesSharedFix({ kind, onCheckAgain: () => undefined, busy: false })),
    'wizard steps': INSTRUCTIONS[kind].map((step) => step.text).join('\n'),
  };
}

describe.each(Object.keys(faces('pat')))('%s', (face) => {
  it('a PAT that sees no pages is never told to Add connection, and hears what it means for a PAT', () => {
    const text = faces('pat')[face] ?? '';
    expect(text).not.toMatch(/Add connection/i);
    if (face !== 'tray' && face !== 'wizard steps') expect(text).toMatch(/creator|Notion API capability/);
  });

  it.each(['internal', 'oauth'] as const)('a %s token that sees no pages is told to Add connection', (kind) => {
    const text = faces(kind)[face] ?? '';
    // The tray has room for "sees no pages" only; OAuth tokens are made by a flow, not wizard steps that share pages.
    if (face === 'tray' || (face === 'wizard steps' && kind === 'oauth')) expect(text).toMatch(/sees no pages|OAuth/);
    else expect(text).toContain('••• → Connections → Add connection');
  });
});
