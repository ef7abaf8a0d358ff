// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountForm } from './AccountForm';
import { ContactForm } from './ContactList';
import { LocaleProvider } from './i18n';

afterEach(cleanup);

describe('inline record forms', () => {
  it('Escape in a field cancels the account form, as Cancel does', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    const onSubmit = vi.fn();
    render(
      <LocaleProvider locale="en">
        <AccountForm mode="create" error={null} initial={{ name: 'Acme', domains: '', industry: '', sizeTier: '', stage: 'lead', renewalDate: '' }} onSubmit={onSubmit} onCancel={onCancel} />
      </LocaleProvider>,
    );
    await user.click(screen.getByRole('textbox', { name: 'Account name' }));
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('Escape cancels the contact form too (zh-CN)', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(
      <LocaleProvider locale="zh-CN">
        <ContactForm mode="create" error={null} initial={{ name: '', email: '', phone: '', title: '', role: '' }} onSubmit={() => {}} onCancel={onCancel} />
      </LocaleProvider>,
    );
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
