// The whole add flow with the keyboard alone: from the list, through the wizard's four steps, to
// the saved entry's details and back. Only page.keyboard (Tab, Shift+Tab, arrows, Space, Enter,
// typing): no clicks, no fill. Each view's heading takes the focus when the view opens, and every
// control the Tab key reaches shows a visible focus ring.

import type { Page } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeToken } from '../support/cli';
import { expectNoSecretInPage, expectRecordsClean, openVaultWindow, useBrowser, type VaultWindow } from '../support/e2e';
import { useSharedEmulator } from '../support/shared-emulator';

const browser = useBrowser();
const notion = useSharedEmulator();

let win: VaultWindow | undefined;
afterEach(async () => {
  const open = win;
  win = undefined;
  await open?.close();
});

interface Focus {
  /** The focused element as Playwright's accessibility snapshot names it: `- button "Next"`. */
  aria: string;
  /** :focus-visible matches and the computed outline is drawn (or the browser draws a native part's ring). */
  ringShown: boolean;
  outline: string;
}

async function focus(page: Page): Promise<Focus> {
  // The deepest element holding the focus: `:focus` itself misses a date field whose calendar
  // button (inside the browser's own shadow tree) has it.
  const active = page.locator(':focus-within').last();
  if ((await active.count()) === 0) return { aria: '(nothing focused)', ringShown: false, outline: '' };
  // One YAML line; a name with ": " in it comes single-quoted.
  const line = (await active.ariaSnapshot()).split('\n')[0]?.trim() ?? '';
  const quoted = /^- '(.*)':?$/.exec(line);
  const aria = quoted?.[1] === undefined ? line : `- ${quoted[1].replaceAll("''", "'")}`;
  const style = await active.evaluate((el) => {
    const css = getComputedStyle(el);
    const outline = `${css.outlineStyle} ${css.outlineWidth} ${css.outlineColor}`;
    // The calendar button of <input type=date>: the browser draws its ring (our CSS cannot reach it).
    if (el instanceof HTMLInputElement && !el.matches(':focus')) return { ringShown: el.type === 'date', outline: `(native part of ${el.type} input)` };
    return { ringShown: el.matches(':focus-visible') && css.outlineStyle !== 'none' && Number.parseFloat(css.outlineWidth) > 0, outline };
  });
  return { aria, ...style };
}

/** Waits until the focus is on the view's (or step's) heading: it takes the focus when it appears. */
async function expectHeadingFocused(page: Page, level: number, name: string): Promise<void> {
  const want = `- heading "${name}" [level=${String(level)}]`;
  await expect.poll(async () => (await focus(page)).aria, { timeout: 5_000 }).toBe(want);
}

/**
 * Presses `key` until the focused element's snapshot line starts with `target` (at most `max` times),
 * checking at every stop that the focus ring is shown.
 */
async function moveFocus(page: Page, key: 'Tab' | 'Shift+Tab', target: string, max = 20): Promise<Focus> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focus(page);
    stops.push(now.aria);
    expect(now.ringShown, `no visible focus on ${now.aria} (outline: ${now.outline}) after ${key} through:\n${stops.join('\n')}`).toBe(true);
    if (now.aria.startsWith(target)) return now;
  }
  throw new Error(`${key} never reached ${target}; it went through:\n${stops.join('\n')}`);
}

async function view(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.view);
}

