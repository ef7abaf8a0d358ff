import { describe, expect, it } from 'vitest';
import type { Account, Contact } from '../schemas';
import { parseCsvText } from './csv';
import { accountsToCsv, contactsToCsv } from './export';
import { readRole, readSizeTier, readStage } from './values';

const meta = { createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {} };
const acme: Account = { id: 'a1', name: 'Acme Robotics', domains: ['acme-robotics.com'], industry: 'Robotics', sizeTier: 'growth', ownerId: null, stage: 'qualified', renewalDate: null, health: null, facts: {}, ...meta };
const li: Contact = { id: 'c1', name: 'Li Wei', email: 'li.wei@acme-robotics.com', accountId: 'a1', phone: null, title: null, role: 'decision_maker', profileUrl: null, ...meta };

describe('CSV export in zh-CN', () => {
  it('writes coded values in Chinese, with no English code left, and they read back as the same codes', () => {
    const accounts = parseCsvText(accountsToCsv([acme], 'zh-CN')).rows;
    const contacts = parseCsvText(contactsToCsv([li], new Map([[acme.id, acme]]), 'zh-CN')).rows;
    const [, , , tier, stage] = accounts[0]!.cells;
    const role = contacts[0]!.cells[4]!;
    expect([tier, stage, role]).toEqual(['成长客户', '商机确认', '决策人']);
    expect(readSizeTier(tier!)).toEqual({ ok: true, value: 'growth' });
    expect(readStage(stage!)).toEqual({ ok: true, value: 'qualified' });
    expect(readRole(role)).toEqual({ ok: true, value: 'decision_maker' });
  });

  it('keeps the codes in an English file', () => {
    const [, , , tier, stage] = parseCsvText(accountsToCsv([acme], 'en')).rows[0]!.cells;
    expect([tier, stage]).toEqual(['growth', 'qualified']);
  });
});

describe('CSV export of customer health', () => {
  const measured: Account = { ...acme, id: 'a2', name: 'Globex', domains: ['globex.com'], health: { usage: 85, meetings: 70.5, issues: 60, nps: 40, measuredOn: '2026-11-30' } };

  it('writes the current measurement in five columns, with headers in either language, empty for an account without one', () => {
    for (const [language, headers] of [
      ['en', ['Health usage', 'Health meetings', 'Health issues', 'Health NPS', 'Health measured on']],
      ['zh-CN', ['健康度-使用率', '健康度-会议时长', '健康度-问题反馈', '健康度-NPS', '健康度-测量日期']],
    ] as const) {
      const parsed = parseCsvText(accountsToCsv([acme, measured], language));
      expect(parsed.header.slice(6)).toEqual(headers);
      expect(parsed.rows[0]!.cells.slice(6)).toEqual(['', '', '', '', '']);
      expect(parsed.rows[1]!.cells.slice(6)).toEqual(['85', '70.5', '60', '40', '2026-11-30']);
    }
  });
});
