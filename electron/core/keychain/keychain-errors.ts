import { keychainError, type VaultError } from '../errors';

/** What to do to get a working keychain, per platform. */
export function keychainFix(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'unlock the login keychain (Keychain Access) and try again';
    case 'win32':
      return 'make sure Windows Credential Manager is available for your account and try again';
    default:
      return 'gnome-keyring or KWallet must run in your session and be unlocked (headless: run under dbus-run-session with gnome-keyring-daemon --unlock)';
  }
}

// keytar reports every failure as a plain Error; these are the messages it is known to give.
const NO_SERVICE = [/Cannot autolaunch D-Bus/i, /org\.freedesktop\.secrets was not provided/i, /Failed to connect to socket/i, /Could not connect/i, /No such interface/i];
const LOCKED = [/locked collection/i, /Object does not exist at path/i, /user interaction is not allowed/i, /interaction not allowed/i, /passphrase .* not correct/i, /prompt.*dismissed/i];

/** Translate a keytar failure into one line that says what happened and what to do. */
export function translateKeychainError(error: unknown, platform: NodeJS.Platform = process.platform): VaultError {
  const raw = error instanceof Error ? error.message : String(error);
  const fix = keychainFix(platform);
  if (NO_SERVICE.some((re) => re.test(raw))) return keychainError(`No keychain is available: ${fix}.`);
  if (LOCKED.some((re) => re.test(raw))) return keychainError(`The keychain is locked: ${fix}.`);
  return keychainError(`The keychain failed (${firstLine(raw)}): ${fix}.`);
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 160);
}
