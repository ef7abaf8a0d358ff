import { DEFAULT_CURRENCY } from '../schemas/enums';
import { newDealFields, type Deal, type DealFields, type DealStage } from '../schemas';
import type { SidenoteDb } from './database';
import { nowOf, type WriteContext } from './context';
import { newRecordId, writeRecord } from './write';

export interface NewDealInput {
  accountId: string;
  name: string;
  stage?: DealStage;
  amount?: number | null;
  currency?: string;
  expectedCloseDate?: string | null;
  ownerId?: string | null;
}

export { DEFAULT_CURRENCY };

export async function createDeal(db: SidenoteDb, input: NewDealInput, ctx: WriteContext): Promise<Deal> {
  const fields = newDealFields({ ...input, ownerId: input.ownerId ?? ctx.repId });
  return writeRecord(db, { entity: 'deal', recordId: newRecordId(), patch: fields }, { now: nowOf(ctx) });
}

export async function updateDeal(
  db: SidenoteDb,
  dealId: string,
  changes: Partial<Omit<DealFields, 'deletedAt' | 'facts' | 'stage'>>,
  ctx: WriteContext,
): Promise<Deal> {
  return writeRecord(db, { entity: 'deal', recordId: dealId, patch: { ...changes }, mustExist: true }, { now: nowOf(ctx) });
}
