import type { Account, Contact, PageContext } from '../schemas';
import { lookupKeysForContext, matchContext, type ContextMatch, type MatchOptions } from '../context/match';
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
  const { contacts, byDomain, byName, linked } = await db.transaction('r', [db.contacts, db.accounts], async () => {
    const [contacts, byDomain, byName] = await Promise.all([
      keys.emails.length ? db.contacts.where('email').anyOf(keys.emails).toArray() : Promise.resolve([] as Contact[]),
      keys.domains.length ? db.accounts.where('domains').anyOf(keys.domains).toArray() : Promise.resolve([] as Account[]),
      keys.names.length ? db.accounts.where('nameKey').anyOf(keys.names).toArray() : Promise.resolve([] as Account[]),
    ]);
    const accountIds = [...new Set(contacts.map((contact) => contact.accountId).filter((id): id is string => id !== null))];
    const linked = accountIds.length ? (await db.accounts.bulkGet(accountIds)).filter((a): a is NonNullable<typeof a> => a !== undefined) : [];
    return { contacts, byDomain, byName, linked };
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
    },
    options,
  );
}
