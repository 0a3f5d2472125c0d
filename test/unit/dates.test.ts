import { describe, expect, it } from 'vitest';
import { parseDateFlag, parseExpiresIn, patDates, PAT_DEFAULT_DAYS, rejectExpiryFlags } from '../../electron/core/vault/token-dates';
import { DAY_MS } from '../../electron/common/status';
import { EXIT, VaultError } from '../../electron/core/errors';

const NOW = new Date('2026-03-10T15:30:00.000Z');

/** Runs `fn`, expects a one-line usage error, and returns its message. */
function usageFailure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    if (!(error instanceof VaultError)) throw error;
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).not.toMatch(/[\r\n]/);
    return error.message;
  }
  throw new Error('expected a usage error, got none');
}

describe('patDates', () => {
  it('defaults to created now and expiring 365 days later', () => {
    expect(PAT_DEFAULT_DAYS).toBe(365);
    const dates = patDates({}, NOW);
    expect(dates.createdAt.toISOString()).toBe(NOW.toISOString());
    expect(dates.expiresAt.getTime() - dates.createdAt.getTime()).toBe(365 * DAY_MS);
    expect(dates.defaulted).toBe(true);
  });

  it('defaults to 365 days after --created', () => {
    const dates = patDates({ created: '2026-01-10' }, NOW);
    expect(dates.createdAt.toISOString()).toBe('2026-01-10T00:00:00.000Z');
    expect(dates.expiresAt.toISOString()).toBe('2027-01-10T00:00:00.000Z');
    expect(dates.defaulted).toBe(true);
  });

  it.each([
    ['7d', 7],
    ['30d', 30],
    ['90d', 90],
    ['180d', 180],
    ['1y', 365],
  ])('--expires-in %s is %i days after created', (value, days) => {
    const dates = patDates({ expiresIn: value, created: '2026-03-01' }, NOW);
    expect(dates.expiresAt.getTime() - Date.parse('2026-03-01T00:00:00Z')).toBe(days * DAY_MS);
    expect(dates.defaulted).toBe(false);
    expect(parseExpiresIn(value)).toBe(days);
  });

  it.each(['', '7', '7days', '1w', '2y', '365d', '30D', ' 7d'])('--expires-in %j is refused', (value) => {
    const message = usageFailure(() => patDates({ expiresIn: value }, NOW));
    expect(message).toMatch(/^--expires-in takes 7d, 30d, 90d, 180d or 1y/);
  });

  it('--expires gives the expiry as is', () => {
    const dates = patDates({ expires: '2026-06-01', created: '2026-03-01' }, NOW);
    expect(dates.createdAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(dates.expiresAt.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(dates.defaulted).toBe(false);
  });

  it('--expires takes a full ISO time too', () => {
    expect(patDates({ expires: '2026-06-01T12:34:56Z' }, NOW).expiresAt.toISOString()).toBe('2026-06-01T12:34:56.000Z');
    expect(patDates({ expires: '2026-06-01T12:00:00+02:00' }, NOW).expiresAt.toISOString()).toBe('2026-06-01T10:00:00.000Z');
  });

  it('--expires before created is refused', () => {
    const message = usageFailure(() => patDates({ expires: '2026-02-01', created: '2026-03-01' }, NOW));
    expect(message).toMatch(/--expires is not after the creation date/);
  });

  it('--expires equal to created is refused', () => {
    usageFailure(() => patDates({ expires: '2026-03-01', created: '2026-03-01' }, NOW));
  });

  it('--expires before now (created defaulting to now) is refused', () => {
    usageFailure(() => patDates({ expires: '2026-03-01' }, NOW));
  });

  it('both --expires and --expires-in are refused', () => {
    expect(usageFailure(() => patDates({ expires: '2026-06-01', expiresIn: '30d' }, NOW))).toBe('Give --expires or --expires-in, not both.');
  });

  it('--created in the future is refused; up to a day ahead is tolerated (time zones)', () => {
    usageFailure(() => patDates({ created: '2026-03-20' }, NOW));
    expect(patDates({ created: '2026-03-11' }, NOW).createdAt.toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });

  it.each(['tomorrow', 'soon', '2026-13-01', '2026-00-10', '01/02/03x', 'not a date at all but very long text that goes on'])(
    'a bad --expires date %j is refused',
    (value) => {
      const message = usageFailure(() => patDates({ expires: value }, NOW));
      expect(message).toMatch(/^--expires takes a date like 2026-05-01/);
    },
  );

  it.each(['yesterday', '2026-99-99'])('a bad --created date %j is refused', (value) => {
    expect(usageFailure(() => patDates({ created: value }, NOW))).toMatch(/^--created takes a date/);
  });

  it('a bad date is quoted only in part', () => {
    const message = usageFailure(() => parseDateFlag('--expires', `x${'y'.repeat(100)}`));
    expect(message).not.toContain('y'.repeat(41));
  });

  it('a bad date with a line break still gives a one-line message', () => {
    usageFailure(() => parseDateFlag('--expires', 'soon\nlater'));
  });

  it.each(['2026-02-30', '2026-02-31', '2026-04-31'])('a day that does not exist (%s) is refused, not rolled over', (value) => {
    usageFailure(() => parseDateFlag('--expires', value));
  });

  it('a bare number is not a date', () => {
    usageFailure(() => parseDateFlag('--expires', '1'));
  });
});

describe('rejectExpiryFlags', () => {
  it('refuses expiry flags for tokens that do not expire', () => {
    expect(usageFailure(() => {
      rejectExpiryFlags({ expires: '2026-06-01' }, 'internal integration');
    })).toMatch(/Only personal access tokens expire/);
    usageFailure(() => {
      rejectExpiryFlags({ expiresIn: '30d' }, 'OAuth token');
    });
  });

  it('accepts no expiry flags, and --created alone', () => {
    expect(() => {
      rejectExpiryFlags({}, 'internal integration');
      rejectExpiryFlags({ created: '2026-01-01' }, 'internal integration');
    }).not.toThrow();
  });
});
