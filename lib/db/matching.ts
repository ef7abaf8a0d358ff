import type { Account, Contact, Deal, PageContext } from '../schemas';
import { lookupKeysForContext, matchContext, normalizePersonName, type ContextMatch, type MatchOptions } from '../context/match';
import type { SidenoteDb } from './database';

function groupBy<T>(records: readonly T[], keysOf: (record: T) => readonly (string | null)[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    for (const key of keysOf(record)) {
      if (!key) continue;
      const group = groups.get(key);
      if (group) group.push(record);
      else groups.set(key, [record]);
    }
  }
  return groups;
}

/** Reads what matching needs through the email, domain and name indexes, then matches (pure). */
export async function matchPageContext(db: SidenoteDb, context: PageContext, options: MatchOptions): Promise<ContextMatch> {
  const keys = lookupKeysForContext(context, options);
  const { contacts, byDomain, byName, linked, named, deals } = await db.transaction('r', [db.contacts, db.accounts, db.deals], async () => {
    const [contacts, byDomain, byName, named] = await Promise.all([
      keys.emails.length ? db.contacts.where('email').anyOf(keys.emails).toArray() : Promise.resolve([] as Contact[]),
      keys.domains.length ? db.accounts.where('domains').anyOf(keys.domains).toArray() : Promise.resolve([] as Account[]),
      keys.names.length ? db.accounts.where('nameKey').anyOf(keys.names).toArray() : Promise.resolve([] as Account[]),
      // A profile's person name: the contacts' joined-name search token, then the exact name.
      keys.personNames.length
        ? db.contacts
            .where('searchTokens')
            .anyOf(keys.personNames.map((name) => name.replace(/\s+/g, '')))
            .filter((contact) => keys.personNames.includes(normalizePersonName(contact.name)))
            .toArray()
        : Promise.resolve([] as Contact[]),
    ]);
    const accountIds = [...new Set([...contacts, ...named].map((contact) => contact.accountId).filter((id): id is string => id !== null))];
    const linked = accountIds.length ? (await db.accounts.bulkGet(accountIds)).filter((a): a is NonNullable<typeof a> => a !== undefined) : [];
    const matchedAccountIds = [...new Set([...accountIds, ...byDomain.map((a) => a.id), ...byName.map((a) => a.id)])];
    const deals = matchedAccountIds.length ? await db.deals.where('accountId').anyOf(matchedAccountIds).toArray() : [];
    return { contacts, byDomain, byName, linked, named, deals };
  });
  const accountsById = new Map<string, Account>();
  for (const account of [...byDomain, ...byName, ...linked]) accountsById.set(account.id, account);
  return matchContext(
    context,
    {
      contactsByEmail: groupBy(contacts, (contact) => [contact.email]),
      accountsByDomain: groupBy(
        byDomain,
        (account) => account.domains.filter((domain) => keys.domains.includes(domain)),
      ),
      accountsByName: groupBy(byName, (account) => [(account as { nameKey?: string }).nameKey ?? null]),
      accountsById,
      contactsByName: groupBy(named, (contact) => [normalizePersonName(contact.name)]),
      dealsByAccountId: groupBy(deals, (deal: Deal) => [deal.accountId]),
    },
    options,
  );
}
