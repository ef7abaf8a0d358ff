import { describe, expect, it } from 'vitest';
import { describeUnstorableText, type Account, type Contact, type Deal, type PageContext } from '../schemas';
import { FIXTURE_PAGES, loadFixturePage } from '../../test/fixtures/pages/load';
import { extractPageContext } from './extract';
import {
  captureKeyFor,
  lookupKeysForContext,
  matchContext,
  normalizeCaptureUrl,
  normalizeCompanyName,
  normalizePersonName,
  resolveCaptureSelection,
  type MatchSources,
} from './match';

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
      personNames: [],
    });
  });
});

function deal(id: string, name: string, accountId: string, extra: Partial<Deal> = {}): Deal {
  return {
    id, name, accountId, stage: 'proposal', amount: null, currency: 'CNY', expectedCloseDate: null, ownerId: null, closedAt: null,
    lostReason: null, facts: {}, createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {}, ...extra,
  };
}

describe('matchContext for capture: several participants, deals and offers', () => {
  const zhang = contact('c-zhang', 'Zhang Min', 'zhang.min@acme.com', acme.id);
  const pilot = deal('d-pilot', 'Pilot', acme.id, { updatedAt: 5 });
  const expansion = deal('d-exp', 'Expansion 2025', acme.id, { updatedAt: 9 });
  const won = deal('d-won', 'Old win', acme.id, { stage: 'won', updatedAt: 99 });
  const withDeals = (deals: Deal[]): MatchSources => ({
    ...sources([acme, huawei], [li, wang, zhang]),
    dealsByAccountId: new Map([[acme.id, deals]]),
  });

  it('lists each participant with its own confidence and defaults to the sender', () => {
    const match = matchContext(
      page(webmail([['zhang.min@acme.com', 'Zhang', 'from'], ['li.wei@acme.com', 'Li', 'to'], ['new@acme.com', 'New', 'cc'], ['x@gmail.com', 'X', 'cc']])),
      withDeals([]),
      options,
    );
    expect(match.people.map((person) => [person.address, person.confidence])).toEqual([
      ['zhang.min@acme.com', 'email'],
      ['li.wei@acme.com', 'email'],
      ['new@acme.com', 'domain'],
      ['x@gmail.com', null],
    ]);
    expect(match.selection).toEqual({ accountId: 'a-acme', contactIds: ['c-zhang'], dealId: null });
    expect(match.candidates.map((candidate) => candidate.contact?.id ?? null)).toEqual(['c-zhang', 'c-li', null]);
    expect(match.addContacts).toEqual([{ email: 'new@acme.com', name: 'New', accountId: 'a-acme' }]);
    expect(match.createAccounts).toEqual([]);
  });

  it('offers "create account" for each unknown company on a thread, even when another company matched', () => {
    const match = matchContext(
      page(webmail([['li.wei@acme.com', 'Li', 'from'], ['ceo@umbrella.com.cn', 'CEO', 'to'], ['cto@umbrella.com.cn', 'CTO', 'cc'], ['ops@initech.io', null, 'cc']])),
      withDeals([]),
      options,
    );
    expect(match.createAccounts).toEqual([
      { name: 'Umbrella', domain: 'umbrella.com.cn' },
      { name: 'Initech', domain: 'initech.io' },
    ]);
    // The single-offer field keeps its meaning: only when nothing matched.
    expect(match.createAccount).toBeNull();
  });

  it.each<[string, Deal[], string | null, string[]]>([
    ['the only open deal is the default', [pilot, won], 'd-pilot', ['d-pilot']],
    ['with several open deals none is assumed', [pilot, expansion], null, ['d-exp', 'd-pilot']],
    ['a deal named in the subject is the default', [expansion, pilot], 'd-pilot', ['d-pilot', 'd-exp']],
  ])('%s', (_name, deals, expectedDefault, expectedOrder) => {
    const subject = expectedDefault === 'd-pilot' && deals.length === 2 ? 'Re: Pilot pricing' : 'Hello';
    const context = page(webmail([['li.wei@acme.com', 'Li', 'from']]));
    context.webmail!.subject = subject;
    const match = matchContext(context, withDeals(deals), options);
    expect(match.selection.dealId).toBe(expectedDefault);
    expect(match.deals.map((option) => option.deal.id)).toEqual(expectedOrder);
  });

  it('matches a profile to a contact by name only at the company the profile names', () => {
    const byName = new Map([[normalizePersonName('Li Wei'), [li]]]);
    const base = { ...sources([acme, huawei], [li]), contactsByName: byName };
    const atAcme = matchContext(
      page({ url: 'https://www.linkedin.com/in/li', domain: 'linkedin.com', kind: 'profile', profile: { name: 'LI  WEI', headline: null, company: 'Acme Robotics', profileUrl: 'https://www.linkedin.com/in/li/' } }),
      base,
      options,
    );
    expect(atAcme.best).toMatchObject({ confidence: 'name', contact: { id: 'c-li' }, account: { id: 'a-acme' } });
    const elsewhere = matchContext(
      page({ url: 'https://www.linkedin.com/in/li2', domain: 'linkedin.com', kind: 'profile', profile: { name: 'Li Wei', headline: null, company: 'Globex', profileUrl: 'https://www.linkedin.com/in/li2/' } }),
      base,
      options,
    );
    expect(elsewhere.best).toBeNull();
    expect(elsewhere.createAccounts).toEqual([{ name: 'Globex', domain: null }]);
  });

  it('ranks exact email over domain over name', () => {
    const match = matchContext(
      page({
        url: 'https://www.huawei.com.cn/', domain: 'huawei.com.cn', kind: 'generic',
        emails: [{ address: 'li.wei@acme.com', name: null }],
        profile: null,
      }),
      withDeals([]),
      options,
    );
    expect(match.candidates.map((candidate) => candidate.confidence)).toEqual(['email', 'domain']);
  });
});

