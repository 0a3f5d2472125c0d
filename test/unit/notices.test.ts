import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../electron/common/status';
import { DEFAULT_SETTINGS, type Entry, type Settings } from '../../electron/common/types';
import { checkNotices, collapse, expiryNotice, type Notice, type Notification } from '../../electron/core/monitor/notices';
import { fakeToken } from '../support/cli';
import { entryFixture } from '../support/entry-fixture';

const CREATED = '2026-01-01T00:00:00.000Z';
const EXPIRES = '2027-01-01T00:00:00.000Z'; // 365 days later
const EXPIRES_MS = Date.parse(EXPIRES);
const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });
const daysBefore = (days: number): Date => new Date(EXPIRES_MS - days * DAY_MS);

function entry(patch: Partial<Entry> = {}): Entry {
  return entryFixture({
    name: 'acme-pat',
    kind: 'pat',
    createdAt: CREATED,
    expiresAt: EXPIRES,
    addedAt: CREATED,
    lastCheckedAt: CREATED,
    lastOkAt: CREATED,
    lastDecided: { status: 'valid', at: CREATED },
    ...patch,
  });
}

/** Says what to do: make a new token and rotate it in, naming the entry in the command. */
function expectSaysWhatToDo(body: string, name: string): void {
  expect(body).toContain(`notion-vault rotate ${name}`);
}

