import { describe, expect, it } from 'vitest';
import { codePoints } from '../../electron/common/outside-text';
import { DEFAULT_SETTINGS } from '../../electron/common/types';
import { trayModel, type TrayMenuItem } from '../../electron/core/tray/tray-model';
import { TOOLTIP_MAX } from '../../electron/core/tray/tray-text';
import { entryFixture } from '../support/entry-fixture';
import { firstRawControl, HOSTILE_NAMES, OSC_NAME } from '../support/hostile-text';

const NOW = new Date('2026-06-01T09:00:00.000Z');

const allLabels = (items: readonly TrayMenuItem[]): string[] =>
  items.flatMap((item) => (item.kind === 'separator' ? [] : [item.label, ...(item.kind === 'submenu' ? allLabels(item.items) : [])]));

describe('tray model with hostile workspace and entry names', () => {
  // Entry names are checked on input, but vault.json is a file anyone with access may edit.
  const entries = HOSTILE_NAMES.map((name, i) => entryFixture({ id: `e${String(i)}`, name: `${name.slice(0, 80)}${String(i)}`, workspaceName: name, status: 'invalid' }));
  const model = trayModel(entries, NOW, DEFAULT_SETTINGS);

  it('every label is one short line with no control, bidi or zero-width character', () => {
    for (const label of allLabels(model.menu)) {
      expect(firstRawControl(label), label).toBeNull();
      expect(label).not.toMatch(/[\n\r\t]/);
      expect(codePoints(label), label.slice(0, 80)).toBeLessThanOrEqual(100);
    }
    expect(allLabels(model.menu)).toContain('Acme]52;c;ZWNobyBwd25lZA==[2J[31mRED FAKE-LINE  valid evil');
  });

  it('the tooltip is one clean line within the Windows limit', () => {
    expect(firstRawControl(model.tooltip)).toBeNull();
    expect(model.tooltip).not.toMatch(/[\n\r\t]/);
    expect(model.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    const one = trayModel([entryFixture({ name: OSC_NAME, status: 'invalid' })], NOW, DEFAULT_SETTINGS);
    expect(firstRawControl(one.tooltip)).toBeNull();
    expect(one.tooltip).not.toMatch(/[\n\r]/);
  });
});
