import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './decode';

/** "公司名称,域名,联系人,…" and two rows, as Excel on a Chinese Windows saves CSV (GB18030). */
const GB18030_FILE = Buffer.from(
  'uavLvsP7s8Ys0/LD+yzBqs+1yMss08rP5Cy157uwLNawzrsNCruq0MW/xry809DP3rmry74saHVheGluLXRlY2guY29tLmNuLLPCvrIsY2hlbi5qaW5nQGh1YXhpbi10ZWNoLmNvbS5jbiwwMTAtODg4OC02NjY2LLLJubq+rcDtDQrAtrqjv8a8vCxsYW5oYWkuY24szfXA2ix3YW5nLmxlaUBsYW5oYWkuY24sMTM4MDAxMzgwMDAsz/rK29fcvOANCg==',
  'base64',
);
/** One GBK line: "北京字节,bytedance.com,张伟,zhang.wei@bytedance.com,,工程师". */
const GBK_LINE = Buffer.from('sbG+qdfWvdosYnl0ZWRhbmNlLmNvbSzVxc6wLHpoYW5nLndlaUBieXRlZGFuY2UuY29tLCy5pLPMyqYNCg==', 'base64');

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeCsvBytes', () => {
  it('reads plain UTF-8', () => {
    expect(decodeCsvBytes(utf8('公司名称,邮箱\n华信,a@b.cn\n'))).toEqual({ text: '公司名称,邮箱\n华信,a@b.cn\n', encoding: 'utf-8', gb18030Lines: [] });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Company,Email\n')]);
    expect(decodeCsvBytes(bytes)).toMatchObject({ text: 'Company,Email\n', encoding: 'utf-8-bom' });
  });

  it('reads GBK/GB18030 from Excel on a Chinese Windows', () => {
    const decoded = decodeCsvBytes(GB18030_FILE);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text.split('\r\n')[0]).toBe('公司名称,域名,联系人,邮箱,电话,职位');
    expect(decoded.text).toContain('华信科技有限公司,huaxin-tech.com.cn,陈静');
  });

  it('reads UTF-16 "Unicode text" exports', () => {
    const text = '公司名称\t邮箱\r\n华信\ta@b.cn\r\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(decodeCsvBytes(le)).toMatchObject({ text, encoding: 'utf-16le' });
  });

  it('reads a file glued from UTF-8 and GBK parts line by line, and says which lines were GBK', () => {
    const bytes = Buffer.concat([Buffer.from('公司名称,域名,联系人,邮箱,电话,职位\r\n华信科技,huaxin-tech.com.cn,陈静,c@huaxin-tech.com.cn,,经理\r\n'), GBK_LINE]);
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.encoding).toBe('mixed');
    expect(decoded.gb18030Lines).toEqual([3]);
    expect(decoded.text.split('\r\n')[2]).toBe('北京字节,bytedance.com,张伟,zhang.wei@bytedance.com,,工程师');
  });

  it('accepts an ArrayBuffer as a file input gives', () => {
    const bytes = utf8('a,b\n');
    expect(decodeCsvBytes(bytes.buffer.slice(0)).text).toBe('a,b\n');
  });
});