describe('expiryNotice', () => {
  it('nothing before the first threshold', () => {
    expect(expiryNotice(entry(), daysBefore(31), settings())).toBeNull();
    expect(expiryNotice(entry(), new Date(EXPIRES_MS - 30 * DAY_MS - 1), settings())).toBeNull();
  });

  it('at a threshold exactly: "expires in N days" with N the threshold, and records it', () => {
    for (const [days, warnedBefore] of [[30, []], [14, [30]], [7, [30, 14]], [3, [30, 14, 7]]] as const) {
      const found = expiryNotice(entry({ warned: [...warnedBefore] }), daysBefore(days), settings());
      expect(found?.notice?.title).toBe(`Notion token expires in ${String(days)} days`);
      expect(found?.notice?.kind).toBe('expiring');
      expect(found?.notice?.short).toBe(`expires in ${String(days)} days`);
      expect(found?.warned).toEqual([...warnedBefore, days]);
    }
    const one = expiryNotice(entry({ warned: [30, 14, 7, 3] }), daysBefore(1), settings());
    expect(one?.notice?.title).toBe('Notion token expires in 1 day');
    expect(one?.warned).toEqual([30, 14, 7, 3, 1]);
  });

  it('several crossed at once (the app was off): one notice, for the most urgent, and all of them recorded', () => {
    const found = expiryNotice(entry(), daysBefore(5), settings());
    expect(found?.notice?.kind).toBe('expiring');
    expect(found?.notice?.title).toBe('Notion token expires in 5 days');
    expect(found?.warned).toEqual([30, 14, 7]);
  });

  it('expiry crossed with thresholds still unannounced: one "expired" notice, every threshold recorded', () => {
    const found = expiryNotice(entry({ warned: [30] }), new Date(EXPIRES_MS + DAY_MS), settings());
    expect(found?.notice?.kind).toBe('expired');
    expect(found?.notice?.title).toBe('Notion token expired');
    expect(found?.notice?.short).toBe('expired');
    expect(found?.warned).toEqual([30, 14, 7, 3, 1, 0]);
  });

  it('an invalid PAT crossing a threshold is never told "expires in N days"; its expiry is still announced', () => {
    const invalid = entry({ status: 'invalid', lastDecided: { status: 'invalid', at: CREATED } });
    const found = expiryNotice(invalid, daysBefore(7), settings());
    expect(found?.notice).toBeNull();
    expect(found?.warned).toEqual([30, 14, 7]);
    const offline = entry({ status: 'unknown', lastDecided: { status: 'invalid', at: CREATED } });
    expect(expiryNotice(offline, daysBefore(3), settings())?.notice).toBeNull();
    expect(expiryNotice({ ...invalid, warned: [30, 14, 7, 3, 1] }, new Date(EXPIRES_MS), settings())?.notice?.kind).toBe('expired');
  });

  it('at the expiry instant exactly: expired', () => {
    const found = expiryNotice(entry({ warned: [30, 14, 7, 3, 1] }), new Date(EXPIRES_MS), settings());
    expect(found?.notice?.title).toBe('Notion token expired');
    expect(found?.warned).toEqual([30, 14, 7, 3, 1, 0]);
  });

  it('none when every crossed threshold was announced', () => {
    expect(expiryNotice(entry({ warned: [30] }), daysBefore(20), settings())).toBeNull();
    expect(expiryNotice(entry({ warned: [30, 14, 7, 3, 1, 0] }), new Date(EXPIRES_MS + 100 * DAY_MS), settings())).toBeNull();
  });

  it('part of a day left still counts as a day ("1 day", never "0 days")', () => {
    const found = expiryNotice(entry({ warned: [30, 14, 7, 3] }), new Date(EXPIRES_MS - 60_000), settings());
    expect(found?.notice?.title).toBe('Notion token expires in 1 day');
  });

  it('skips thresholds ≥ the lifetime: a 30-day PAT says nothing 30 days out, first speaks at 14', () => {
    const pat30 = entry({ expiresAt: new Date(Date.parse(CREATED) + 30 * DAY_MS).toISOString() });
    expect(expiryNotice(pat30, new Date(Date.parse(CREATED)), settings())).toBeNull();
    const at14 = expiryNotice(pat30, new Date(Date.parse(CREATED) + 16 * DAY_MS), settings());
    expect(at14?.notice?.title).toBe('Notion token expires in 14 days');
    expect(at14?.warned).toEqual([14]);
  });

  it('none for tokens without expiry', () => {
    expect(expiryNotice(entry({ kind: 'internal', expiresAt: null }), daysBefore(0), settings())).toBeNull();
  });

  it('bodies name the entry, its workspace and the date, and say what to do', () => {
    const expiring = expiryNotice(entry(), daysBefore(7), settings());
    expect(expiring?.notice?.body).toContain('acme-pat (Acme) expires on 2027-01-01');
    expect(expiring?.notice?.body).toContain('notion.so/developers/tokens');
    expectSaysWhatToDo(expiring?.notice?.body ?? '', 'acme-pat');
    const expired = expiryNotice(entry(), daysBefore(-1), settings());
    expect(expired?.notice?.body).toContain('acme-pat (Acme) expired on 2027-01-01');
    expectSaysWhatToDo(expired?.notice?.body ?? '', 'acme-pat');
  });

  it('without a workspace name, no empty parentheses', () => {
    const found = expiryNotice(entry({ workspaceName: null }), daysBefore(7), settings());
    expect(found?.notice?.body).toMatch(/^acme-pat expires on/);
    expect(found?.notice?.body).not.toContain('()');
  });

  it('carries the entry id and name for the app', () => {
    const found = expiryNotice(entry({ id: 'id-42', name: 'work' }), daysBefore(7), settings());
    expect(found?.notice?.entryId).toBe('id-42');
    expect(found?.notice?.entryName).toBe('work');
  });
});

