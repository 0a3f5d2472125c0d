import { describe, expect, it } from 'vitest';
import { executableIn, failureReason, skipsDownload } from '../../electron/launch/electron-runtime';

describe('failureReason', () => {
  it("takes the error line of install.js's output, not its stack", () => {
    const output = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (file:///x.js:46:30)\n';
    expect(failureReason(output)).toBe('TypeError: fetch failed');
  });

  it('drops colour codes and blank lines, and keeps a long line short', () => {
    expect(failureReason('\n\x1b[31mHTTPError: Response code 404 (Not Found)\x1b[0m\n')).toBe('HTTPError: Response code 404 (Not Found)');
    expect(failureReason(`Error: ${'x'.repeat(500)}`)).toHaveLength(200);
  });

  it('says so when there is nothing to quote', () => {
    expect(failureReason('  \n')).toBe('no error output');
  });
});

describe('skipsDownload', () => {
  it.each([['1', true], ['true', true], ['yes', true], ['', false], ['0', false], ['false', false], [undefined, false]])('ELECTRON_SKIP_BINARY_DOWNLOAD=%j: %s', (value, skips) => {
    expect(skipsDownload(value === undefined ? {} : { ELECTRON_SKIP_BINARY_DOWNLOAD: value })).toBe(skips);
  });
});

describe('executableIn', () => {
  it('matches the paths install.js writes to path.txt', () => {
    expect(executableIn('linux')).toBe('electron');
    expect(executableIn('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(executableIn('win32')).toBe('electron.exe');
  });
});
