import { describe, expect, it } from 'vitest';
import { createOffersBesidePage, selectionForAddingContact, selectionWithCreatedContact } from './capture-links';

const ticked = { accountId: 'a-acme', contactIds: ['c-zhang', 'c-li'], dealId: 'd-pilot' };

describe('selectionForAddingContact', () => {
  it('keeps every ticked person when the new contact is at the same company', () => {
    expect(selectionForAddingContact(ticked, { email: 'procurement@acme-robotics.com', name: 'Procurement', accountId: 'a-acme' })).toEqual(ticked);
  });

  it('moves to the other company when the offer is there', () => {
    expect(selectionForAddingContact(ticked, { email: 'x@globex.cn', name: null, accountId: 'a-globex' })).toEqual({ accountId: 'a-globex', contactIds: [], dealId: null });
  });
});

describe('selectionWithCreatedContact', () => {
  it('ticks the new contact next to the others', () => {
    expect(selectionWithCreatedContact(ticked, { id: 'c-proc', accountId: 'a-acme' }).contactIds).toEqual(['c-zhang', 'c-li', 'c-proc']);
  });

  it('leaves the selection alone for a contact at another company, or one already ticked', () => {
    expect(selectionWithCreatedContact(ticked, { id: 'c-x', accountId: 'a-globex' })).toBe(ticked);
    expect(selectionWithCreatedContact(ticked, { id: 'c-li', accountId: 'a-acme' })).toBe(ticked);
  });
});

describe('createOffersBesidePage', () => {
  const page = { name: '深圳市星河智能科技有限公司', domain: 'xinghe.com.cn' };
  it('drops the offer the no-match panel already makes, by domain or by name', () => {
    expect(createOffersBesidePage([{ name: 'Xinghe', domain: 'xinghe.com.cn' }, { name: 'Globex', domain: 'globex.cn' }], page)).toEqual([{ name: 'Globex', domain: 'globex.cn' }]);
    expect(createOffersBesidePage([{ name: '深圳市星河智能科技有限公司', domain: null }], page)).toEqual([]);
  });

  it('keeps them all when the page offers nothing itself', () => {
    expect(createOffersBesidePage([{ name: 'Globex', domain: 'globex.cn' }], null)).toHaveLength(1);
  });
});