describe('resolveCaptureSelection', () => {
  const zhang = contact('c-zhang', 'Zhang Min', 'zhang.min@acme.com', acme.id);
  const pilot = deal('d-pilot', 'Pilot', acme.id);
  const match = matchContext(
    page(webmail([['zhang.min@acme.com', 'Zhang', 'from'], ['li.wei@acme.com', 'Li', 'to'], ['wangfang@qq.com', 'Wang', 'cc']])),
    { ...sources([acme, huawei], [li, wang, zhang]), dealsByAccountId: new Map([[acme.id, [pilot]]]) },
    options,
  );

  it('keeps contacts of the chosen account and the deal, drops the rest', () => {
    expect(resolveCaptureSelection(match, { accountId: 'a-acme', contactIds: ['c-zhang', 'c-li', 'c-wang', 'c-unknown'], dealId: 'd-pilot' })).toEqual({
      accountId: 'a-acme',
      contactIds: ['c-zhang', 'c-li'],
      dealId: 'd-pilot',
    });
  });

  it('takes the account from the first chosen contact when none is chosen', () => {
    expect(resolveCaptureSelection(match, { accountId: null, contactIds: ['c-wang'], dealId: null })).toEqual({ accountId: 'a-hw', contactIds: ['c-wang'], dealId: null });
  });

  it('drops a deal of another account', () => {
    expect(resolveCaptureSelection(match, { accountId: 'a-hw', contactIds: [], dealId: 'd-missing' })).toEqual({ accountId: 'a-hw', contactIds: [], dealId: null });
  });
});

describe('captureKeyFor', () => {
  const read = (name: string) => {
    const { document, url } = loadFixturePage(name);
    return extractPageContext(document, url);
  };

  it('keys a webmail thread by provider and thread id, whatever the URL', () => {
    const context = read(FIXTURE_PAGES.gmailConversation);
    expect(captureKeyFor(context)).toBe('thread:gmail:thread-f:1790422511230011111');
    expect(captureKeyFor({ ...context, url: 'https://mail.google.com/mail/u/1/#search/pilot/FMfcgz' })).toBe(captureKeyFor(context));
    expect(captureKeyFor(read(FIXTURE_PAGES.outlookLiveReadingPane))).toBe('thread:outlook:AQQkADAwATM0MDAAMS1iNTcwLWI2NTEtMDACLTAwCgAQAH+bZ7pXe0xJq6lP5t1m0d0=');
  });

  it('keys a page by its canonical URL, so tracking parameters and anchors do not make a second record', () => {
    const context = read(FIXTURE_PAGES.companyCnContact);
    expect(captureKeyFor(context)).toBe('page:www.huaxin-tech.com.cn/about/contact.html');
    expect(captureKeyFor({ ...context, canonicalUrl: null, url: 'https://WWW.huaxin-tech.com.cn/about/contact.html/?utm_source=x&from=baidu#team' })).toBe(
      'page:www.huaxin-tech.com.cn/about/contact.html',
    );
  });

  it('keys a profile by its clean profile URL', () => {
    expect(captureKeyFor(read(FIXTURE_PAGES.linkedInProfile2023))).toBe('profile:www.linkedin.com/in/sarah-chen-4b1a2c');
  });

  it('shortens a very long key between characters, so it never holds half an emoji', () => {
    const threadId = `${'t'.repeat(1100)}`;
    for (let shift = 0; shift < 4; shift++) {
      const id = `${'a'.repeat(990 + shift)}${'🎉'.repeat(40)}${threadId}`;
      const key = captureKeyFor(page({ url: 'https://mail.example/', kind: 'webmail', webmail: { provider: 'other', threadId: id, subject: null, participants: [] } }))!;
      expect(key.length).toBeLessThanOrEqual(1024);
      expect(describeUnstorableText(key)).toBeNull();
    }
  });

  it('gives no key when nothing stable names what is on screen', () => {
    expect(captureKeyFor(page({ url: 'https://mail.google.com/', kind: 'webmail', webmail: { provider: 'gmail', threadId: null, subject: 'x', participants: [] } }))).toBeNull();
    expect(captureKeyFor(page({ url: 'about:blank' }))).toBeNull();
  });

  it('stays within the schema limit for very long URLs, and stays stable', () => {
    const long = page({ url: `https://example.org/search?q=${'x'.repeat(3000)}` });
    const key = captureKeyFor(long)!;
    expect(key.length).toBeLessThanOrEqual(1024);
    expect(captureKeyFor(long)).toBe(key);
    expect(captureKeyFor(page({ url: `https://example.org/search?q=${'x'.repeat(2999)}y` }))).not.toBe(key);
  });

  it.each([
    ['https://acme.com/a/?b=2&a=1', 'acme.com/a?a=1&b=2'],
    ['http://acme.com:80/', 'acme.com'],
    ['https://app.acme.com/#/customers/42', 'app.acme.com#/customers/42'],
    ['https://acme.com/page#section-2', 'acme.com/page'],
    ['https://acme.com/?spm=a2c.1&id=9', 'acme.com?id=9'],
    ['ftp://acme.com/', null],
  ])('normalizes %s', (url, expected) => expect(normalizeCaptureUrl(url)).toBe(expected));
});
