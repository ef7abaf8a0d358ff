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
