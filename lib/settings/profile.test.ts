import { describe, expect, it } from 'vitest';
import { localIdentityOf, parseProfileForm, suggestCompanyDomain, withLocalIdentity } from './profile';

describe('parseProfileForm', () => {
  it.each([
    ['a complete profile', { name: ' Priya Raman ', email: 'Priya@Northwind.example ', companyDomain: 'https://northwind.example/about' }, { ok: true, profile: { name: 'Priya Raman', email: 'priya@northwind.example', companyDomain: 'northwind.example' } }],
    ['no name', { name: '  ', email: 'p@northwind.example', companyDomain: 'northwind.example' }, { ok: false, problems: { name: 'nameMissing' } }],
    ['an email without @', { name: 'P', email: 'priya', companyDomain: 'northwind.example' }, { ok: false, problems: { email: 'emailInvalid' } }],
    ['an email over 64 characters', { name: 'P', email: `${'a'.repeat(60)}@northwind.example`, companyDomain: 'northwind.example' }, { ok: false, problems: { email: 'emailTooLong' } }],
    ['a domain with a space', { name: 'P', email: 'p@northwind.example', companyDomain: 'north wind' }, { ok: false, problems: { companyDomain: 'domainInvalid' } }],
    ['everything missing', { name: '', email: '', companyDomain: '' }, { ok: false, problems: { name: 'nameMissing', email: 'emailInvalid', companyDomain: 'domainInvalid' } }],
    ['a Chinese name and a .com.cn domain', { name: '王芳', email: 'wang.fang@xinghe.com.cn', companyDomain: 'xinghe.com.cn' }, { ok: true, profile: { name: '王芳', email: 'wang.fang@xinghe.com.cn', companyDomain: 'xinghe.com.cn' } }],
  ])('%s', (_name, values, expected) => {
    expect(parseProfileForm(values)).toEqual(expected);
  });
});

describe('suggestCompanyDomain', () => {
  it.each([
    ['priya@northwind.example', 'northwind.example'],
    ['Wang.Fang@XingHe.com.cn', 'xinghe.com.cn'],
    ['someone@gmail.com', ''],
    ['someone@qq.com', ''],
    ['not an email', ''],
  ])('%s → %s', (email, domain) => {
    expect(suggestCompanyDomain(email)).toBe(domain);
  });
});

describe('withLocalIdentity', () => {
  const profile = { name: 'Priya Raman', email: 'priya@northwind.example', companyDomain: 'northwind.example' };
  const server = { repId: 'rep-7', repName: 'Priya', repEmail: 'priya@northwind.example', teamId: 't', teamName: 'Sales', serverUrl: 'https://s.example', reps: [] };

  it('names the rep by the profile when there is no server identity', () => {
    expect(withLocalIdentity(null, profile)).toEqual(localIdentityOf(profile));
    expect(localIdentityOf(profile)).toMatchObject({ repId: 'priya@northwind.example', repName: 'Priya Raman', reps: [{ id: 'priya@northwind.example', name: 'Priya Raman' }] });
  });

  it('keeps the server identity when there is one', () => {
    expect(withLocalIdentity(server, profile)).toBe(server);
  });

  it('has no identity without either', () => {
    expect(withLocalIdentity(null, null)).toBeNull();
  });
});
