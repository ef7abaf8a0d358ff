import { newAccountFields, type Account, type AccountFields, type Stage } from '../schemas';
import type { SidenoteDb } from './database';
import { nowOf, type WriteContext } from './context';
import { newRecordId, RecordValidationError, writeRecord } from './write';

export interface NewAccountInput {
  name: string;
  domains?: readonly string[];
  industry?: string | null;
  sizeTier?: AccountFields['sizeTier'];
  stage?: Stage;
  ownerId?: string | null;
  renewalDate?: string | null;
}

/**
 * Turns what a rep typed or a page gave ("https://www.acme.com.cn/about", "Sales.Acme.com")
 * into registrable domains, refusing the input by name when one is not a domain.
 */
export async function normalizeDomains(inputs: readonly string[]): Promise<string[]> {
  // The public suffix list is the largest part of the sidebar's JavaScript: load it on first use.
  const { registrableDomain } = await import('../context/domain');
  const domains: string[] = [];
  for (const input of inputs) {
    if (!input.trim()) continue;
    const domain = registrableDomain(input);
    if (!domain) {
      throw new RecordValidationError('account', [
        { field: 'domains', message: `"${input.trim()}" is not a web domain; write it like acme.com or acme.com.cn` },
      ]);
    }
    if (!domains.includes(domain)) domains.push(domain);
  }
  return domains;
}

export async function createAccount(db: SidenoteDb, input: NewAccountInput, ctx: WriteContext): Promise<Account> {
  const fields = newAccountFields({ ...input, domains: await normalizeDomains(input.domains ?? []), ownerId: input.ownerId === undefined ? ctx.repId : input.ownerId });
  return writeRecord(db, { entity: 'account', recordId: newRecordId(), patch: fields }, { now: nowOf(ctx) });
}

export type AccountChanges = Partial<Omit<AccountFields, 'deletedAt' | 'facts'>>;

export async function updateAccount(db: SidenoteDb, accountId: string, changes: AccountChanges, ctx: WriteContext): Promise<Account> {
  const patch: Record<string, unknown> = { ...changes };
  if (changes.domains) patch.domains = await normalizeDomains(changes.domains);
  return writeRecord(db, { entity: 'account', recordId: accountId, patch, mustExist: true }, { now: nowOf(ctx) });
}

export async function getAccount(db: SidenoteDb, accountId: string): Promise<Account | undefined> {
  return db.accounts.get(accountId);
}