describe('the keyboard alone', () => {
  it('adds a personal access token from the list to its details, every step reached and operated by keys', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'pat-person', userName: 'Ada' });
    win = await openVaultWindow(browser(), notion().url);
    win.page.setDefaultTimeout(5_000); // a missing element fails in seconds, not at the test's timeout
    const { page, harness } = win;

    // The list: its heading has the focus; the header's "Add token" is behind it.
    await expectHeadingFocused(page, 2, 'Your tokens');
    await moveFocus(page, 'Shift+Tab', '- button "Add token"');
    await page.keyboard.press('Enter');

    // Step 1: the kind, with the radio group's arrow keys.
    await expectHeadingFocused(page, 3, 'Step 1 of 4: Choose the kind of token');
    expect(await view(page)).toBe('add');
    await moveFocus(page, 'Tab', '- radio "Personal access token (PAT)"');
    await page.keyboard.press('Space');
    expect((await focus(page)).aria).toBe('- radio "Personal access token (PAT)" [checked]');
    await page.keyboard.press('ArrowDown');
    expect((await focus(page)).aria, 'the arrow moves and selects').toBe('- radio "Internal integration secret" [checked]');
    await page.keyboard.press('ArrowDown');
    expect((await focus(page)).aria).toBe('- radio "OAuth token" [checked]');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect((await focus(page)).aria).toBe('- radio "Personal access token (PAT)" [checked]');
    await moveFocus(page, 'Tab', '- button "Next"');
    await page.keyboard.press('Enter');

    // Step 2: the expiry chosen in Notion, with the select's arrow keys; Tab past Next to Cancel and back.
    await expectHeadingFocused(page, 3, 'Step 2 of 4: Create the personal access token in Notion');
    await moveFocus(page, 'Tab', '- combobox "Expiry chosen in Notion"');
    const expiry = page.getByLabel('Expiry chosen in Notion', { exact: true });
    expect(await expiry.inputValue()).toBe('365');
    await page.keyboard.press('ArrowUp');
    expect(await expiry.inputValue(), '1 year → 180 days').toBe('180');
    await moveFocus(page, 'Tab', '- button "Cancel"');
    await moveFocus(page, 'Shift+Tab', '- button "Next"', 1);
    await page.keyboard.press('Enter');

    // Step 3: the token typed (with a wrapper) into the masked field; Enter submits the Check.
    await expectHeadingFocused(page, 3, 'Step 3 of 4: Paste and check the token');
    await moveFocus(page, 'Tab', '- textbox "Token"');
    await page.keyboard.type(`export NOTION_TOKEN="${token}"`);
    await page.getByText('Removed NOTION_TOKEN= and quotes around it.', { exact: false }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Notion accepted ntn_…${token.slice(-4)}`, exact: true, level: 4 }).waitFor();
    await expectNoSecretInPage(page, [token]);
    expect((await focus(page)).aria, 'the focus stays in the field after the check').toMatch(/^- textbox "Token"/);
    await moveFocus(page, 'Tab', '- button "Next"');
    await page.keyboard.press('Enter');

    // Step 4: the name (replacing the suggestion), the workspace Notion did not give, Save with Space.
    await expectHeadingFocused(page, 3, 'Step 4 of 4: Name and save the Personal access token (PAT)');
    await moveFocus(page, 'Tab', '- textbox "Name"');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('ada-pat');
    await moveFocus(page, 'Tab', '- textbox "Workspace (optional)"');
    await page.keyboard.type('Acme');
    expect(await page.getByLabel('Expiry chosen in Notion', { exact: true }).inputValue(), 'step 2’s choice is kept').toBe('180');
    await moveFocus(page, 'Tab', '- button "Save"');
    await page.keyboard.press('Space');

    // The details of the saved entry.
    await expectHeadingFocused(page, 2, 'ada-pat');
    expect(await view(page)).toBe('details');
    await page.getByRole('status').filter({ hasText: 'Saved ada-pat in the vault.' }).waitFor();
    await page.getByRole('region', { name: 'Status', exact: true }).getByText('180 days left', { exact: true }).waitFor();
    await expectNoSecretInPage(page, [token]);

    // Back to the list (the button is before the heading), where the entry opens with Enter.
    await moveFocus(page, 'Shift+Tab', '- button "Back to the list"', 1);
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 2, 'Your tokens');
    await page.getByRole('heading', { name: /^Acme ·/, level: 3 }).waitFor();
    await moveFocus(page, 'Tab', '- button "ada-pat"');
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 2, 'ada-pat');

    const listed = await harness.ipc('vault:list');
    expect(listed.ok && listed.value.map((e) => [e.name, e.kind, e.workspaceName, e.daysLeft])).toEqual([['ada-pat', 'pat', 'Acme', 180]]);
    expectRecordsClean(harness, [token]);
  });
});
