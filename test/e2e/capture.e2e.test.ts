import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { startFixtureSites, type FixtureSites } from './support/sites';
import { expandPicker } from './support/panel';
import { intentForMenuClick, MENU_IDS, noteFromSelection } from '../../lib/browser/context-menu';

/**
 * The capture sidebar as a rep uses it: the shipped build in the real Chrome side panel,
 * opened with a toolbar click on a prospect's site (the click is what lets it read the
 * page), no server anywhere.
 */
describe.skipIf(!hasChromium)('capture sidebar in Chromium, offline', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let acmeTab: Page;
  let panel: Page;

  const text = (selector: string) => panel.$eval(selector, (element) => (element as HTMLElement).innerText);
  // Clicks through the DOM: a coordinate click can land elsewhere while focus scrolls the panel.
  const clickElement = (selector: string) => panel.$eval(selector, (element) => (element as HTMLElement).click());
  const clickButtonWithText = (selector: string, label: string) =>
    panel.$$eval(
      selector,
      (buttons, want) => {
        const button = buttons.find((candidate) => (candidate as HTMLElement).innerText.includes(want)) as HTMLButtonElement | undefined;
        if (!button) throw new Error(`No button with "${want}"`);
        button.click();
      },
      label,
    );
  const setChecked = (label: string, checked: boolean) =>
    panel.$$eval(
      '[data-testid=participant-picker] label',
      (labels, want, on) => {
        const input = labels.find((candidate) => (candidate as HTMLElement).innerText.includes(want as string))?.querySelector('input');
        if (!input) throw new Error(`No option "${want as string}"`);
        if (input.checked !== on) input.click();
      },
      label,
      checked,
    );
  const waitForText = async (selector: string, expected: string) => {
    try {
      await panel.waitForFunction(
        (sel, want) => Array.from(document.querySelectorAll(sel)).some((element) => (element as HTMLElement).innerText.includes(want)),
        { timeout: 10_000 },
        selector,
        expected,
      );
    } catch {
      const seen = await panel.$$eval(selector, (elements) => elements.map((element) => (element as HTMLElement).innerText).join(' | ')).catch(() => '(panel gone)');
      const main = await panel.$eval('.sn-main', (element) => (element as HTMLElement).innerText).catch(() => '(panel gone)');
      throw new Error(`Waited 10 s for ${selector} to show "${expected}"; it shows: ${seen || '(nothing)'}\n--- panel ---\n${main.slice(0, 1500)}`);
    }
  };
  /** After Enter on a result: the search has closed and the card it covered (mounted, hidden) shows the account. */
  const waitForPickedCard = async (name: string) => {
    await panel.waitForFunction(() => document.querySelectorAll('[role=option]').length === 0, { timeout: 10_000 });
    await waitForText('[data-testid=account-card]', name);
    expect(await panel.$eval('[data-testid=account-card]', (card) => card.closest('[hidden]') === null)).toBe(true);
  };

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    acmeTab = await chromium.browser.newPage();
    await acmeTab.goto(sites.url('www.acme-robotics.com'));
    panel = await chromium.openSidePanel(acmeTab);
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test('shows the tab it sits next to, read by the page reader, and offers to create the account from the page', async () => {
    await waitForText('[data-testid=page-context]', 'Acme Robotics — Industrial robots');
    expect(await text('[data-testid=page-context]')).toContain('acme-robotics.com');
    // The site's own name (Open Graph) and its sales address: only the page reader sees those.
    await waitForText('[data-testid=create-from-page]', 'Create account “Acme Robotics”');
    expect(await text('[data-testid=page-context]')).not.toContain('Let Sidenote read');
  });

  test('creates the account with one click, prefilled with the site name and domain', async () => {
    await panel.click('[data-testid=create-from-page]');
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    expect(await text('[data-testid=account-card]')).toContain('acme-robotics.com');
    await waitForText('[data-testid=match-summary]', 'Matched by company domain: Acme Robotics');
  });

  test('saves a note with Ctrl+Enter and shows it at once at the top of the timeline, with where it was written', async () => {
    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.type('Asked for the security questionnaire; CFO joins next call.');
    await panel.keyboard.down('Control');
    await panel.keyboard.press('Enter');
    await panel.keyboard.up('Control');
    await waitForText('[data-testid=timeline-item]', 'Asked for the security questionnaire');
    const first = await text('[data-testid=timeline-item]');
    expect(first).toContain('Note');
    expect(first).toContain('Acme Robotics — Industrial robots');
    expect(await panel.$eval('[data-testid=composer-body]', (element) => (element as HTMLTextAreaElement).value)).toBe('');
  });

  test('logs a call in a few keystrokes: outcome, duration, summary, next step, follow-up date', async () => {
    await panel.keyboard.press('Escape');
    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.keyboard.press('c');
    await waitForText('[role=tab][aria-selected=true]', 'Call');
    await clickElement('input[type=radio][value=voicemail]');
    await panel.type('input[placeholder="Minutes, or m:ss"]', '4:30');
    await panel.type('[data-testid=composer-body]', 'Left a message about the pilot scope.');
    const nextStep = await panel.$$('label.sn-field');
    for (const label of nextStep) {
      if ((await label.evaluate((element) => (element as HTMLElement).innerText)).startsWith('Next step')) await (await label.$('input'))!.type('Call back with pricing');
    }
    await clickElement('.sn-chip-row[aria-label="Follow up on"] button');
    await panel.keyboard.down('Control');
    await panel.keyboard.press('Enter');
    await panel.keyboard.up('Control');
    await waitForText('[data-testid=timeline-item]', 'Left a message about the pilot scope.');
    const call = await text('[data-testid=timeline-item][data-activity-type=call]');
    expect(call).toContain('Voicemail');
    expect(call).toContain('4 min 30 s');
    expect(call).toContain('Next step: Call back with pricing');
    expect(call).toMatch(/Follow up /);
  });

  test('inserts a stage template into the composer, and keeps the text as a snippet', async () => {
    await panel.$$eval('[role=tab]', (tabs) => (tabs.find((tab) => tab.textContent === 'Note') as HTMLElement).click());
    const picker = '[data-testid=composer] select:has(optgroup)';
    await panel.waitForSelector(picker);
    const firstTemplate = await panel.$eval(picker, (select) => {
      const group = (select as HTMLSelectElement).querySelector('optgroup')!;
      return { group: group.label, value: group.querySelector('option')!.value };
    });
    expect(firstTemplate.group).toBe('Lead templates');
    await panel.select(picker, firstTemplate.value);
    await panel.waitForFunction(() => ((document.querySelector('[data-testid=composer-body]') as HTMLTextAreaElement).value.trim().length > 0));
    await panel.$$eval('[data-testid=composer] button', (buttons) => (buttons.find((b) => b.textContent === 'Save as snippet') as HTMLButtonElement).click());
    await panel.waitForFunction((sel) => Array.from(document.querySelectorAll(`${sel} optgroup`)).some((group) => (group as HTMLOptGroupElement).label === 'My snippets'), {}, picker);
    // Leave the composer empty for what follows.
    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.down('Control');
    await panel.keyboard.press('a');
    await panel.keyboard.up('Control');
    await panel.keyboard.press('Backspace');
  });

  test('follows the rep to another tab and back, and through a single-page navigation', async () => {
    const globexTab = await chromium.browser.newPage();
    await globexTab.goto(sites.url('www.globex.cn'));
    await globexTab.bringToFront();
    await waitForText('[data-testid=page-context]', '格洛贝克斯科技');
    // No toolbar click on this tab, so no host access: Sidenote sees the address and title only.
    await waitForText('[data-testid=create-from-page]', 'Create account “Globex”');
    await waitForText('[data-testid=page-context]', 'Let Sidenote read globex.cn and its subdomains');
    expect(await panel.$('[data-testid=account-card]')).toBeNull();

    // Back on the tab the rep clicked on: its grant holds, so it is read in full with no new click.
    await acmeTab.bringToFront();
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    expect(await text('[data-testid=page-context]')).not.toContain('Let Sidenote read');
    await acmeTab.click('#about-link');
    await waitForText('[data-testid=page-context]', 'About Acme Robotics');
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    await globexTab.close();
  });

  test('keeps an unsent draft and every record across closing and reopening the side panel', async () => {
    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.type('Unsent: ask Li Wei about the budget owner');
    await panel.close();
    expect((await chromium.browser.targets()).some((target) => target.url().includes('sidepanel.html'))).toBe(false);

    panel = await chromium.openSidePanel(acmeTab);
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    await panel.waitForFunction(
      () => (document.querySelector('[data-testid=composer-body]') as HTMLTextAreaElement | null)?.value === 'Unsent: ask Li Wei about the budget owner',
      { timeout: 10_000 },
    );
    await waitForText('[data-testid=timeline-item]', 'Asked for the security questionnaire');
    await waitForText('[data-testid=timeline-item]', 'Left a message about the pilot scope.');
    expect(await panel.$$eval('[data-testid=timeline-item]', (items) => items.length)).toBe(2);
  });

  test('matches a webmail thread by its participants and offers to add the unknown sender as a contact', async () => {
    await panel.close();
    const mailTab = await chromium.browser.newPage();
    await mailTab.goto(sites.url('mail.google.com', '/mail/u/0/'));
    panel = await chromium.openSidePanel(mailTab);
    await waitForText('[data-testid=page-context]', 'Re: Pilot pricing for Q3');
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    await expandPicker(panel);
    await waitForText('[data-testid=participant-picker]', 'Zhang Min');
    await clickButtonWithText('[data-testid=participant-picker] button', 'Zhang Min');
    await panel.waitForSelector('form[aria-label="Add contact"] input[type=email]');
    expect(await panel.$eval('form[aria-label="Add contact"] input[type=email]', (input) => (input as HTMLInputElement).value)).toBe('zhang.min@acme-robotics.com');
    await panel.click('form[aria-label="Add contact"] button[type=submit]');
    await waitForText('[data-testid=match-summary]', 'Matched by exact email: Zhang Min · Acme Robotics');
  });

  test('on a thread with three people the rep picks who it is about; logging the thread again keeps one record', async () => {
    // Li Wei is on the thread too: add him from the picker's offers.
    await clickButtonWithText('[data-testid=participant-picker] button', 'Li Wei');
    await panel.waitForSelector('form[aria-label="Add contact"] input[type=email]');
    // His mobile, written as a business card has it; lookup finds him by it later.
    await panel.type('form[aria-label="Add contact"] input[type=tel]', '+86 138 0013 8000');
    await panel.click('form[aria-label="Add contact"] button[type=submit]');
    await waitForText('[data-testid=participant-picker] label', 'Li Wei');
    // The sender comes preselected; the rep files this one under Li Wei alone.
    await setChecked('Zhang Min', false);
    await setChecked('Li Wei', true);

    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.$$eval('[role=tab]', (tabs) => (tabs.find((tab) => tab.textContent === 'Email') as HTMLElement).click());
    await waitForText('[role=tab][aria-selected=true]', 'Email');
    // The unsent draft from earlier is still there, as it should be; this log starts afresh.
    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.down('Control');
    await panel.keyboard.press('a');
    await panel.keyboard.up('Control');
    await panel.keyboard.press('Backspace');
    await panel.keyboard.type('Sent the pilot scope.');
    await clickButtonWithText('[data-testid=composer] button', 'Log this thread');
    await waitForText('[data-testid=timeline-item][data-activity-type=email]', 'Sent the pilot scope.');

    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.type('CFO is reviewing it this week.');
    await clickButtonWithText('[data-testid=composer] button', 'Log this thread');
    await waitForText('[data-testid=timeline-item][data-activity-type=email]', 'CFO is reviewing it this week.');
    expect(await panel.$$eval('[data-testid=timeline-item][data-activity-type=email]', (items) => items.length)).toBe(1);

    const stored = await panel.evaluate(
      () =>
        new Promise<Array<{ subject: string | null; body: string; contactIds: string[]; captureKey: string | null }>>((resolve, reject) => {
          const open = indexedDB.open('sidenote');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('activities').objectStore('activities').getAll();
            request.onsuccess = () => resolve((request.result as Array<{ type: string; subject: string | null; body: string; contactIds: string[]; captureKey: string | null }>).filter((a) => a.type === 'email'));
          };
        }),
    );
    const contacts = await panel.evaluate(
      () =>
        new Promise<Array<{ id: string; name: string }>>((resolve) => {
          const open = indexedDB.open('sidenote');
          open.onsuccess = () => {
            const request = open.result.transaction('contacts').objectStore('contacts').getAll();
            request.onsuccess = () => resolve(request.result as Array<{ id: string; name: string }>);
          };
        }),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.subject).toBe('Re: Pilot pricing for Q3');
    expect(stored[0]!.body).toBe('Sent the pilot scope.\n\nCFO is reviewing it this week.');
    expect(stored[0]!.captureKey).toMatch(/thread/);
    expect(stored[0]!.contactIds).toEqual([contacts.find((c) => c.name === 'Li Wei')!.id]);
  });

  test('quick lookup finds a contact and an account from a few letters, and Enter opens the pick', async () => {
    await panel.click('#sn-search-input');
    await panel.keyboard.type('li w');
    await waitForText('[role=option]', 'Li Wei');
    await panel.click('#sn-search-input', { count: 3 });
    await panel.keyboard.type('acme');
    // The previous results name Acme Robotics too (as Li Wei's company): wait for the account itself.
    await waitForText('[role=option] .sn-result__name', 'Acme Robotics');
    expect(await text('[role=option]')).toContain('Account');
    await panel.keyboard.press('ArrowDown');
    await panel.keyboard.press('Enter');
    await waitForPickedCard('Acme Robotics');
  });

  test('quick lookup finds a person by a phone number in any form, and a deal by its name', async () => {
    // A deal on the account now open (its lower sections render after its first paint).
    await panel.waitForSelector('#sn-deals-title button');
    await clickButtonWithText('section[aria-labelledby=sn-deals-title] button', 'Add deal');
    await panel.waitForSelector('form[aria-label="Add deal"] input');
    await panel.type('form[aria-label="Add deal"] input', 'Fleet telematics pilot');
    await panel.click('form[aria-label="Add deal"] button[type=submit]');
    await waitForText('section[aria-labelledby=sn-deals-title]', 'Fleet telematics pilot');

    await panel.click('#sn-search-input', { count: 3 });
    await panel.keyboard.type('138-0013-8000');
    await waitForText('[role=option]', 'Li Wei');
    expect(await text('[role=option]')).toContain('Phone 13800138000');
    // Caller-ID shows the end of the number.
    await panel.click('#sn-search-input', { count: 3 });
    await panel.keyboard.type('00138000');
    await waitForText('[role=option]', 'Li Wei');

    await panel.click('#sn-search-input', { count: 3 });
    await panel.keyboard.type('fleet tele');
    await waitForText('[role=option] .sn-result__name', 'Fleet telematics pilot');
    expect(await text('[role=option]')).toContain('Deal');
    expect(await text('[role=option]')).toContain('Acme Robotics');
    await panel.keyboard.press('ArrowDown');
    await panel.keyboard.press('Enter');
    await waitForPickedCard('Acme Robotics');
  });

  test('logs text selected on the page as a quoted note, as the context menu does', async () => {
    const mailTab = (await chromium.browser.pages()).find((page) => page.url().includes('mail.google.com'))!;
    const selection = await mailTab.evaluate(() => {
      const paragraph = Array.from(document.querySelectorAll('p, div')).find((element) => element.children.length === 0 && (element.textContent ?? '').trim().length > 20)!;
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString();
    });
    expect(selection.trim().length).toBeGreaterThan(20);
    // Headless Chromium cannot open the native menu: the click is replayed from the service
    // worker with the intent the background computes for it, through the same message path.
    const intent = intentForMenuClick({ menuItemId: MENU_IDS.logSelection, selectionText: selection });
    const workerTarget = await chromium.browser.waitForTarget((target) => target.type() === 'service_worker' && target.url().includes(chromium.extensionId));
    const worker = (await workerTarget.worker())!;
    await worker.evaluate(
      (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message),
      { type: 'ui/intent', intent },
    );
    const quote = noteFromSelection(selection);
    await panel.waitForFunction((want) => (document.querySelector('[data-testid=composer-body]') as HTMLTextAreaElement | null)?.value.endsWith(want), { timeout: 10_000 }, quote);
    await waitForText('[role=tab][aria-selected=true]', 'Note');
    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.down('Control');
    await panel.keyboard.press('Enter');
    await panel.keyboard.up('Control');
    await waitForText('[data-testid=timeline-item][data-activity-type=note]', quote.split('\n')[0]!.slice(2, 40));
  });
});
