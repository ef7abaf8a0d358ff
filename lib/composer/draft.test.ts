import { describe, expect, it } from 'vitest';
import { describeUnstorableText } from '../schemas';
import { activityInputFromDraft, captureSourceOf, draftHasContent, emptyDraft, formatDuration, fromDateInput, parseDuration, quickDate, restoreDraft, toDateInput } from './draft';

describe('parseDuration', () => {
  it.each([
    ['', null],
    ['12', 720],
    ['12 min', 720],
    ['12分钟', 720],
    ['12:30', 750],
    ['0:45', 45],
    ['90s', 90],
    ['90秒', 90],
    ['1h', 3600],
    ['1h 5m', 3900],
    ['1小时5分钟', 3900],
    ['12:75', undefined],
    ['soon', undefined],
  ])('%j → %j', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('formats back to what a rep types', () => {
    expect(formatDuration(750)).toBe('12:30');
    expect(formatDuration(720)).toBe('12');
  });
});

describe('dates', () => {
  it('reads a picked date as 09:00 local time and writes it back', () => {
    const ms = fromDateInput('2026-03-05');
    expect(new Date(ms!).getHours()).toBe(9);
    expect(toDateInput(ms!)).toBe('2026-03-05');
    expect(fromDateInput('2026-02-30')).toBeNull();
    expect(fromDateInput('next week')).toBeNull();
  });

  it.each([
    ['tomorrow', '2026-03-03'],
    ['in3days', '2026-03-05'],
    ['nextWeek', '2026-03-09'],
  ] as const)('%s from Monday 2 March 2026 is %s', (choice, expected) => {
    expect(quickDate(choice, new Date(2026, 2, 2, 10).getTime())).toBe(expected);
  });

  it('next week from a Sunday is the next day, Monday', () => {
    expect(quickDate('nextWeek', new Date(2026, 2, 8, 10).getTime())).toBe('2026-03-09');
  });
});

describe('composer drafts', () => {
  const binding = { accountId: 'a1', source: null, captureKey: null };

  it('counts only typed text as content', () => {
    expect(draftHasContent(emptyDraft('call'))).toBe(false);
    expect(draftHasContent({ ...emptyDraft(), nextStep: 'send deck' })).toBe(true);
  });

  it('restores what it can from an older or damaged draft', () => {
    const restored = restoreDraft({ body: 'kept', duration: 5, contactIds: ['c1', 3], dealId: null, extra: 'x' }, emptyDraft());
    expect(restored).toMatchObject({ body: 'kept', duration: '', contactIds: ['c1'], dealId: null });
  });

  it('turns a call draft into a call with outcome, duration and follow-up', () => {
    const result = activityInputFromDraft(
      { ...emptyDraft('call'), body: 'Budget ok', callOutcome: 'voicemail', duration: '4:30', nextStep: 'Call again', followUpOn: '2026-03-05' },
      binding,
    );
    expect(result.ok && result.input).toMatchObject({
      type: 'call',
      callOutcome: 'voicemail',
      durationSeconds: 270,
      nextStep: 'Call again',
      followUpAt: fromDateInput('2026-03-05'),
      channel: null,
    });
  });

  it.each([
    ['an empty note', emptyDraft('note'), 'empty'],
    ['a call with a bad duration', { ...emptyDraft('call'), duration: 'long' }, 'duration'],
    ['a task without a due date', { ...emptyDraft('task'), subject: 'Send quote' }, 'due'],
  ] as const)('refuses %s', (_name, draft, problem) => {
    expect(activityInputFromDraft(draft, binding)).toEqual({ ok: false, problem });
  });

  it('logs a call with no summary: the outcome is the record', () => {
    expect(activityInputFromDraft({ ...emptyDraft('call'), callOutcome: 'no_answer' }, binding).ok).toBe(true);
  });

  it('makes a "remind me if no reply" task', () => {
    const result = activityInputFromDraft({ ...emptyDraft('task'), subject: 'Chase reply', dueOn: '2026-03-05', dueTime: '14:00', remindIfNoReply: true }, binding);
    expect(result.ok && result.input).toMatchObject({ type: 'task', reminder: 'no_reply', dueAt: fromDateInput('2026-03-05', '14:00') });
  });
});

describe('captureSourceOf', () => {
  const EMOJI = '🎉';

  it('cuts a long page title between characters, never through an emoji', () => {
    const title = `${'x'.repeat(999)}${EMOJI} and more`;
    const source = captureSourceOf({ url: 'https://acme.example/', canonicalUrl: null, title, webmail: null });
    expect(source!.title).toBe('x'.repeat(999));
    expect(describeUnstorableText(source!.title)).toBeNull();
  });

  it('makes page text storable: NULs dropped, broken halves replaced, also in a thread subject and id', () => {
    const source = captureSourceOf({
      url: 'https://mail.example/',
      canonicalUrl: null,
      title: 'Inbox\u0000 (3)',
      webmail: { provider: 'other', threadId: `${'t'.repeat(511)}${EMOJI}`, subject: `Re: pilot ${EMOJI.slice(0, 1)}` },
    });
    expect(source).toMatchObject({ title: 'Inbox (3)', threadSubject: 'Re: pilot \ufffd', threadId: 't'.repeat(511) });
  });
});
