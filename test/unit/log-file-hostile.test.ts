// The app's log file with text from outside in a line (a workspace name, an error answer): it
// stays one line on disk with every control, bidi and zero-width character escaped.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppLog } from '../../electron/core/app/log-file';
import { firstRawControl, OSC_NAME, ZERO_WIDTH_NAME } from '../support/hostile-text';

describe('createAppLog with hostile text', () => {
  it('writes one escaped line per call', () => {
    const log = createAppLog({ dir: join(mkdtempSync(join(tmpdir(), 'nv-log-')), 'logs'), echo: false });
    log.line(`drift: acme now answers for workspace ${OSC_NAME}, not ${ZERO_WIDTH_NAME}`);
    log.line('check acme: valid');
    const text = readFileSync(log.path, 'utf8');
    expect(firstRawControl(text)).toBeNull();
    expect(text).not.toContain('\r');
    expect(text.trimEnd().split('\n')).toHaveLength(2);
    expect(text).toContain('Acme\\x1b]52;c;');
  });
});
