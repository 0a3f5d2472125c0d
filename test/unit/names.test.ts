import { describe, expect, it } from 'vitest';
import { nameProblem, slug, suggestName } from '../../electron/common/names';

describe('nameProblem', () => {
  it.each(['a', 'acme-pat', 'acme-pat-2', 'Acme_Prod', 'ops@acme', '@team', '_private', 'v1.2', 'zürich', '東京', '9lives', 'a'.repeat(64)])(
    'accepts %s',
    (name) => {
      expect(nameProblem(name)).toBeNull();
    },
  );

  it.each(['', '-flag', '--all', '.hidden', 'with space', 'tab\there', 'a/b', 'a\\b', 'a:b', 'new\nline', 'a'.repeat(65), 'acme pat '])(
    'refuses %j',
    (name) => {
      const problem = nameProblem(name);
      expect(problem).not.toBeNull();
      expect(problem).not.toMatch(/[\r\n]/);
    },
  );

  it('says what a name may be, in one line', () => {
    expect(nameProblem('-x')).toMatch(/1–64/);
  });
});

describe('slug', () => {
  it('lowercases and joins words with dashes', () => {
    expect(slug('Acme Corp')).toBe('acme-corp');
    expect(slug('  Acme   & Sons, Inc.  ')).toBe('acme-sons-inc');
    expect(slug('ACME')).toBe('acme');
  });

  it('is empty for text with no Latin letters or digits', () => {
    expect(slug('')).toBe('');
    expect(slug('東京')).toBe('');
    expect(slug('!!!')).toBe('');
  });

  it('caps at 40 characters without a trailing dash', () => {
    const long = slug('Very Long Workspace Name That Goes On And On Forever');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).not.toMatch(/-$/);
    expect(long).toBe('very-long-workspace-name-that-goes-on-an');
    expect(slug(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
  });

  it('drops accents rather than splitting words on them', () => {
    expect(slug('Café')).toBe('cafe');
    expect(slug('Zürich')).toBe('zurich');
    expect(slug('Café Zürich')).toBe('cafe-zurich');
  });
});

describe('suggestName', () => {
  it('workspace slug and kind', () => {
    expect(suggestName('Acme', 'pat', new Set())).toBe('acme-pat');
    expect(suggestName('Acme Corp', 'internal', new Set())).toBe('acme-corp-internal');
    expect(suggestName('Acme', 'oauth', new Set())).toBe('acme-oauth');
  });

  it('"notion" when there is no usable workspace name', () => {
    expect(suggestName(null, 'pat', new Set())).toBe('notion-pat');
    expect(suggestName('東京', 'internal', new Set())).toBe('notion-internal');
  });

  it('-2, then -3, whichever is free', () => {
    expect(suggestName('Acme', 'pat', new Set(['acme-pat']))).toBe('acme-pat-2');
    expect(suggestName('Acme', 'pat', new Set(['acme-pat', 'acme-pat-2']))).toBe('acme-pat-3');
    expect(suggestName('Acme', 'pat', new Set(['acme-pat', 'acme-pat-3']))).toBe('acme-pat-2');
    expect(suggestName('Acme', 'pat', new Set(['acme-pat-2']))).toBe('acme-pat');
  });

  it('always suggests a usable name', () => {
    const taken = new Set(['notion-internal']);
    for (const workspace of [null, 'Acme', '東京', 'x'.repeat(200), '-leading dash', '...dots...', 'Café Zürich']) {
      for (const kind of ['pat', 'internal', 'oauth'] as const) {
        const name = suggestName(workspace, kind, taken);
        expect(nameProblem(name)).toBeNull();
        expect(taken.has(name)).toBe(false);
      }
    }
  });
});
