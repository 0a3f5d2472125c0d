import type { Settings } from '../../electron/common/types';

/** The form's text, as typed; main validates the numbers it is sent. */
export interface SettingsText {
  checkIntervalHours: string;
  thresholdsDays: string;
  clipboardClearSeconds: string;
  unusedDays: string;
  notifications: boolean;
  launchAtLogin: boolean;
}

export function toText(settings: Settings): SettingsText {
  return {
    checkIntervalHours: String(settings.checkIntervalHours),
    thresholdsDays: settings.thresholdsDays.join(', '),
    clipboardClearSeconds: String(settings.clipboardClearSeconds),
    unusedDays: String(settings.unusedDays),
    notifications: settings.notifications,
    launchAtLogin: settings.launchAtLogin,
  };
}

const number = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** The patch to send, or what is wrong with the form. */
export function toPatch(text: SettingsText): { ok: true; patch: Settings } | { ok: false; problem: string } {
  const checkIntervalHours = number(text.checkIntervalHours);
  if (!Number.isFinite(checkIntervalHours)) return { ok: false, problem: 'The check interval is a number of hours, e.g. 6.' };
  const pieces = text.thresholdsDays.split(/[\s,;]+/).filter((piece) => piece !== '');
  const thresholdsDays = pieces.map(number);
  if (thresholdsDays.some((days) => !Number.isInteger(days))) return { ok: false, problem: 'Warning thresholds are whole days separated by commas, e.g. 30, 14, 7, 3, 1.' };
  const clipboardClearSeconds = number(text.clipboardClearSeconds);
  if (!Number.isFinite(clipboardClearSeconds)) return { ok: false, problem: 'The clipboard delay is a number of seconds (0 = never clear).' };
  const unusedDays = number(text.unusedDays);
  if (!Number.isInteger(unusedDays)) return { ok: false, problem: 'Flag unused tokens after a whole number of days (0 = never).' };
  return {
    ok: true,
    patch: { checkIntervalHours, thresholdsDays: [...new Set(thresholdsDays)].sort((a, b) => b - a), clipboardClearSeconds, unusedDays, notifications: text.notifications, launchAtLogin: text.launchAtLogin },
  };
}
