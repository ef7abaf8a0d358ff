import { describe, expect, it } from 'vitest';
import type { Account, Contact, PageContext } from '../schemas';
import { lookupKeysForContext, matchContext, normalizeCompanyName, type MatchSources } from './match';

function account(id: string, name: string, domains: string[], extra: Partial<Account> = {}): Account {
  return {
    id, name, domains, industry: null, sizeTier: null, ownerId: null, stage: 'lead', renewalDate: null, health: null,
    facts: {}, createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {}, ...extra,
  };
}
function contact(id: string, name: string, email: string, accountId: string | null, extra: Partial<Contact> = {}): Contact {
  return {
    id, name, email, accountId, phone: null, title: null, role: null, profileUrl: null,
    createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {}, ...extra,
  };
}
function page(overrides: Partial<PageContext>): PageContext {
  return {
    url: 'https://example.org/', title: '', canonicalUrl: null, siteName: null, domain: null, kind: 'generic',
    emails: [], phones: [], selection: null, webmail: null, profile: null, ...overrides,
  };
}

const acme = account('a-acme', 'Acme Robotics', ['acme.com']);
const acmeOld = account('a-acme-dup', 'Acme (old)', ['acme.com'], { updatedAt: 0 });
const huawei = account('a-hw', '华为技术有限公司', ['huawei.com.cn']);
const deleted = account('a-gone', 'Gone Inc', ['gone.com'], { deletedAt: 5 });
const li = contact('c-li', 'Li Wei', 'li.wei@acme.com', acme.id);
const wang = contact('c-wang', 'Wang Fang', 'wangfang@qq.com', huawei.id);

function sources(accounts: Account[], contacts: Contact[]): MatchSources {
  const byDomain = new Map<string, Account[]>();
  const byName = new Map<string, Account[]>();
  for (const a of accounts) {
    for (const d of a.domains) byDomain.set(d, [...(byDomain.get(d) ?? []), a]);
    byName.set(normalizeCompanyName(a.name), [...(byName.get(normalizeCompanyName(a.name)) ?? []), a]);
  }
  const byEmail = new Map<string, Contact[]>();
  for (const c of contacts) if (c.email) byEmail.set(c.email, [...(byEmail.get(c.email) ?? []), c]);
  return { contactsByEmail: byEmail, accountsByDomain: byDomain, accountsByName: byName, accountsById: new Map(accounts.map((a) => [a.id, a])) };
}

const all = sources([acme, acmeOld, huawei, deleted], [li, wang]);
const options = { neverLog: ['mycompany.com'], ownAddresses: ['me@mycompany.com', 'rep@sidenote.test'] };

const webmail = (participants: Array<[string, string | null, 'from' | 'to' | 'cc']>): Partial<PageContext> => ({
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfc',
  domain: 'google.com',
  kind: 'webmail',
  webmail: { provider: 'gmail', threadId: 't1', subject: 'Pilot', participants: participants.map(([address, name, role]) => ({ address, name, role })) },
});

