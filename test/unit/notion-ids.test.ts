import { describe, expect, it } from 'vitest';
import { parseNotionTarget, type NotionTarget } from '../../electron/common/notion-ids';

const HEX = '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6';
const DASHED = '1a2b3c4d-5e6f-47a8-b9c0-d1e2f3a4b5c6';
const VIEW = 'ffeeddccbbaa49887766554433221100';
const PEEKED = '0123456789abcdef0123456789abcdef';

const target = (input: string): NotionTarget => {
  const parsed = parseNotionTarget(input);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.target;
};

describe('parseNotionTarget', () => {
  it.each([
    ['a bare id', HEX, { id: DASHED, hint: null, workspaceSlug: null }],
    ['a dashed id', DASHED, { id: DASHED, hint: null, workspaceSlug: null }],
    ['an upper-case id', HEX.toUpperCase(), { id: DASHED, hint: null, workspaceSlug: null }],
    ['an id in quotes', `"${HEX}"`, { id: DASHED, hint: null, workspaceSlug: null }],
    ['notion.so/<id>', `https://www.notion.so/${HEX}`, { id: DASHED, hint: null, workspaceSlug: null }],
    ['a title slug with the id at the end', `https://www.notion.so/Roadmap-Q3-2026-${HEX}`, { id: DASHED, hint: null, workspaceSlug: null }],
    ['a workspace-prefixed URL', `https://www.notion.so/acme/Roadmap-${HEX}`, { id: DASHED, hint: null, workspaceSlug: 'acme' }],
    ['a database view (?v=)', `https://www.notion.so/acme/${HEX}?v=${VIEW}`, { id: DASHED, hint: 'database', workspaceSlug: 'acme' }],
    ['a peeked page (?p=)', `https://www.notion.so/acme/${HEX}?v=${VIEW}&p=${PEEKED}&pm=s`, { id: '01234567-89ab-cdef-0123-456789abcdef', hint: null, workspaceSlug: 'acme' }],
    ['a notion.site page', `https://acme.notion.site/Handbook-${HEX}`, { id: DASHED, hint: null, workspaceSlug: 'acme' }],
    ['a link without https://', `notion.so/acme/Handbook-${HEX}`, { id: DASHED, hint: null, workspaceSlug: 'acme' }],
    ['a block anchor and ?pvs=', `https://www.notion.so/Handbook-${HEX}?pvs=4#${VIEW}`, { id: DASHED, hint: null, workspaceSlug: null }],
    ['the desktop app’s notion:// link', `notion://www.notion.so/acme/Handbook-${HEX}`, { id: DASHED, hint: null, workspaceSlug: 'acme' }],
    ['a dashed id at the end of a path', `https://www.notion.so/${DASHED}`, { id: DASHED, hint: null, workspaceSlug: null }],
    ['app.notion.com', `https://app.notion.com/acme/Handbook-${HEX}`, { id: DASHED, hint: null, workspaceSlug: 'acme' }],
    ['an encoded title', `https://www.notion.so/acme/%C3%9Cbersicht-${HEX}/`, { id: DASHED, hint: null, workspaceSlug: 'acme' }],
  ])('%s', (_what, input, expected) => {
    expect(target(input)).toEqual(expected);
  });

  it.each([
    ['nothing', '   '],
    ['another site', `https://example.com/Page-${HEX}`],
    ['a look-alike host', `https://notion.so.example.com/${HEX}`],
    ['an id one character short', HEX.slice(1)],
    ['a Notion link without an id', 'https://www.notion.so/acme/Roadmap'],
    ['a javascript: URL', `javascript:alert(1)//${HEX}`],
  ])('refuses %s, with the fix', (_what, input) => {
    const parsed = parseNotionTarget(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/Copy link/);
  });

  it('never echoes what it refuses (a pasted token must not come back in an error)', () => {
    const token = 'ntn_4582937461abcdefABCDEF0123456789abcdefabcdefab';
    const parsed = parseNotionTarget(token);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).not.toContain(token.slice(4, 20));
  });
});
