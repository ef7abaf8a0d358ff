// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountForm, type AccountFormValues } from './AccountForm';

afterEach(cleanup);

const initial: AccountFormValues = { name: 'Globex', domains: 'globex.io', industry: '', sizeTier: '', stage: 'lead', renewalDate: '', ownerId: 'priya@northwind.example' };
const owners = [
  { id: 'priya@northwind.example', name: 'Priya Raman' },
  { id: 'rep-2', name: 'Li Wei' },
];

describe('AccountForm owner', () => {
  it('defaults to the rep and can be set to a teammate or unassigned by keyboard', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<AccountForm mode="create" error={null} initial={initial} owners={owners} onSubmit={onSubmit} onCancel={() => {}} />);
    const owner = screen.getByRole('combobox', { name: 'Owner' });
    expect(owner).toHaveProperty('value', 'priya@northwind.example');
    owner.focus();
    await user.selectOptions(owner, 'Li Wei');
    await user.keyboard('{Enter}');
    screen.getByRole('button', { name: 'Create account' }).focus();
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ ownerId: 'rep-2' }));
    await user.selectOptions(owner, 'Unassigned');
    screen.getByRole('button', { name: 'Create account' }).focus();
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ ownerId: '' }));
  });

  it('keeps an owner who is not among the reps, and hides the field when no rep is known', () => {
    const { unmount } = render(<AccountForm mode="edit" error={null} initial={{ ...initial, ownerId: 'rep-9' }} owners={owners} onSubmit={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole('combobox', { name: 'Owner' })).toHaveProperty('value', 'rep-9');
    unmount();
    render(<AccountForm mode="edit" error={null} initial={initial} onSubmit={() => {}} onCancel={() => {}} />);
    expect(screen.queryByRole('combobox', { name: 'Owner' })).toBeNull();
  });
});
