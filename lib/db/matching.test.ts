import { afterEach, describe, expect, it } from 'vitest';
import type { PageContext } from '../schemas';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { createAccount } from './accounts';
import { createContact } from './contacts';
import { createDeal } from './deals';
import type { SidenoteDb } from './database';
import { matchPageContext } from './matching';
import { withOwnDomain } from '../context/never-log';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

const page = (overrides: Partial<PageContext>): PageContext => ({
  url: 'https://example.org/', title: '', canonicalUrl: null, siteName: null, domain: null, kind: 'generic',
  emails: [], phones: [], selection: null, webmail: null, profile: null, ...overrides,
});
const options = { neverLog: [], ownAddresses: [] };

describe('matching against stored records', () => {
  it('matches a page by domain, a thread by contact email, and a profile by company name', async () => {
    db = createTestDb();
    const ctx = { repId: null, now: FIXED_NOW };
    const acme = await createAccount(db, { name: 'Acme Robotics', domains: ['acme.com.cn', 'acme.com'] }, ctx);
    const li = await createContact(db, { accountId: acme.id, name: 'Li Wei', email: 'Li.Wei@Acme.com' }, ctx);

    const site = await matchPageContext(db, page({ url: 'https://www.acme.com.cn/about', domain: 'acme.com.cn' }), options);
    expect(site.best).toMatchObject({ confidence: 'domain', account: { id: acme.id } });

    const thread = await matchPageContext(
      db,
      page({
        url: 'https://mail.google.com/mail/u/0/#inbox/x', domain: 'google.com', kind: 'webmail',
        webmail: { provider: 'gmail', threadId: 'x', subject: 'Hi', participants: [{ address: 'LI.WEI@acme.com', name: 'Li', role: 'from' }] },
      }),
      options,
    );
    expect(thread.best).toMatchObject({ confidence: 'email', contact: { id: li.id }, account: { id: acme.id } });

    const profile = await matchPageContext(
      db,
      page({ url: 'https://www.linkedin.com/in/li', domain: 'linkedin.com', kind: 'profile', profile: { name: 'Li Wei', headline: null, company: 'Acme Robotics', profileUrl: 'https://www.linkedin.com/in/li' } }),
      options,
    );
    expect(profile.best).toMatchObject({ confidence: 'name', account: { id: acme.id } });
  });

  it('offers to create the account when the site is unknown', async () => {
    db = createTestDb();
    const match = await matchPageContext(db, page({ url: 'https://www.globex.io/', domain: 'globex.io', siteName: 'Globex' }), options);
    expect(match.best).toBeNull();
    expect(match.createAccount).toEqual({ name: 'Globex', domain: 'globex.io' });
  });

  it('never offers the rep\'s own company as a new account', async () => {
    db = createTestDb();
    const own = { neverLog: withOwnDomain([], 'northwind.example'), ownAddresses: ['priya@northwind.example'] };
    const site = await matchPageContext(db, page({ url: 'https://www.northwind.example/', domain: 'northwind.example', siteName: 'Northwind' }), own);
    expect(site.createAccount).toBeNull();
    const thread = await matchPageContext(
      db,
      page({
        url: 'https://mail.google.com/mail/u/0/#inbox/x', domain: 'mail.google.com', kind: 'webmail',
        webmail: { provider: 'gmail', threadId: 'x', subject: 'Hi', participants: [{ address: 'li@northwind.example', name: 'Li', role: 'from' }, { address: 'buyer@globex.io', name: 'Buyer', role: 'to' }] },
      }),
      own,
    );
    expect(thread.createAccounts.map((offer) => offer.domain)).not.toContain('northwind.example');
  });
});

describe('matching with deals and profile names', () => {
  it('offers the matched account’s open deals and finds a contact by a profile’s person name', async () => {
    db = createTestDb();
    const ctx = { repId: null, now: FIXED_NOW };
    const acme = await createAccount(db, { name: 'Acme Robotics', domains: ['acme.com'] }, ctx);
    const pilot = await createDeal(db, { accountId: acme.id, name: 'Pilot', stage: 'proposal' }, ctx);
    await createDeal(db, { accountId: acme.id, name: 'Old win', stage: 'won' }, ctx);
    const li = await createContact(db, { accountId: acme.id, name: 'Li  Wei', email: null }, ctx);

    const site = await matchPageContext(db, page({ url: 'https://www.acme.com/', domain: 'acme.com' }), options);
    expect(site.deals.map((option) => option.deal.id)).toEqual([pilot.id]);

    const profile = await matchPageContext(
      db,
      page({ url: 'https://www.linkedin.com/in/li', domain: 'linkedin.com', kind: 'profile', profile: { name: 'li wei', headline: null, company: null, profileUrl: 'https://www.linkedin.com/in/li' } }),
      options,
    );
    expect(profile.best?.contact?.id).toBe(li.id);
    expect(profile.best?.confidence).toBe('name');
  });
});
