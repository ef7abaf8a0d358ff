// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../i18n';
import { HealthInputsForm } from './HealthInputsForm';

afterEach(cleanup);

describe('HealthInputsForm', () => {
  it('records the four inputs and the date, by keyboard', async () => {
    const onSave = vi.fn();
    render(
      <LocaleProvider locale="en">
        <HealthInputsForm current={{ usage: 72, meetings: 60, issues: 60, nps: 60, measuredOn: '2025-03-01' }} today="2025-06-02" onSave={onSave} />
      </LocaleProvider>,
    );
    await userEvent.click(screen.getByText('Record health inputs'));
    const usage = screen.getByRole('spinbutton', { name: 'feature usage (40%)' });
    await userEvent.clear(usage);
    await userEvent.type(usage, '41{Enter}');
    expect(onSave).toHaveBeenCalledWith({ usage: 41, meetings: 60, issues: 60, nps: 60, measuredOn: '2025-06-02' });
  });

  it('says which input is wrong and saves nothing', async () => {
    const onSave = vi.fn();
    render(
      <LocaleProvider locale="zh-CN">
        <HealthInputsForm current={null} today="2025-06-02" onSave={onSave} />
      </LocaleProvider>,
    );
    await userEvent.click(screen.getByText('录入健康度指标'));
    await userEvent.type(screen.getByRole('spinbutton', { name: '功能使用率 (40%)' }), '140');
    await userEvent.click(screen.getByRole('button', { name: '保存测算' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^功能使用率：/);
    expect(onSave).not.toHaveBeenCalled();
  });
});
