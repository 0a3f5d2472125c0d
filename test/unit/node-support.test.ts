import { describe, expect, it } from 'vitest';
import { isOlderThan, unsupportedNodeMessage } from '../../electron/cli/node-support';

describe('isOlderThan', () => {
  it.each([
    ['20.20.2', '22.12'],
    ['22.11.9', '22.12'],
    ['v22.11.0', '22.12'],
    ['8.99.99', '22.12'],
    ['22.12.0', '22.12.1'],
  ])('%s is older than %s', (version, minimum) => {
    expect(isOlderThan(version, minimum)).toBe(true);
  });

  it.each([
    ['22.12.0', '22.12'],
    ['22.12', '22.12.0'],
    ['22.13.0', '22.12'],
    ['24.1.0', '22.12'],
    ['100.0.0', '22.12'],
    ['v24.21.0', '22.12'],
  ])('%s is not older than %s', (version, minimum) => {
    expect(isOlderThan(version, minimum)).toBe(false);
  });
});

describe('unsupportedNodeMessage', () => {
  it('is null for a supported Node', () => {
    expect(unsupportedNodeMessage('24.21.0', '22.12')).toBeNull();
  });

  it('names both versions and the fix, in one line', () => {
    const message = unsupportedNodeMessage('20.20.2', '22.12');
    expect(message).toMatch(/^notion-vault: Node\.js 20\.20\.2 is too old, it needs 22\.12 or newer: install .*Node\.js LTS/);
    expect(message).not.toMatch(/[\r\n]/);
  });
});
