import { describe, expect, it } from 'vitest';
import { parseNeverLogList } from './never-log';

describe('never-log list', () => {
  it.each([
    ['mycompany.com\nme@home.net', { ok: true, entries: ['mycompany.com', 'me@home.net'] }],
    ['  MyCompany.com  \n\nhttps://intranet.corp.cn/wiki', { ok: true, entries: ['mycompany.com', 'intranet.corp.cn'] }],
    ['a.com, b.com，a.com', { ok: true, entries: ['a.com', 'b.com'] }],
    ['mycompany.com\nnot a domain', { ok: false, invalid: 'not a domain' }],
    ['bad@', { ok: false, invalid: 'bad@' }],
    ['', { ok: true, entries: [] }],
  ])('%j', (text, expected) => {
    expect(parseNeverLogList(text)).toEqual(expected);
  });
});
