// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HandoffStatus } from '@/lib/funnel/suggest';
import { LocaleProvider } from '../i18n';
import { HandoffPanel } from './HandoffPanel';

afterEach(cleanup);

const reps = [
  { id: 'rep-li', name: 'Li Wei' },
  { id: 'rep-wang', name: 'Wang Fang' },
];

function status(fields: Partial<HandoffStatus> = {}): HandoffStatus {
  return {
    dealId: 'deal-1',
    dealName: 'Store rollout',
    closedAt: 0,
    handedById: 'rep-li',
    handedByName: 'Li Wei',
    csmId: 'rep-wang',
    csmName: 'Wang Fang',
    toViewer: true,
    fromViewer: false,
    items: [
      { key: 'decisionChain', label: { en: 'Decision chain', 'zh-CN': '客户决策链' }, known: true, value: 'Wang (CEO)' },
      { key: 'coreNeeds', label: { en: 'Core needs', 'zh-CN': '核心需求' }, known: false, value: null },
    ],
    knownCount: 1,
    ...fields,
  };
}

describe('HandoffPanel', () => {
  it.each([
    ['en', 'Handed to you by Li Wei, 1 of 2 items', 'Customer success manager'],
    ['zh-CN', 'Li Wei 已交接给你，交接信息 1/2 项', '客户成功经理'],
  ] as const)('tells the CSM who handed it over and how much of it (%s)', (locale, line, label) => {
    render(
      <LocaleProvider locale={locale}>
        <HandoffPanel handoffs={[status()]} reps={reps} csmId="rep-wang" onPickCsm={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('handoff-status').textContent).toBe(line);
    expect((screen.getByRole('combobox', { name: label }) as HTMLSelectElement).value).toBe('rep-wang');
  });

  it('lets the rep pick the CSM from the team by keyboard', async () => {
    const onPickCsm = vi.fn();
    render(
      <LocaleProvider locale="en">
        <HandoffPanel handoffs={[status({ csmId: null, csmName: null, toViewer: false, fromViewer: true })]} reps={reps} csmId={null} onPickCsm={onPickCsm} />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('handoff-status').textContent).toBe('Not handed to anyone yet, 1 of 2 items');
    const picker = screen.getByRole('combobox', { name: 'Customer success manager' });
    await userEvent.selectOptions(picker, 'Wang Fang');
    expect(onPickCsm).toHaveBeenCalledWith('rep-wang');
  });

  it('offline, with no team list yet, says the pick waits and keeps the checklist', () => {
    render(
      <LocaleProvider locale="en">
        <HandoffPanel handoffs={[status({ csmId: null, csmName: null, toViewer: false })]} reps={[]} csmId={null} onPickCsm={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByText(/loads when the server is reachable/)).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Customer success manager' }) as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getByText('Handoff checklist (1/2)')).toBeTruthy();
  });

  it('shows nothing without a won deal', () => {
    const { container } = render(
      <LocaleProvider locale="en">
        <HandoffPanel handoffs={[]} reps={reps} csmId={null} onPickCsm={() => {}} />
      </LocaleProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
