// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from '../i18n';
import { HealthGauge } from './HealthGauge';

afterEach(cleanup);

const health = (usage: number, meetings: number, issues: number, nps: number) => ({ usage, meetings, issues, nps, measuredOn: '2025-05-30' });

describe('HealthGauge', () => {
  it.each([
    [health(90, 70, 80, 70), '80 of 100, healthy'],
    [health(90, 70, 80, 60), '79 of 100, watch'],
    [health(70, 50, 60, 50), '60 of 100, watch'],
    [health(70, 50, 60, 40), '59 of 100, at risk'],
  ])('says the score and band in words (%#)', (inputs, text) => {
    render(
      <LocaleProvider locale="en">
        <HealthGauge health={inputs} />
      </LocaleProvider>,
    );
    const gauge = screen.getByRole('img', { name: 'Health score' });
    expect(document.getElementById(gauge.getAttribute('aria-describedby')!)?.textContent).toBe(text);
    expect(screen.getByText(text)).toBeTruthy();
  });

  it('shows what each input adds, the weakest marked', () => {
    const { container } = render(
      <LocaleProvider locale="en">
        <HealthGauge health={health(30, 90, 90, 90)} />
      </LocaleProvider>,
    );
    expect(screen.getByText('feature usage: 12 of 40 points').className).toContain('weakest');
    expect(container.querySelector('.sn-gauge--watch')).not.toBeNull();
  });

  it('says when health was never measured', () => {
    render(
      <LocaleProvider locale="zh-CN">
        <HealthGauge health={null} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('img', { name: '健康度' })).toBeTruthy();
    expect(screen.getByText('尚未测算')).toBeTruthy();
  });
});
