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

  it('never preselects a closing stage: a deal in negotiation starts on its own stage, Move disabled', () => {
    renderPicker({ current: 'negotiation' });
    const select = screen.getByRole('combobox', { name: 'Stage' }) as HTMLSelectElement;
    expect(select.value).toBe('negotiation');
    expect((screen.getByRole('button', { name: /^Move/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('moves by keyboard, and a move to Won asks once more before it happens', async () => {
    const user = userEvent.setup();
    const onMove = renderPicker();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'won');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(onMove).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: /Move to Won\?/ })).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(onMove).toHaveBeenCalledWith('won', { lostReason: null });
  });

  it('Escape or Cancel steps back out of the confirmation without moving', async () => {
    const user = userEvent.setup();
    const onMove = renderPicker();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'won');
    await user.click(screen.getByRole('button', { name: 'Move to Won' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Move to Won\?/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Move to Won' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onMove).not.toHaveBeenCalled();
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
    await user.click(screen.getByRole('button', { name: 'Yes, move to Lost' }));
    expect(onMove).toHaveBeenCalledWith('lost', { lostReason: 'Chose a cheaper tool' });
  });

  it('cannot “move” to the stage it is in', async () => {
    const user = userEvent.setup();
    renderPicker({ subjectType: 'account', current: 'adoption' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'adoption');
    expect((screen.getByRole('button', { name: 'Move (Already in this stage)' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
