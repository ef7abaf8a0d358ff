import { describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, loadFixturePage } from '../../test/fixtures/pages/load';
import { extractPageContext } from '../context/extract';
import { validActivitySchema, newActivityFields, type PageContext, type WebmailThread } from '../schemas';
import { excerptOf, threadCaptureInput, threadSnapshotOf } from './thread-capture';

const thread: WebmailThread = {
  provider: 'gmail',
  threadId: 'thread-f:1',
  subject: 'Re: Pilot pricing',
  participants: [
    { address: 'zhang.min@acme.example', name: 'Zhang Min', role: 'from' },
    { address: 'li.wei@acme.example', name: null, role: 'cc' },
  ],
  messageCount: 3,
  latestAt: Date.UTC(2024, 2, 12, 2, 2),
  latestText: `Thanks for the pricing. ${'Our CFO wants to review the scope. '.repeat(30)}`,
  visibleText: 'Thanks for the pricing.\n\nHi, following up.',
};

describe('threadSnapshotOf', () => {
  it.each([
    ['subject', null],
    ['excerpt', 'excerpt'],
    ['visible', 'Thanks for the pricing.\n\nHi, following up.'],
  ] as const)('in %s mode keeps subject, people, date and count, and %s of the text', (mode, text) => {
    const snapshot = threadSnapshotOf(thread, mode);
    expect(snapshot).toMatchObject({
      subject: 'Re: Pilot pricing',
      participants: thread.participants,
      latestMessageAt: thread.latestAt,
      messageCount: 3,
      kept: mode,
    });
    if (text === 'excerpt') {
      expect(snapshot.text!.length).toBeLessThanOrEqual(500);
      expect(snapshot.text).toMatch(/^Thanks for the pricing\. Our CFO .*\S…$/);
    } else {
      expect(snapshot.text).toBe(text);
    }
  });

  it('has no text when the page showed none, and no date or count when the extractor could not read them', () => {
    expect(threadSnapshotOf({ ...thread, latestText: null, visibleText: null, latestAt: undefined, messageCount: undefined }, 'visible')).toMatchObject({
      text: null,
      latestMessageAt: null,
      messageCount: null,
    });
  });
});

describe('excerptOf', () => {
  it.each([
    ['short text, whole', 'Call me tomorrow.', 500, 'Call me tomorrow.'],
    ['long text ends at a word', 'alpha beta gamma delta epsilon', 20, 'alpha beta gamma…'],
    ['Chinese text is cut at the limit', '您好附件是我们对年度续约的意见请查收', 10, '您好附件是我们对年…'],
  ])('%s', (_name, text, max, expected) => {
    expect(excerptOf(text, max)).toBe(expected);
  });
});

describe('threadCaptureInput', () => {
  const target = { accountId: '00000000-0000-7000-8000-000000000001', contactIds: [], dealId: null, visibility: 'team' as const, mode: 'excerpt' as const, captureKey: 'thread:gmail:thread-f:1', now: Date.UTC(2024, 2, 13) };

  it('logs a saved Gmail thread as a valid email record keeping the thread', () => {
    const { document, url } = loadFixturePage(FIXTURE_PAGES.gmailConversation);
    const page = extractPageContext(document, url);
    const input = threadCaptureInput(page, target)!;
    expect(input).toMatchObject({ type: 'email', subject: 'Re: Pilot pricing for Q3', captureKey: target.captureKey, source: { provider: 'gmail' } });
    expect(input.thread).toMatchObject({ messageCount: 3, kept: 'excerpt', participants: expect.arrayContaining([expect.objectContaining({ address: 'zhang.min@acme-robotics.com.cn', role: 'from' })]) });
    expect(input.thread!.text).toMatch(/^Hi,\n\nThanks for the pricing/);
    expect(input.occurredAt).toBe(page.webmail!.latestAt);
    const record = { id: '00000000-0000-7000-8000-000000000002', createdAt: 1, updatedAt: 1, updatedBy: null, clock: {}, ...newActivityFields({ ...input, occurredAt: input.occurredAt! }), authorId: null };
    expect(validActivitySchema.safeParse(record).success).toBe(true);
  });

  it('uses now when the latest message is dated in the future (a clock or parse gone wrong)', () => {
    const page = { webmail: { ...thread, latestAt: target.now + 1 }, url: 'https://mail.google.com/mail/u/0/#inbox/x', canonicalUrl: null, title: 'Gmail' } as PageContext;
    expect(threadCaptureInput(page, target)!.occurredAt).toBe(target.now);
  });

  it('has nothing to log without a thread', () => {
    expect(threadCaptureInput({ webmail: null } as PageContext, target)).toBeNull();
  });
});