describe('matchContext', () => {
  it.each<[string, Partial<PageContext>, { account: string | null; contact: string | null; confidence: string | null }]>([
    ['a prospect site by its domain', { url: 'https://www.acme.com/', domain: 'acme.com' }, { account: 'a-acme', contact: null, confidence: 'domain' }],
    ['a subdomain of a .com.cn site', { url: 'https://www.huawei.com.cn/products', domain: 'huawei.com.cn' }, { account: 'a-hw', contact: null, confidence: 'domain' }],
    ['a contact by exact email, case-insensitive', webmail([['LI.WEI@ACME.COM', 'Li Wei', 'from']]), { account: 'a-acme', contact: 'c-li', confidence: 'email' }],
    ['a free-mail contact by exact address', webmail([['wangfang@qq.com', 'Wang', 'from']]), { account: 'a-hw', contact: 'c-wang', confidence: 'email' }],
    ['an unknown gmail address never matches a company', webmail([['boss@gmail.com', 'Boss', 'from']]), { account: null, contact: null, confidence: null }],
    ['an unknown address at a known domain matches the account', webmail([['new.person@acme.com', 'New', 'from']]), { account: 'a-acme', contact: null, confidence: 'domain' }],
    ['the sender wins over later participants', webmail([['li.wei@acme.com', 'Li', 'from'], ['wangfang@qq.com', 'Wang', 'to']]), { account: 'a-acme', contact: 'c-li', confidence: 'email' }],
    ['an exact email beats a domain even when listed later', webmail([['x@huawei.com.cn', 'X', 'from'], ['li.wei@acme.com', 'Li', 'cc']]), { account: 'a-acme', contact: 'c-li', confidence: 'email' }],
    ['the rep\'s own address is skipped', webmail([['me@mycompany.com', 'Me', 'from'], ['li.wei@acme.com', 'Li', 'to']]), { account: 'a-acme', contact: 'c-li', confidence: 'email' }],
    ['the webmail host never names a company', { url: 'https://mail.google.com/', domain: 'google.com', kind: 'webmail' }, { account: null, contact: null, confidence: null }],
    ['a profile by company name', { url: 'https://www.linkedin.com/in/x', domain: 'linkedin.com', kind: 'profile', profile: { name: 'X', headline: null, company: 'ACME robotics', profileUrl: 'https://www.linkedin.com/in/x' } }, { account: 'a-acme', contact: null, confidence: 'name' }],
    ['a deleted account never matches', { url: 'https://gone.com/', domain: 'gone.com' }, { account: null, contact: null, confidence: null }],
    ['a never-logged site matches nothing', { url: 'https://wiki.mycompany.com/', domain: 'mycompany.com', emails: [{ address: 'li.wei@acme.com', name: null }] }, { account: null, contact: null, confidence: null }],
    ['mailto links on a page match contacts', { url: 'https://blog.example.org/', domain: 'example.org', emails: [{ address: 'li.wei@acme.com', name: null }] }, { account: 'a-acme', contact: 'c-li', confidence: 'email' }],
  ])('%s', (_name, context, expected) => {
    const match = matchContext(page(context), all, options);
    expect({
      account: match.best?.account?.id ?? null,
      contact: match.best?.contact?.id ?? null,
      confidence: match.best?.confidence ?? null,
    }).toEqual(expected);
  });

  it('picks the most recently updated of duplicate accounts on one domain', () => {
    expect(matchContext(page({ url: 'https://acme.com/', domain: 'acme.com' }), all, options).best?.account?.id).toBe('a-acme');
  });

  it('offers to add an unknown address at a known company as a contact', () => {
    const match = matchContext(page(webmail([['new.person@acme.com', 'New Person', 'from']])), all, options);
    expect(match.addContact).toEqual({ email: 'new.person@acme.com', name: 'New Person', accountId: 'a-acme' });
    expect(match.createAccount).toBeNull();
  });

  it.each<[string, Partial<PageContext>, { name: string; domain: string | null } | null]>([
    ['from the site name and domain', { url: 'https://www.globex.io/', domain: 'globex.io', siteName: 'Globex Corporation' }, { name: 'Globex Corporation', domain: 'globex.io' }],
    ['from the domain when the site has no name', { url: 'https://www.initech-systems.com/', domain: 'initech-systems.com' }, { name: 'Initech Systems', domain: 'initech-systems.com' }],
    ['from an unknown business sender on webmail', webmail([['ceo@umbrella.com.cn', 'CEO', 'from']]), { name: 'Umbrella', domain: 'umbrella.com.cn' }],
    ['not from a free-mail sender', webmail([['someone@163.com', 'Someone', 'from']]), null],
  ])('prefills "create account" %s', (_name, context, expected) => {
    expect(matchContext(page(context), all, options).createAccount).toEqual(expected);
  });

  it('lists everyone on a thread with what each matched', () => {
    const match = matchContext(page(webmail([['li.wei@acme.com', 'Li', 'from'], ['x@gmail.com', 'X', 'to'], ['y@huawei.com.cn', 'Y', 'cc']])), all, options);
    expect(match.people.map((p) => [p.address, p.contact?.id ?? null, p.account?.id ?? null, p.companyDomain])).toEqual([
      ['li.wei@acme.com', 'c-li', 'a-acme', 'acme.com'],
      ['x@gmail.com', null, null, null],
      ['y@huawei.com.cn', null, 'a-hw', 'huawei.com.cn'],
    ]);
  });

  it('asks the store only for keys that can match', () => {
    expect(lookupKeysForContext(page(webmail([['li.wei@acme.com', 'Li', 'from'], ['x@gmail.com', null, 'to']])), options)).toEqual({
      emails: ['li.wei@acme.com', 'x@gmail.com'],
      domains: ['acme.com'],
      names: [],
    });
  });
});
