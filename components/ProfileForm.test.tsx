// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FirstRunBanner } from './FirstRunBanner';
import { LocaleProvider } from './i18n';
import { ProfileForm } from './ProfileForm';

afterEach(cleanup);

describe('ProfileForm', () => {
  it('fills the company domain from the work email and saves with Enter', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(() => Promise.resolve());
    render(<ProfileForm initial={null} variant="first-run" onSave={onSave} />);
    expect(document.activeElement).toBe(screen.getByLabelText('Your name'));
    await user.keyboard('Priya Raman{Tab}priya@northwind.example');
    expect(screen.getByLabelText('Company domain')).toHaveProperty('value', 'northwind.example');
    await user.keyboard('{Enter}');
    expect(onSave).toHaveBeenCalledWith({ name: 'Priya Raman', email: 'priya@northwind.example', companyDomain: 'northwind.example' });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved.');
  });

  it('keeps a domain the rep typed when the email changes', async () => {
    const user = userEvent.setup();
    render(<ProfileForm initial={null} variant="first-run" onSave={() => Promise.resolve()} />);
    await user.keyboard('P{Tab}{Tab}northwind.example{Shift>}{Tab}{/Shift}p@other.example');
    expect(screen.getByLabelText('Company domain')).toHaveProperty('value', 'northwind.example');
  });

  it('names each wrong field next to it, moves focus to the first, and stores nothing', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(() => Promise.resolve());
    render(<ProfileForm initial={null} variant="first-run" onSave={onSave} />);
    await user.keyboard('{Tab}priya{Enter}');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByLabelText('Work email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter your work email, like name@mycompany.com.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Your name'));
  });

  it('speaks Chinese in the zh-CN UI', async () => {
    const user = userEvent.setup();
    render(
      <LocaleProvider locale="zh-CN">
        <ProfileForm initial={null} variant="first-run" onSave={() => Promise.resolve()} />
      </LocaleProvider>,
    );
    await user.keyboard('{Enter}');
    expect(screen.getByText('请输入你的姓名。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '保存' })).toBeTruthy();
  });

  it('edits a stored profile in the options page without taking focus', () => {
    render(<ProfileForm initial={{ name: 'Priya', email: 'p@northwind.example', companyDomain: 'northwind.example' }} variant="options" onSave={() => Promise.resolve()} />);
    expect(screen.getByLabelText('Company domain')).toHaveProperty('value', 'northwind.example');
    expect(document.activeElement).toBe(document.body);
  });
});

describe('FirstRunBanner', () => {
  it('opens the form with Set up, and Escape puts the keyboard back on Set up', async () => {
    const user = userEvent.setup();
    render(<FirstRunBanner onSave={() => Promise.resolve()} onSkip={() => {}} />);
    screen.getByRole('button', { name: 'Set up' }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByLabelText('Your name'));
    await user.keyboard('{Escape}');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Set up' })));
  });

  it('says "Not now" to skip the step', async () => {
    const user = userEvent.setup();
    const onSkip = vi.fn();
    render(<FirstRunBanner onSave={() => Promise.resolve()} onSkip={onSkip} />);
    screen.getByRole('button', { name: 'Not now' }).focus();
    await user.keyboard('{Enter}');
    expect(onSkip).toHaveBeenCalled();
  });
});
