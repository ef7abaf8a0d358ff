// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkStageFacts } from '@/lib/funnel/facts';
import { defaultPlaybook } from '@/lib/funnel/playbook';
import { makeAccount, makeContact, unconfirmedFact } from '@/lib/funnel/testing';
import { newFact } from '@/lib/schemas';
import { LocaleProvider } from '../i18n';
import { WhatWeKnow } from './WhatWeKnow';

afterEach(cleanup);

const noteId = '0191c7a0-0000-7000-8000-00000000abcd';
const account = makeAccount({
  stage: 'lead',
  facts: {
    intentBudget: newFact({ value: '¥850,000', state: 'known', by: 'rep-li', at: 1, evidence: { activityId: noteId, quote: '预算 85 万' } }),
    scenarioFit: unconfirmedFact('门店补货'),
  },
});
const wang = makeContact(account, { name: '王总', role: 'decision_maker' });
const checks = checkStageFacts(defaultPlaybook().stages.lead!, { account, deal: null, deals: [], contacts: [wang] });

function renderList(locale: 'en' | 'zh-CN' = 'zh-CN') {
  const onToggleKnown = vi.fn();
  const onEdit = vi.fn();
  render(
    <LocaleProvider locale={locale}>
      <WhatWeKnow stageName={locale === 'en' ? 'Lead' : '线索'} exitCriteria={checks.exitCriteria} keyFacts={checks.keyFacts} onToggleKnown={onToggleKnown} onEdit={onEdit} />
    </LocaleProvider>,
  );
  return { onToggleKnown, onEdit };
}

describe('WhatWeKnow', () => {
  it('shows each item’s state, value and source, and says how many and which are known', () => {
    renderList();
    const exit = screen.getByRole('group', { name: '推进条件' });
    expect(within(exit).getByTestId('facts-known-count').textContent).toBe('已知 2/4 项');
    expect(exit.textContent).toContain('已知：已对接决策人、有购买意向和预算');
    expect(exit.textContent).toContain('待了解：符合业务场景、符合客户画像');
    const budget = exit.querySelector('[data-fact="intentBudget"]')!;
    expect(budget.textContent).toContain('¥850,000');
    expect(budget.textContent).toContain('来自笔记：“预算 85 万”');
    expect(exit.querySelector('[data-fact="decisionMaker"]')!.textContent).toContain('来自联系人：王总');
    expect(exit.querySelector('[data-fact="scenarioFit"]')!.textContent).toContain('待确认');
  });

  it('marks one known with one keystroke (Space), and cannot unmark what the records show', async () => {
    const user = userEvent.setup();
    const { onToggleKnown } = renderList();
    screen.getByRole('checkbox', { name: '符合业务场景：标为已确认' }).focus();
    await user.keyboard(' ');
    expect(onToggleKnown).toHaveBeenCalledWith(expect.objectContaining({ fact: expect.objectContaining({ key: 'scenarioFit' }) }), true);
    expect(screen.getByRole('checkbox', { name: '已对接决策人：标为已确认' })).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: '修改 已对接决策人' })).toBeNull();
  });

  it('edits one by keyboard: Enter on Edit, type, Enter saves; Esc cancels and returns focus', async () => {
    const user = userEvent.setup();
    const { onEdit } = renderList('en');
    screen.getByRole('button', { name: 'Edit Fits our customer profile' }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Fits our customer profile: what we know' }));
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit Fits our customer profile' }));
    await user.keyboard('{Enter}');
    await user.keyboard('Retail chain, 200 stores{Enter}');
    expect(onEdit).toHaveBeenCalledWith(expect.objectContaining({ fact: expect.objectContaining({ key: 'profileFit' }) }), 'Retail chain, 200 stores');
    expect(screen.getByRole('group', { name: 'To move on' }).textContent).toContain('2 of 4 known');
  });
});
