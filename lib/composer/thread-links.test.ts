import { describe, expect, it } from 'vitest';
import { makeAccount, makeContact } from '../funnel/testing';
import type { ContextPerson } from '../context/match';
import { threadLinksOf } from './thread-links';

const acme = makeAccount({ name: 'Acme' });
const other = makeAccount({ name: 'Globex' });
const zhang = makeContact(acme, { name: 'Zhang Min' });
const li = makeContact(acme, { name: 'Li Wei' });
const greta = makeContact(other, { name: 'Greta' });
const person = (contact: typeof zhang | null, address: string): ContextPerson =>
  ({ address, name: null, role: 'to', contact, companyDomain: null, account: null, confidence: contact ? 'email' : 'domain' }) as unknown as ContextPerson;

describe('threadLinksOf', () => {
  it('links every participant known as a contact of the account in view, once', () => {
    const match = { people: [person(zhang, 'z@acme.example'), person(greta, 'g@globex.example'), person(null, 'new@acme.example'), person(zhang, 'z2@acme.example'), person(li, 'l@acme.example')] };
    expect(threadLinksOf(match, null, acme.id)).toEqual({ contactIds: [zhang.id, li.id], dealId: null });
  });

  it('takes the rep\'s pick from the participant picker for that account', () => {
    const selection = { accountId: acme.id, contactIds: [li.id], dealId: 'deal-1' };
    expect(threadLinksOf({ people: [person(zhang, 'z@acme.example')] }, selection, acme.id)).toEqual({ contactIds: [li.id], dealId: 'deal-1' });
  });

  it('ignores a pick made for another account and links nobody without a match', () => {
    expect(threadLinksOf(null, { accountId: other.id, contactIds: [greta.id], dealId: null }, acme.id)).toEqual({ contactIds: [], dealId: null });
  });
});
