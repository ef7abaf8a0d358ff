// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { stagePathOf } from '@/lib/funnel/success-cases';
import { T0, daysAgo, makeAccount, makeStageChange } from '@/lib/funnel/testing';
import { LocaleProvider } from '../i18n';
import { StagePath } from './StagePath';

afterEach(cleanup);

describe('StagePath', () => {
  const account = makeAccount({ createdAt: daysAgo(30) });
  const changes = [
    makeStageChange(account, { type: 'account', id: account.id }, 'lead', 'qualified', daysAgo(20), { authorId: 'rep-1' }),
    makeStageChange(account, { type: 'account', id: account.id }, 'qualified', 'proposal', daysAgo(5), { authorId: 'rep-2' }),
  ];

  it('shows the path as an ordered timeline ending at the current stage, with who moved it', () => {
    render(
      <LocaleProvider locale="en">
        <StagePath path={stagePathOf(changes, account.id, account.createdAt)} currentStage="proposal" now={T0} timeZone="UTC" repNames={{ 'rep-2': 'Wang Fang' }} />
      </LocaleProvider>,
    );
    const steps = screen.getByRole('list', { name: 'Stage path' }).querySelectorAll('li');
    expect([...steps].map((step) => step.querySelector('.sn-stagepath__name')?.textContent)).toEqual(['Lead', 'Qualified', 'Proposal']);
    expect(steps[0]!.textContent).toContain('10 days');
    expect(steps[2]!.getAttribute('aria-current')).toBe('step');
    expect(steps[2]!.textContent).toContain('moved by Wang Fang');
    expect(steps[2]!.textContent).toContain('5 days');
  });

  it('still shows where the record is when no move was recorded', () => {
    render(
      <LocaleProvider locale="zh-CN">
        <StagePath path={[]} currentStage="adoption" now={T0} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('list', { name: '阶段路径' }).textContent).toContain('价值运营');
    expect(screen.getByText('还没有阶段变更记录。')).toBeTruthy();
  });
});
