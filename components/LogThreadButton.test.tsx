// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from './i18n';
import { LogThreadButton } from './LogThreadButton';

afterEach(cleanup);

describe('LogThreadButton', () => {
  it('logs the thread with one key press, named by its visible label', async () => {
    const user = userEvent.setup();
    const onLog = vi.fn();
    render(<LogThreadButton logged={null} busy={false} onLog={onLog} />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log this thread' }));
    await user.keyboard('{Enter}');
    expect(onLog).toHaveBeenCalledTimes(1);
  });

  it('offers to update a thread logged before, saying how many messages it had', () => {
    render(<LogThreadButton logged={{ messageCount: 3 }} busy={false} onLog={() => {}} />);
    expect(screen.getByRole('button', { name: 'Update logged thread' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Update logged thread', description: 'Logged before (3 messages); logging again updates it.' })).toBeTruthy();
  });

  it('cannot be pressed twice while saving, and keeps the keyboard focus through the save', async () => {
    const user = userEvent.setup();
    const onLog = vi.fn();
    const { rerender } = render(<LogThreadButton logged={null} busy={false} onLog={onLog} />);
    screen.getByRole('button', { name: 'Log this thread' }).focus();
    rerender(<LogThreadButton logged={null} busy onLog={onLog} />);
    const button = screen.getByRole('button', { name: 'Logging…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await user.keyboard('{Enter}');
    expect(onLog).not.toHaveBeenCalled();
    rerender(<LogThreadButton logged={{ messageCount: 3 }} busy={false} onLog={onLog} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Update logged thread' }));
    await user.keyboard('{Enter}');
    expect(onLog).toHaveBeenCalledTimes(1);
  });

  it('speaks Chinese in the zh-CN UI', () => {
    render(
      <LocaleProvider locale="zh-CN">
        <LogThreadButton logged={null} busy={false} onLog={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('button', { name: '记录此邮件会话' })).toBeTruthy();
  });
});
