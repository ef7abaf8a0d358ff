// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChipDecision } from '@/lib/facts/accept';
import { proposeFromNote, type ProposalChip } from '@/lib/facts/proposals';
import type { Locale } from '@/lib/schemas';
import { LocaleProvider } from '../i18n';
import { FactChips } from './FactChips';

afterEach(cleanup);

const NOW = Date.UTC(2026, 11, 2, 2, 0);
const KEYS = new Set(['intentBudget', 'decisionMaker', 'competitors']);

function chipsOf(text: string, locale: Locale): ProposalChip[] {
  return proposeFromNote({ text, playbookFactKeys: KEYS, existing: [], contacts: [], locale, now: NOW, timeZone: 'Asia/Shanghai' });
}

/** The decisions as the container holds them, read by the assertions. */
let lastDecisions: Record<string, ChipDecision> = {};
function decideInto(current: Record<string, ChipDecision>, chip: ProposalChip, decision: ChipDecision) {
  lastDecisions = { ...current, [chip.id]: decision };
  return lastDecisions;
}
afterEach(() => {
  lastDecisions = {};
});

function Harness({ text, locale = 'zh-CN' }: { text: string; locale?: Locale }) {
  const [decisions, setDecisions] = useState<Record<string, ChipDecision>>({});
  return (
    <LocaleProvider locale={locale}>
      <textarea aria-label="note" defaultValue={text} />
      <FactChips chips={chipsOf(text, locale)} decisions={decisions} onDecide={(chip, decision) => setDecisions((current) => decideInto(current, chip, decision))} mode="draft" />
      <button type="button">after</button>
    </LocaleProvider>
  );
}

const NOTE = '拍板的是王总，预算 85 万，下周三前发报价';
const statusOf = (label: string) => Object.entries(lastDecisions).find(([id]) => id.includes(label))?.[1]?.status ?? 'pending';
const chip = (name: string | RegExp) => screen.getByRole('button', { name });

describe('FactChips, by keyboard alone', () => {
  it('shows proposals without accepting any', () => {
    render(<Harness text={NOTE} />);
    expect(screen.getAllByTestId('fact-chip').map((element) => element.textContent)).toEqual(['决策人 王总', '预算 ¥850,000', '添加联系人 王总（决策人）', '下一步 发报价 · 12月9日']);
    for (const element of screen.getAllByTestId('fact-chip')) expect(element.getAttribute('aria-pressed')).toBe('false');
    expect(lastDecisions).toEqual({});
  });

  it('Tab from the note reaches the first chip; Enter and Tab accept the focused one and move to the next', async () => {
    const user = userEvent.setup();
    render(<Harness text={NOTE} />);
    screen.getByRole('textbox', { name: 'note' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(chip('决策人 王总'));
    await user.keyboard('{Enter}');
    expect(chip(/^✓ 决策人 王总$/).getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(chip('预算 ¥850,000'));
    await user.tab();
    expect(chip(/^✓ 预算 ¥850,000/).getAttribute('aria-pressed')).toBe('true');
    expect(statusOf('decisionMaker')).toBe('accepted');
    expect(statusOf('intentBudget')).toBe('accepted');
    expect(statusOf('contact')).toBe('pending');
    expect(screen.getByText('已采纳 2 项，随笔记一起保存')).toBeTruthy();
  });

  it('Enter on an accepted chip takes it back; Tab on a decided chip moves on without accepting the next', async () => {
    const user = userEvent.setup();
    render(<Harness text="预算 85 万" />);
    chip('预算 ¥850,000').focus();
    await user.keyboard('{Enter}');
    expect(statusOf('intentBudget')).toBe('accepted');
    await user.keyboard('{Enter}');
    expect(statusOf('intentBudget')).toBe('pending');
    await user.keyboard('{Enter}');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'after' }));
  });

  it('Esc dismisses the focused chip and focus moves to the next', async () => {
    const user = userEvent.setup();
    render(<Harness text={NOTE} />);
    chip('决策人 王总').focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('button', { name: '决策人 王总' })).toBeNull();
    expect(statusOf('decisionMaker')).toBe('dismissed');
    expect(document.activeElement).toBe(chip('预算 ¥850,000'));
  });

  it('arrow keys move between chips without deciding anything', async () => {
    const user = userEvent.setup();
    render(<Harness text={NOTE} />);
    chip('决策人 王总').focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(chip('添加联系人 王总（决策人）'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(chip('预算 ¥850,000'));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(chip(/^下一步/));
    expect(lastDecisions).toEqual({});
  });

  it('F2 edits the focused chip; Enter accepts the edited value, Esc cancels the edit', async () => {
    const user = userEvent.setup();
    render(<Harness text={NOTE} />);
    chip('预算 ¥850,000').focus();
    await user.keyboard('{F2}');
    const field = screen.getByRole('textbox', { name: '预算：内容' });
    expect(document.activeElement).toBe(field);
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(chip('预算 ¥850,000'));
    await user.keyboard('{F2}');
    await user.clear(screen.getByRole('textbox', { name: '预算：内容' }));
    await user.keyboard('¥900,000{Enter}');
    expect(Object.values(lastDecisions)).toEqual([{ status: 'accepted', value: '¥900,000' }]);
    expect(screen.queryByRole('textbox', { name: '预算：内容' })).toBeNull();
  });

  it('edits a next step’s text and date', async () => {
    const user = userEvent.setup();
    render(<Harness text={NOTE} />);
    chip(/^下一步/).focus();
    await user.keyboard('{F2}');
    await user.clear(screen.getByRole('textbox', { name: '下一步：内容' }));
    await user.keyboard('发正式报价');
    await user.tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('日期');
    await user.keyboard('{Enter}');
    expect(Object.values(lastDecisions)).toEqual([{ status: 'accepted', value: '发正式报价', date: '2026-12-09' }]);
  });

  it('speaks English too, and every control is named', () => {
    render(<Harness text="The final call is with Sarah Chen (CFO). Budget is $120k." locale="en" />);
    expect(screen.getByRole('group', { name: 'From your note' })).toBeTruthy();
    expect(chip('Budget $120,000')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Dismiss Budget $120,000' })).toBeTruthy();
    expect(chip('Add contact Sarah Chen as decision maker')).toBeTruthy();
  });
});
