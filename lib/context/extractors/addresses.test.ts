import { describe, expect, it } from 'vitest';
import {
  addressesIn,
  addressesInText,
  addressesOfMailto,
  decodeCloudflareEmail,
  deobfuscate,
  normalizeAddress,
  parseAddressText,
  phoneOfTel,
} from './addresses';

describe('normalizeAddress', () => {
  it.each([
    ['Jane.Doe@Acme.COM', 'jane.doe@acme.com'],
    ['mailto:a@b.cn', 'a@b.cn'],
    ['sales@acme.com.', 'sales@acme.com'],
    ['logo@2x.png', null],
    ['not an address', null],
    ['a@b', null],
  ])('%s → %s', (input, expected) => expect(normalizeAddress(input)).toBe(expected));
});

describe('parseAddressText', () => {
  it.each([
    ['Jane Doe <jane@acme.com>', { address: 'jane@acme.com', name: 'Jane Doe' }],
    ['"Doe, Jane" <JANE@acme.com>', { address: 'jane@acme.com', name: 'Doe, Jane' }],
    ['jane@acme.com (Jane Doe)', { address: 'jane@acme.com', name: 'Jane Doe' }],
    ['陈静 (chen.jing@huaxin.cn)', { address: 'chen.jing@huaxin.cn', name: '陈静' }],
    ['jane@acme.com', { address: 'jane@acme.com', name: null }],
    ['Jane Doe', null],
  ])('%s', (input, expected) => expect(parseAddressText(input)).toEqual(expected));
});

describe('addressesOfMailto', () => {
  it('reads several recipients, encoded characters and to= in the query', () => {
    expect(addressesOfMailto('mailto:a@x.com,%20b@x.com?subject=hi&to=c@x.com&cc=d@x.com')).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
    expect(addressesOfMailto('mailto:')).toEqual([]);
    expect(addressesOfMailto('mailto:%E0%A4%A')).toEqual([]);
  });
});

describe('deobfuscation', () => {
  it.each([
    ['ana [at] fabrikam [dot] io', ['ana@fabrikam.io']],
    ['ben(at)fabrikam.io', ['ben@fabrikam.io']],
    ['ops{at}fabrikam{dot}io', ['ops@fabrikam.io']],
    ['write to chloe at fabrikam dot io today', ['chloe@fabrikam.io']],
    ['hr＠huaxin.com.cn', ['hr@huaxin.com.cn']],
    ['support#huaxin.com.cn（请将#换成@）', ['support@huaxin.com.cn']],
    ['mail sales*acme.com (replace * with @)', ['sales@acme.com']],
    ['sales【at】huaxin【点】cn', ['sales@huaxin.cn']],
    ['meet us at the booth at noon', []],
    ['ticket #42 at acme.com', []],
  ])('%s', (text, expected) => expect(addressesInText(text)).toEqual(expected));

  it('leaves text without any obfuscation hint untouched', () => {
    const text = 'Plain text with a@b.com';
    expect(deobfuscate(text)).toBe(text);
  });
});

describe('addressesIn', () => {
  it.each([
    ['From: Jane <jane@acme.com>; bob@x.io', ['jane@acme.com', 'bob@x.io']],
    ['--.jane.doe@acme.com.cn.', ['jane.doe@acme.com.cn']],
    ['@handle and a@b and x@@y.com and mail@ host.com', []],
    ['logo@2x.png, sales@acme.com', ['sales@acme.com']],
    [`${'a'.repeat(80)}@acme.com`, [`${'a'.repeat(64)}@acme.com`]],
  ])('%s', (text, expected) => expect(addressesIn(text)).toEqual(expected));
});

describe('decodeCloudflareEmail', () => {
  it('decodes the XOR-keyed hex Cloudflare writes, and refuses garbage', () => {
    expect(decodeCloudflareEmail('503435261036313222393b313d7e393f')).toBe('dev@fabrikam.io');
    expect(decodeCloudflareEmail('zz')).toBeNull();
    expect(decodeCloudflareEmail('5031')).toBeNull();
  });
});

describe('phoneOfTel', () => {
  it.each([
    ['tel:+86%2021%205555%200188', '+86 21 5555 0188'],
    ['tel:４００-８２０-１２３４', '400-820-1234'],
    ['tel:+1-415-555-0100;ext=12', '+1-415-555-0100'],
    ['tel:', null],
    ['tel:call-me-maybe', null],
  ])('%s → %s', (href, expected) => expect(phoneOfTel(href)).toBe(expected));
});
