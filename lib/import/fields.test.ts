import { describe, expect, it } from 'vitest';
import { checkMapping, HEALTH_COLUMN_KEYS, MAPPABLE_FIELD_KEYS, suggestMapping } from './fields';

describe('suggestMapping', () => {
  it('maps an English CRM export', () => {
    expect(suggestMapping(['Company Name', 'Website', 'Industry', 'Contact Name', 'Email Address', 'Mobile', 'Job Title', 'Deal Name', 'Amount', 'Currency', 'Stage', 'Close Date', 'Account Owner'])).toEqual([
      'account.name', 'account.domains', 'account.industry', 'contact.name', 'contact.email', 'contact.phone', 'contact.title', 'deal.name', 'deal.amount', 'deal.currency', 'deal.stage', 'deal.expectedCloseDate', null,
    ]);
  });

  it('maps a Chinese spreadsheet, with notes in brackets and full-width colons', () => {
    expect(suggestMapping(['客户名称（必填）', '官网', '行业', '规模', '联系人', '手机', '邮箱：', '职务', '角色', '商机名称', '金额(元)', '预计成交日期', '阶段', '公司地址', '负责人'])).toEqual([
      'account.name', 'account.domains', 'account.industry', 'account.sizeTier', 'contact.name', 'contact.phone', 'contact.email', 'contact.title', 'contact.role', 'deal.name', 'deal.amount', 'deal.expectedCloseDate', 'deal.stage', null, null,
    ]);
  });

  it('gives an unqualified stage column to the account when the file has no deals', () => {
    expect(suggestMapping(['公司名称', '阶段'])).toEqual(['account.name', 'account.stage']);
  });

  it('maps a stage date column to the deal when the file has deals, else to the account', () => {
    expect(suggestMapping(['公司名称', '商机名称', '阶段', '阶段日期'])).toEqual(['account.name', 'deal.name', 'deal.stage', 'deal.stageDate']);
    expect(suggestMapping(['Company', 'Lifecycle stage', 'Stage date'])).toEqual(['account.name', 'account.stage', 'account.stageDate']);
    expect(suggestMapping(['Deal name', 'Deal stage', 'Deal stage date', 'Close date'])).toEqual(['deal.name', 'deal.stage', 'deal.stageDate', 'deal.expectedCloseDate']);
  });

  it('uses each field once and leaves unknown columns unmapped', () => {
    expect(suggestMapping(['Email', 'Work Email', 'Favourite colour'])).toEqual(['contact.email', null, null]);
  });
});

describe('checkMapping', () => {
  it.each([
    [[null, null], ['No column is mapped: map at least a company name, a contact email or name, or a deal name.']],
    [['deal.amount'], ['Deal columns are mapped but no deal name: map the deal name column.']],
    [['deal.name'], ['A deal needs its company: map a company name, website or contact email column.']],
    [['contact.phone', 'account.industry'], ['Contact columns are mapped but no contact name or email: map one of them.', 'Company columns are mapped but no company name or website: map one of them.']],
    [['contact.email', 'contact.email'], ['Two columns are mapped to contact.email; keep one.']],
    [['account.name', 'contact.email', 'deal.name'], []],
  ] as const)('%j', (mapping, messages) => {
    expect(checkMapping([...mapping]).map((issue) => issue.message)).toEqual(messages);
  });
});

describe('checkMapping in zh-CN', () => {
  it('says every mapping problem in Chinese too', () => {
    const issues = [...checkMapping([null, null]), ...checkMapping(['deal.amount']), ...checkMapping(['contact.phone']), ...checkMapping(['account.industry'])];
    expect(issues.length).toBeGreaterThan(3);
    for (const issue of issues) expect(issue.messageZh).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('health columns', () => {
  it('maps the exported health headers in both languages', () => {
    expect(suggestMapping(['Company name', 'Health usage', 'Health meetings', 'Health issues', 'Health NPS', 'Health measured on'])).toEqual([
      'account.name',
      'account.healthUsage',
      'account.healthMeetings',
      'account.healthIssues',
      'account.healthNps',
      'account.healthMeasuredOn',
    ]);
    expect(suggestMapping(['公司名称', '健康度-使用率', '健康度-会议时长', '健康度-问题反馈', '健康度-NPS', '健康度-测量日期']).slice(1)).toEqual([...HEALTH_COLUMN_KEYS]);
    expect(suggestMapping(['公司名称', '使用率', '会议时长', '问题反馈', 'NPS', '测量日期']).slice(1)).toEqual([...HEALTH_COLUMN_KEYS]);
  });

  it('refuses a mapping with only some health columns, naming the missing ones', () => {
    const issues = checkMapping(['account.name', 'account.healthUsage', 'account.healthNps']);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/missing ones: Health meetings, Health issues, Health measured on\.$/);
    expect(issues[0]!.messageZh).toMatch(/健康度-会议时长、健康度-问题反馈、健康度-测量日期。$/);
  });

  it('offers no column for the measurement as a whole', () => {
    expect(MAPPABLE_FIELD_KEYS).not.toContain('account.health');
    expect(MAPPABLE_FIELD_KEYS).toEqual(expect.arrayContaining([...HEALTH_COLUMN_KEYS]));
  });
});
