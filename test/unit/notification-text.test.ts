// What reaches a notification server: plain one-line text, and on Linux (where servers render
// body markup) HTML as entities; names from outside in a notice are cleaned before that.

import { describe, expect, it } from 'vitest';
import { notificationText } from '../../electron/core/monitor/desktop-notifier';
import { checkNotices, collapse } from '../../electron/core/monitor/notices';
import { entryFixture } from '../support/entry-fixture';
import { firstRawControl, HTML_NAME, HUGE_NAME, OSC_NAME } from '../support/hostile-text';

describe('notificationText', () => {
  it('sends markup as entities in a Linux body, and as text elsewhere', () => {
    const linux = notificationText(`<b>T</b>`, `${HTML_NAME} & more`, 'linux');
    expect(linux.body).toBe('&#60;b&#62;bold&#60;/b&#62;&#60;a href=&#34;https://evil&#34;&#62;x&#60;/a&#62; &#38; more');
    expect(linux.title).toBe('<b>T</b>'); // the freedesktop summary is plain text: entities would show
    expect(notificationText('t', HTML_NAME, 'darwin').body).toBe(HTML_NAME);
    expect(notificationText('t', HTML_NAME, 'win32').body).toBe(HTML_NAME);
  });

  it('keeps title and body on one clean, capped line', () => {
    const { title, body } = notificationText(OSC_NAME, `${OSC_NAME} ${HUGE_NAME}`, 'linux');
    for (const text of [title, body]) {
      expect(firstRawControl(text)).toBeNull();
      expect(text).not.toMatch(/[\n\r]/);
    }
    expect(body.length).toBeLessThan(1_000);
  });
});

describe('notices about an entry with a hostile workspace name', () => {
  it('name the workspace as clean, short text', () => {
    const before = entryFixture({ workspaceName: OSC_NAME });
    const after = entryFixture({ workspaceName: OSC_NAME, status: 'invalid', lastDecided: { status: 'invalid', at: before.addedAt } });
    const [notification] = collapse(checkNotices(before, after, false));
    expect(notification).toBeDefined();
    expect(firstRawControl(notification?.body ?? '')).toBeNull();
    expect(notification?.body).toContain('(Acme]52;c;ZWNobyBwd25lZA==[2J[31mRED FAKE-LINE  valid evil)');
    const huge = collapse(checkNotices(before, { ...after, workspaceName: HUGE_NAME }, false));
    expect(huge[0]?.body.length).toBeLessThan(400);
  });
});
