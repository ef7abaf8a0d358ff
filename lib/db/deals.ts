import { DEFAULT_CURRENCY } from '../schemas/enums';
import type { Deal, DealFields, DealStage } from '../schemas';
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
  const record = await writeRecord(
    db,
    {
      entity: 'deal',
      recordId: newRecordId(),
      patch: {
        accountId: input.accountId,
        name: input.name,
        stage: input.stage ?? 'lead',
        amount: input.amount ?? null,
        currency: input.currency ?? DEFAULT_CURRENCY,
        expectedCloseDate: input.expectedCloseDate || null,
        ownerId: input.ownerId ?? ctx.repId,
        closedAt: null,
        lostReason: null,
        facts: {},
        deletedAt: null,
      },
    },
    { now: nowOf(ctx) },
  );
  return record as unknown as Deal;
}

export async function updateDeal(
  db: SidenoteDb,
  dealId: string,
  changes: Partial<Omit<DealFields, 'deletedAt' | 'facts' | 'stage'>>,
  ctx: WriteContext,
): Promise<Deal> {
  const record = await writeRecord(db, { entity: 'deal', recordId: dealId, patch: { ...changes }, mustExist: true }, { now: nowOf(ctx) });
  return record as unknown as Deal;
}