describe('checkNotices', () => {
  const invalidAfter = (before: Entry): Entry => ({ ...before, status: 'invalid', lastDecided: { status: 'invalid', at: '2026-03-01T00:00:00.000Z' } });

  it('valid → invalid: one "stopped working" notice', () => {
    const before = entry();
    const notices = checkNotices(before, invalidAfter(before), false);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.kind).toBe('invalid');
    expect(notices[0]?.title).toBe('Notion token stopped working');
    expect(notices[0]?.body).toContain('acme-pat (Acme)');
    expectSaysWhatToDo(notices[0]?.body ?? '', 'acme-pat');
  });

  it('never checked → invalid: one notice (it never worked)', () => {
    const before = entry({ status: 'unchecked', lastDecided: null, lastCheckedAt: null, lastOkAt: null });
    expect(checkNotices(before, invalidAfter(before), false).map((n) => n.kind)).toEqual(['invalid']);
  });

  it('unknown, last decided valid → invalid: one notice', () => {
    const before = entry({ status: 'unknown' });
    expect(checkNotices(before, invalidAfter(before), false).map((n) => n.kind)).toEqual(['invalid']);
  });

  it('invalid → invalid: none', () => {
    const before = invalidAfter(entry());
    expect(checkNotices(before, invalidAfter(before), false)).toEqual([]);
  });

  it('unknown with lastDecided invalid → invalid: none (already said)', () => {
    const before = entry({ status: 'unknown', lastDecided: { status: 'invalid', at: '2026-02-01T00:00:00.000Z' } });
    expect(checkNotices(before, invalidAfter(before), false)).toEqual([]);
  });

  it('an expired PAT that Notion now rejects: none (the expiry notice says it)', () => {
    const before = entry();
    expect(checkNotices(before, invalidAfter(before), true)).toEqual([]);
  });

  it('valid → valid, or → unknown: none', () => {
    const before = entry();
    expect(checkNotices(before, { ...before }, false)).toEqual([]);
    expect(checkNotices(before, { ...before, status: 'unknown' }, false)).toEqual([]);
  });

  it('pagesShared becoming false: "sees no pages", naming the entry and saying how to share a page', () => {
    const before = entry();
    const notices = checkNotices(before, { ...before, pagesShared: false }, false);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.kind).toBe('no-pages');
    expect(notices[0]?.title).toBe('Notion token sees no pages');
    expect(notices[0]?.body).toContain('acme-pat (Acme)');
    // A PAT acts as its creator: sharing does not apply to it.
    expect(notices[0]?.body).not.toContain('Add connection');
    expect(notices[0]?.body).toContain('Notion API capability');
    const connection = entry({ kind: 'internal', expiresAt: null });
    expect(checkNotices(connection, { ...connection, pagesShared: false }, false)[0]?.body).toContain('••• → Connections → Add connection');
  });

  it('pagesShared already false, or unknown (null): no repeat', () => {
    const before = entry({ pagesShared: false });
    expect(checkNotices(before, { ...before }, false)).toEqual([]);
    expect(checkNotices(entry(), { ...entry(), pagesShared: null }, false)).toEqual([]);
  });

  it('invalid → valid: one "works again" notice; valid after that: none', () => {
    const before = invalidAfter(entry());
    const after = { ...before, status: 'valid' as const, lastDecided: { status: 'valid' as const, at: '2026-03-02T00:00:00.000Z' } };
    const notices = checkNotices(before, after, false);
    expect(notices.map((n) => [n.kind, n.title, n.short])).toEqual([['recovered', 'Notion token works again', 'works again']]);
    expect(notices[0]?.body).toContain('acme-pat (Acme)');
    expect(checkNotices(after, { ...after }, false)).toEqual([]);
    // Back through "could not be checked" (lastDecided still invalid): still one "works again".
    const offline = { ...before, status: 'unknown' as const };
    expect(checkNotices(offline, after, false).map((n) => n.kind)).toEqual(['recovered']);
  });

  it('a PAT rejected by Notion is told it may be a workspace policy', () => {
    const before = entry();
    expect(checkNotices(before, invalidAfter(before), false)[0]?.body).toContain('workspace policy');
  });

  it('an invalid token that sees no pages gets only the "stopped working" notice', () => {
    const before = entry();
    expect(checkNotices(before, { ...invalidAfter(before), pagesShared: false }, false).map((n) => n.kind)).toEqual(['invalid']);
  });
});

