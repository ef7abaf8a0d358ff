import { STAGES, type DealStage, type Stage } from '../schemas/enums';

/** Before the sale: where a deal lives, and where an account without a customer deal sits. */
export const PRE_SALE_STAGES = ['lead', 'qualified', 'proposal', 'negotiation'] as const satisfies readonly Stage[];
/** After the sale, while the customer pays: the churn warning and the renewal clock apply. */
export const LIVE_CUSTOMER_STAGES = ['onboarding', 'adoption', 'renewal'] as const satisfies readonly Stage[];
/** The pipeline a deal travels, in order; lost is an exit from any of them. */
export const PIPELINE_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won'] as const satisfies readonly DealStage[];

export function isPreSaleStage(stage: Stage): stage is (typeof PRE_SALE_STAGES)[number] {
  return (PRE_SALE_STAGES as readonly Stage[]).includes(stage);
}

export function isLiveCustomerStage(stage: Stage): stage is (typeof LIVE_CUSTOMER_STAGES)[number] {
  return (LIVE_CUSTOMER_STAGES as readonly Stage[]).includes(stage);
}

export function isOpenDealStage(stage: Stage): boolean {
  return isPreSaleStage(stage);
}

/** Position in the one ordered lifecycle list (lead first, churned last). */
export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** The stage a record normally moves to next, for "ready to advance" prompts. */
export function nextStageOf(stage: Stage): Stage | null {
  switch (stage) {
    case 'lead':
      return 'qualified';
    case 'qualified':
      return 'proposal';
    case 'proposal':
      return 'negotiation';
    case 'negotiation':
      return 'won';
    case 'won':
      return 'onboarding';
    case 'onboarding':
      return 'adoption';
    case 'adoption':
      return 'renewal';
    default:
      return null;
  }
}
