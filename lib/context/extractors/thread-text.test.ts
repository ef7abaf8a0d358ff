import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, loadFixturePage } from '../../../test/fixtures/pages/load';
import { pageContextSchema } from '../../schemas';
import { extractPageContext } from '../extract';
import { messageText, parseMailDate } from './thread-text';

const local = (year: number, month: number, day: number, hour = 0, minute = 0) => new Date(year, month - 1, day, hour, minute).getTime();

describe('parseMailDate', () => {
  it.each([
    ['Gmail, English', 'Tue, Mar 12, 2024, 10:02 AM', local(2024, 3, 12, 10, 2)],
    ['Gmail, afternoon', 'Mon, Mar 11, 2024, 4:10 PM', local(2024, 3, 11, 16, 10)],
    ['Gmail, midnight hour', 'Mon, Mar 11, 2024, 12:05 AM', local(2024, 3, 11, 0, 5)],
    ['Outlook, en-US', 'Tue 3/12/2024 10:02 AM', local(2024, 3, 12, 10, 2)],
    ['day first when it cannot be a month', 'Tue 25/12/2024 10:02', local(2024, 12, 25, 10, 2)],
    ['en-GB', '12 Mar 2024, 16:20', local(2024, 3, 12, 16, 20)],
    ['Chinese, afternoon', '2024年3月12日 周二 下午3:05', local(2024, 3, 12, 15, 5)],
    ['Chinese, morning', '2024年3月12日 上午9:30', local(2024, 3, 12, 9, 30)],
    ['numeric with slashes', '2024/3/12 10:02', local(2024, 3, 12, 10, 2)],
    ['a date without a time', 'Mar 12, 2024', local(2024, 3, 12)],
    ['time only (today in Gmail)', '10:02 AM (2 hours ago)', null],
    ['not a date', 'Show details', null],
    ['the 31st of February', '2024/2/31 10:00', null],
    ['empty', '', null],
  ])('%s: %s', (_name, text, expected) => {
    expect(parseMailDate(text)).toBe(expected);
  });
});

describe('messageText', () => {
  it('keeps the message\'s lines and leaves out quoted replies and hidden parts', () => {
    const { document } = new JSDOM(
      '<div id="m"><div>Hi Priya,<br><br>Thanks   for the call.</div><div aria-hidden="true">tracking</div><div class="gmail_quote">On Mon … wrote:<blockquote>old text</blockquote></div><p>Best,<br>Li</p></div>',
    ).window;
    expect(messageText(document.getElementById('m')!, 1000)).toBe('Hi Priya,\n\nThanks for the call.\n\nBest,\nLi');
  });

  it('stops at the bound', () => {
    const { document } = new JSDOM(`<div id="m">${'word '.repeat(100)}</div>`).window;
    expect(messageText(document.getElementById('m')!, 20).length).toBeLessThanOrEqual(20);
  });
});

describe('thread facts on saved webmail pages', () => {
  const read = (name: string) => {
    const { document, url } = loadFixturePage(name);
    const context = extractPageContext(document, url);
    expect(pageContextSchema.safeParse(context).success).toBe(true);
    return context.webmail!;
  };

  it('Gmail: three messages, the newest dated from its header, its own text without the quote', () => {
    const thread = read(FIXTURE_PAGES.gmailConversation);
    expect(thread.messageCount).toBe(3);
    expect(thread.latestAt).toBe(local(2024, 3, 12, 10, 2));
    expect(thread.latestText).toMatch(/^Hi,\n\nThanks for the pricing\. Our CFO wants to review the pilot scope before signing\./);
    expect(thread.latestText).toContain('Head of Operations, Acme Robotics');
    expect(thread.latestText).not.toContain('standard pilot pricing');
    expect(thread.visibleText).toBe(thread.latestText);
  });

  it('Outlook.com: three messages, the newest (expanded, on top) dated and read', () => {
    const thread = read(FIXTURE_PAGES.outlookLiveReadingPane);
    expect(thread.messageCount).toBe(3);
    expect(thread.latestAt).toBe(local(2024, 3, 12, 10, 2));
    expect(thread.latestText).toMatch(/^Thanks for the pricing\. Our CFO wants to review the pilot scope\. Call me on \+86 21 5555 0188\./);
  });

  it('Outlook 365 in Chinese: one message, no date on screen, the body read', () => {
    const thread = read(FIXTURE_PAGES.outlookOffice365FullPage);
    expect(thread.messageCount).toBe(1);
    expect(thread.latestAt).toBeNull();
    expect(thread.latestText).toMatch(/^您好，附件是我们对年度续约的意见，请查收。\n陈静 采购经理 电话：010-8888-6666$/);
  });
});