const notice = (name: string, kind: Notice['kind'], patch: Partial<Notice> = {}): Notice => ({
  kind,
  entryId: `id-${name}`,
  entryName: name,
  short: kind === 'expiring' ? 'expires in 7 days' : kind === 'expired' ? 'expired' : kind === 'invalid' ? 'stopped working' : 'sees no pages',
  title: `title of ${name}`,
  body: `body of ${name}`,
  ...patch,
});

describe('collapse', () => {
  it('nothing → nothing', () => {
    expect(collapse([])).toEqual([]);
  });

  it('one notice → its own title and body, with its entry id', () => {
    expect(collapse([notice('a', 'expiring')])).toEqual<Notification[]>([{ title: 'title of a', body: 'body of a', urgency: 'normal', entryId: 'id-a' }]);
  });

  it('urgency: critical for invalid and expired, normal for expiring and no pages', () => {
    expect(collapse([notice('a', 'invalid')])[0]?.urgency).toBe('critical');
    expect(collapse([notice('a', 'expired')])[0]?.urgency).toBe('critical');
    expect(collapse([notice('a', 'no-pages')])[0]?.urgency).toBe('normal');
    expect(collapse([notice('a', 'expiring'), notice('b', 'no-pages')])[0]?.urgency).toBe('normal');
    expect(collapse([notice('a', 'expiring'), notice('b', 'invalid')])[0]?.urgency).toBe('critical');
    expect(collapse([notice('a', 'expiring'), notice('b', 'expired'), notice('c', 'expiring')])[0]?.urgency).toBe('critical');
  });

  it('several → one "N tokens need attention", the names and what each is about in the body', () => {
    const out = collapse([notice('alpha', 'expiring'), notice('beta', 'invalid'), notice('gamma', 'no-pages')]);
    expect(out).toHaveLength(1);
    expect(out[0]?.title).toBe('3 tokens need attention');
    expect(out[0]?.body).toBe('alpha: expires in 7 days; beta: stopped working; gamma: sees no pages. Run notion-vault status for details.');
    expect(out[0]?.entryId).toBeNull();
  });

  it('more than four: the first four and "and N more"', () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    const out = collapse(names.map((n) => notice(n, 'expiring')));
    expect(out[0]?.title).toBe('6 tokens need attention');
    for (const n of names.slice(0, 4)) expect(out[0]?.body).toContain(`${n}: expires in 7 days`);
    expect(out[0]?.body).not.toContain('a5');
    expect(out[0]?.body).toContain('and 2 more');
  });

  it('two notices about one entry: one notification, "1 token needs attention", opening that entry', () => {
    const out = collapse([notice('solo', 'expiring'), notice('solo', 'no-pages')]);
    expect(out).toHaveLength(1);
    expect(out[0]?.title).toBe('1 token needs attention');
    expect(out[0]?.entryId).toBe('id-solo');
    expect(out[0]?.body).toContain('solo: expires in 7 days; solo: sees no pages');
  });
});

describe('no notice ever holds a token', () => {
  it('expiry, check and collapsed notices for entries whose secrets are known', () => {
    const tokens = [fakeToken(), fakeToken(), fakeToken('secret_')];
    const entries = tokens.map((_, i) => entry({ id: `id-${String(i)}`, name: `tok-${String(i)}` }));
    const notices: Notice[] = [];
    for (const e of entries) {
      for (const at of [daysBefore(30), daysBefore(2), daysBefore(-1)]) {
        const found = expiryNotice(e, at, settings());
        if (found?.notice) notices.push(found.notice);
      }
      notices.push(...checkNotices(e, { ...e, status: 'invalid', lastDecided: { status: 'invalid', at: CREATED } }, false));
      notices.push(...checkNotices(e, { ...e, pagesShared: false }, false));
    }
    const notifications = [...collapse(notices), ...notices.flatMap((n) => collapse([n]))];
    expect(notifications.length).toBeGreaterThan(10);
    for (const text of [...notices.flatMap((n) => [n.title, n.body, n.short]), ...notifications.flatMap((n) => [n.title, n.body])]) {
      for (const token of tokens) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(token.slice(4, 20));
      }
    }
  });
});
