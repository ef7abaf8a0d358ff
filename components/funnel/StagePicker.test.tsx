// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../i18n';
import { StagePicker } from './StagePicker';

afterEach(cleanup);

function renderPicker(props: Partial<Parameters<typeof StagePicker>[0]> = {}) {
  const onMove = vi.fn();
  render(
    <LocaleProvider locale="en">
      <StagePicker subjectType="deal" current="qualified" onMove={onMove} {...props} />
    </LocaleProvider>,
  );
  return onMove;
}

describe('StagePicker', () => {
  it('offers only deal stages for a deal, the next one preselected', () => {
    renderPicker();
    const select = screen.getByRole('combobox', { name: 'Stage' }) as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    expect(select.value).toBe('proposal');
  });

  it('moves by keyboard', async () => {
    const user = userEvent.setup();
    const onMove = renderPicker();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'won');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(onMove).toHaveBeenCalledWith('won', { lostReason: null });
  });

  it('asks why a deal was lost, and will not move without a reason', async () => {
    const user = userEvent.setup();
    const onMove = renderPicker();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'lost');
    const button = screen.getByRole('button', { name: 'Move to Lost' });
    await user.click(button);
    expect(onMove).not.toHaveBeenCalled();
    await user.type(screen.getByRole('textbox', { name: 'Why was it lost?' }), 'Chose a cheaper tool');
    await user.click(button);
    expect(onMove).toHaveBeenCalledWith('lost', { lostReason: 'Chose a cheaper tool' });
  });

  it('cannot “move” to the stage it is in', async () => {
    const user = userEvent.setup();
    renderPicker({ subjectType: 'account', current: 'adoption' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'adoption');
    expect((screen.getByRole('button', { name: 'Already in this stage' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
