import { describe, expect, it } from 'vitest';
import { parseCsvText } from './csv';
import { suggestMapping } from './fields';
import { nameFromEmail, readImportRows } from './rows';

function read(text: string) {
  const table = parseCsvText(text);
  return readImportRows(table, suggestMapping(table.header), { defaultCurrency: 'CNY' });
}

describe('readImportRows', () => {
  it('reads a row into an account, a contact and a deal', () => {
    const { rows, errors } = read('公司名称,官网,联系人,邮箱,角色,商机名称,金额,预计成交日期\n华信科技,https://www.huaxin-tech.com.cn,陈静,Chen.Jing@Huaxin-Tech.com.cn,决策人,MES 一期,¥120万,2025/6/30\n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        rowNumber: 2,
        account: { name: '华信科技', domains: ['huaxin-tech.com.cn'] },
        contact: { name: '陈静', email: 'chen.jing@huaxin-tech.com.cn', role: 'decision_maker' },
        deal: { name: 'MES 一期', amount: 1_200_000, currency: 'CNY', expectedCloseDate: '2025-06-30' },
      },
    ]);
  });

  it('lists every bad cell with row, column and reason, and leaves the row out', () => {
    const { rows, errors } = read(
      [
        'Company,Email,Phone,Deal,Amount,Currency,Close date',
        'Acme,ok@acme.com,+1 415 555 0100,Pilot,5000,USD,2025-01-31',
        'Globex,not-an-email,call me,Expansion,lots,USD,31/01/2025',
        'Initech,a@initech.io,,Renewal,¥9000,USD,',
        ',,,,,,',
        'Umbrella,,,,100,,',
      ].join('\n'),
    );
    expect(rows.map((row) => row.rowNumber)).toEqual([2]);
    expect(errors.map((error) => [error.rowNumber, error.column, error.reason.en])).toEqual([
      [3, 'Email', 'must be an email address like name@example.com'],
      [3, 'Phone', 'must be a phone number (digits, spaces, + - ( ))'],
      [3, 'Amount', '"lots" is not an amount; write a number such as 120000, 12万 or ¥120,000'],
      [3, 'Close date', '"31/01/2025" could be day/month or month/day; write the date as YYYY-MM-DD'],
      [4, 'Currency', 'the amount is written in CNY but the currency column says USD'],
      [6, 'Deal', 'A deal needs a name'],
    ]);
    expect(errors.map((error) => error.reason['zh-CN'])).toEqual([
      '不是有效的邮箱地址',
      '格式不正确',
      '“lots”不是金额，请写成数字，例如 120000、12万 或 ¥120,000',
      '“31/01/2025”无法判断是日/月还是月/日，请写成 YYYY-MM-DD',
      '金额写的是 CNY，但币种列写的是 USD',
      '商机需要名称',
    ]);
  });

  it('names a contact from the address when the row has only an email, and applies the default currency', () => {
    const { rows } = read('Email,Company,Deal,Amount\nli.wei@acme.com,Acme,Pilot,100\n');
    expect(rows[0]!.contact).toEqual({ email: 'li.wei@acme.com', name: 'Li Wei' });
    expect(rows[0]!.deal).toEqual({ name: 'Pilot', amount: 100, currency: 'CNY' });
  });

  it('strips the apostrophe our export puts before formula-like cells', () => {
    const { rows } = read("Contact name,Phone\nLi,'+86 10 6288 8888\n");
    expect(rows[0]!.contact?.phone).toBe('+86 10 6288 8888');
  });

  it.each([
    ['li.wei@acme.com', 'Li Wei'],
    ['jdoe42@x.io', 'Jdoe42'],
    ['12345@qq.com', '12345'],
  ])('nameFromEmail %s', (email, name) => expect(nameFromEmail(email)).toBe(name));
});

describe('readImportRows: customer health', () => {
  const HEADER = 'Company,Health usage,Health meetings,Health issues,Health NPS,Health measured on';

  it('reads the five health columns as one measurement, in English or Chinese headers', () => {
    const en = read(`${HEADER}\nAcme,85,70%,60,40,2026/11/30\n`);
    expect(en.errors).toEqual([]);
    expect(en.rows[0]!.account).toEqual({ name: 'Acme', health: { usage: 85, meetings: 70, issues: 60, nps: 40, measuredOn: '2026-11-30' } });
    const zh = read('公司名称,健康度-使用率,健康度-会议时长,健康度-问题反馈,健康度-NPS,健康度-测量日期\n华信,90,80,70,60,2026-12-01\n');
    expect(zh.errors).toEqual([]);
    expect(zh.rows[0]!.account?.health).toEqual({ usage: 90, meetings: 80, issues: 70, nps: 60, measuredOn: '2026-12-01' });
  });

  it('reports a bad health cell with row, column and reason in both languages, and can import the row without health', () => {
    const text = `${HEADER}\nAcme,140,70,60,40,2026-11-30\nGlobex,80,70,60,40,30/11/2026\n`;
    const skipped = read(text);
    expect(skipped.rows).toEqual([]);
    expect(skipped.errors.map((error) => [error.rowNumber, error.column, error.field, error.value])).toEqual([
      [2, 'Health usage', 'account.health', '140'],
      [3, 'Health measured on', 'account.health', '30/11/2026'],
    ]);
    expect(skipped.errors[0]!.reason.en).toMatch(/outside 0–100/);
    expect(skipped.errors[0]!.reason['zh-CN']).toMatch(/超出 0–100/);
    expect(skipped.errors[1]!.reason['zh-CN']).toMatch(/YYYY-MM-DD/);

    const table = parseCsvText(text);
    const omitted = readImportRows(table, suggestMapping(table.header), { defaultCurrency: 'CNY', badCells: { 'account.health': 'omit' } });
    expect(omitted.errors).toEqual([]);
    expect(omitted.rows.map((row) => row.account)).toEqual([{ name: 'Acme' }, { name: 'Globex' }]);
    expect(omitted.omitted).toHaveLength(2);
  });

  it('refuses a row with only some health values, naming the missing ones', () => {
    const { rows, errors } = read(`${HEADER}\nAcme,85,,60,,2026-11-30\nInitech,,,,,\n`);
    expect(rows.map((row) => row.account)).toEqual([{ name: 'Initech' }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rowNumber: 2, column: 'Health meetings', field: 'account.health' });
    expect(errors[0]!.reason.en).toBe('a health measurement needs all five values; missing: Health meetings, Health NPS');
    expect(errors[0]!.reason['zh-CN']).toBe('健康度需要五项数值齐全，缺少：健康度-会议时长、健康度-NPS');
  });
});
