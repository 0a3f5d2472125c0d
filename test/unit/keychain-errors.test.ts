import { describe, expect, it } from 'vitest';
import { EXIT, VaultError } from '../../electron/core/errors';
import { keychainFix, translateKeychainError } from '../../electron/core/keychain/keychain-errors';

// Messages keytar (libsecret on Linux) really gives.
const NO_DISPLAY = 'Cannot autolaunch D-Bus without X11 $DISPLAY';
const NO_SERVICE = 'The name org.freedesktop.secrets was not provided by any .service files';
const LOCKED = 'Cannot create an item in a locked collection';
const NO_COLLECTION = 'Object does not exist at path “/org/freedesktop/secrets/collection/login”';

function expectOneLine(error: VaultError): void {
  expect(error).toBeInstanceOf(VaultError);
  expect(error.exitCode).toBe(EXIT.keychain);
  expect(error.exitCode).toBe(3);
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message.length).toBeLessThanOrEqual(400);
}

describe('translateKeychainError on Linux', () => {
  it.each([NO_DISPLAY, NO_SERVICE])('no keychain service: %s', (raw) => {
    const error = translateKeychainError(new Error(raw), 'linux');
    expectOneLine(error);
    expect(error.message).toMatch(/^No keychain is available: /);
    expect(error.message).toContain('gnome-keyring');
    expect(error.message).toContain('dbus-run-session');
  });

  it.each([LOCKED, NO_COLLECTION])('locked or missing collection: %s', (raw) => {
    const error = translateKeychainError(new Error(raw), 'linux');
    expectOneLine(error);
    expect(error.message).toMatch(/^The keychain is locked: /);
    expect(error.message).toContain('gnome-keyring');
  });

  it('an unknown failure keeps its first line only', () => {
    const error = translateKeychainError(new Error('Something odd happened\n    at native code\n    at more'), 'linux');
    expectOneLine(error);
    expect(error.message).toContain('Something odd happened');
    expect(error.message).not.toContain('native code');
    expect(error.message).toContain('gnome-keyring');
  });

  it('a very long unknown message is cut short', () => {
    const error = translateKeychainError(new Error('x'.repeat(5_000)), 'linux');
    expectOneLine(error);
    expect(error.message).not.toContain('x'.repeat(161));
  });

  it('a thrown non-Error is described too', () => {
    const error = translateKeychainError('plain string failure', 'linux');
    expectOneLine(error);
    expect(error.message).toContain('plain string failure');
  });

  it('other Unix-likes get the Linux fix', () => {
    expect(keychainFix('freebsd')).toBe(keychainFix('linux'));
    expect(keychainFix('linux')).toContain('gnome-keyring');
    expect(keychainFix('linux')).toContain('KWallet');
  });
});

describe('translateKeychainError on macOS and Windows', () => {
  it('darwin: the fix is about the login keychain, not gnome-keyring', () => {
    for (const raw of [NO_DISPLAY, LOCKED, 'User interaction is not allowed.', 'weird']) {
      const error = translateKeychainError(new Error(raw), 'darwin');
      expectOneLine(error);
      expect(error.message).toContain('login keychain');
      expect(error.message).not.toContain('gnome-keyring');
    }
    expect(translateKeychainError(new Error('User interaction is not allowed.'), 'darwin').message).toMatch(/^The keychain is locked: /);
  });

  it('win32: the fix is about Windows Credential Manager', () => {
    for (const raw of [NO_SERVICE, NO_COLLECTION, 'weird']) {
      const error = translateKeychainError(new Error(raw), 'win32');
      expectOneLine(error);
      expect(error.message).toContain('Credential Manager');
      expect(error.message).not.toContain('gnome-keyring');
    }
  });

  it('each platform has its own fix', () => {
    const fixes = new Set([keychainFix('linux'), keychainFix('darwin'), keychainFix('win32')]);
    expect(fixes.size).toBe(3);
  });
});
