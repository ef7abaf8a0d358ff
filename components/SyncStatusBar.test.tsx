// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from './i18n';
import { SyncStatusBar, type SyncStatusView } from './SyncStatusBar';

afterEach(cleanup);

const NOW = Date.UTC(2026, 2, 2, 9);
const status = (state: SyncStatusView['state']): SyncStatusView => ({ connected: true, state, pending: 2, parked: 0, lastSyncedAt: NOW - 60_000, lastError: null });

function show(state: SyncStatusView['state'], locale: 'en' | 'zh-CN' = 'en') {
  render(
    <LocaleProvider locale={locale}>
      <SyncStatusBar status={status(state)} live="reconnecting" nowMs={NOW} onSyncNow={() => undefined} />
    </LocaleProvider>,
  );
  return screen.getByTestId('sync-status').textContent ?? '';
}

describe('SyncStatusBar', () => {
  it('says the team server is not answering when the network is up and the server is down', () => {
    const text = show('server_down');
    expect(text).toContain('The team server is not answering');
    expect(text).not.toContain('Offline');
    expect(text).not.toContain('Reconnecting');
  });

  it('says offline only when the browser is offline', () => {
    const text = show('offline');
    expect(text).toContain('Offline');
    expect(text).not.toContain('not answering');
  });

  it('says both in Chinese', () => {
    expect(show('server_down', 'zh-CN')).toContain('团队服务器没有响应');
    cleanup();
    expect(show('offline', 'zh-CN')).toContain('已离线');
  });
});
