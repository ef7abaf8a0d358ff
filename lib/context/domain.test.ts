import { describe, expect, it } from 'vitest';
import { companyDomainOfEmail, companyDomainOfPage, isFreeMailDomain, isNeverLogged, registrableDomain } from './domain';

describe('registrableDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['www.acme.com', 'acme.com'],
    ['https://sales.eu.acme.com/pricing?x=1', 'acme.com'],
    ['www.huawei.com.cn', 'huawei.com.cn'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['news.sina.com.cn', 'sina.com.cn'],
    ['a.b.example.org.cn', 'example.org.cn'],
    ['li.wei@mail.acme.com.cn', 'acme.com.cn'],
    ['http://127.0.0.1:8080/', null],
    ['http://localhost:3000', null],
    ['', null],
    ['not a domain', null],
  ])('%s → %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });
});

describe('free mail never names a company', () => {
  it.each([
    ['gmail.com', true],
    ['GMAIL.COM', true],
    ['qq.com', true],
    ['vip.qq.com', true],
    ['163.com', true],
    ['126.com', true],
    ['foxmail.com', true],
    ['outlook.com', true],
    ['hotmail.com', true],
    ['yahoo.com', true],
    ['acme.com', false],
    ['huawei.com.cn', false],
  ])('%s free: %s', (domain, free) => {
    expect(isFreeMailDomain(domain)).toBe(free);
  });

  it.each([
    ['li@acme.com', 'acme.com'],
    ['li@mail.acme.com.cn', 'acme.com.cn'],
    ['wang@qq.com', null],
    ['zhang@vip.163.com', null],
    ['someone@gmail.com', null],
    ['broken@', null],
  ])('company domain of %s is %s', (address, expected) => {
    expect(companyDomainOfEmail(address)).toBe(expected);
  });

  it.each([
    ['https://www.acme.com/about', 'acme.com'],
    ['https://mail.google.com/mail/u/0/#inbox/abc', null],
    ['https://outlook.office.com/mail/', null],
    ['https://www.linkedin.com/in/li-wei', null],
    ['https://mail.qq.com/', null],
  ])('company domain of page %s is %s', (url, expected) => {
    expect(companyDomainOfPage(url)).toBe(expected);
  });
});

describe('never-log list', () => {
  const neverLog = ['mycompany.com', 'me@home.net'];
  it.each([
    ['colleague@mycompany.com', true],
    ['intranet.mycompany.com', true],
    ['mycompany.com', true],
    ['me@home.net', true],
    ['you@home.net', false],
    ['notmycompany.com', false],
    ['prospect@acme.com', false],
  ])('%s never logged: %s', (value, expected) => {
    expect(isNeverLogged(value, neverLog)).toBe(expected);
  });
});
