// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContextBar, type ContextBarProps } from './ContextBar';
import { LocaleProvider } from './i18n';

afterEach(cleanup);

const GMAIL = { title: 'Re: Pilot pricing for Q3 - Gmail', url: 'https://mail.google.com/mail/u/0/#inbox/abc', domain: 'google.com' };

function renderBar(locale: 'en' | 'zh-CN', props: Partial<ContextBarProps>) {
  render(
    <LocaleProvider locale={locale}>
      <ContextBar page={GMAIL} access="url-only" neverLogged={false} match={null} pinnedAccountName={null} onBackToPage={() => {}} allowSite={null} {...props} />
    </LocaleProvider>,
  );
}

describe('ContextBar: reading a site without a click', () => {
  it.each([
    ['en', { host: 'mail.google.com', withSubdomains: false }, 'Let Sidenote read mail.google.com'],
    ['en', { host: 'globex.cn', withSubdomains: true }, 'Let Sidenote read globex.cn and its subdomains'],
    ['zh-CN', { host: 'mail.google.com', withSubdomains: false }, '允许 Sidenote 读取 mail.google.com'],
    ['zh-CN', { host: 'globex.cn', withSubdomains: true }, '允许 Sidenote 读取 globex.cn 及其子域名'],
  ] as const)('in %s, names the scope %j it asks for, not the registrable domain', async (locale, scope, label) => {
    const onAllow = vi.fn();
    renderBar(locale, { allowSite: { ...scope, onAllow } });
    const button = screen.getByRole('button', { name: label });
    expect(button.textContent).toBe(label);
    if (!scope.withSubdomains) expect(button.textContent).not.toMatch(/ google\.com/);
    await userEvent.click(button);
    expect(onAllow).toHaveBeenCalledOnce();
  });

  it('tells the rep that a toolbar click reads the page', () => {
    renderBar('en', { allowSite: { host: 'mail.google.com', withSubdomains: false, onAllow: () => {} } });
    expect(screen.getByText(/Click Sidenote’s toolbar button to read this page/)).toBeTruthy();
  });

  it('offers nothing once the page is read', () => {
    renderBar('en', { access: 'full', allowSite: null });
    expect(screen.queryByRole('button')).toBeNull();
  });
});
