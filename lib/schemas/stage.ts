import { z } from 'zod';

/**
 * One ordered list covering the whole lifecycle (see ../shared/domain.md): pre-sale stages,
 * post-sale stages, then the terminal outcomes.
 */
export const stageSchema = z.enum([
  'lead',
  'qualified',
  'proposal',
  'negotiation',
  'onboarding',
  'adoption',
  'renewal',
  'won',
  'lost',
  'churned',
]);
export type Stage = z.infer<typeof stageSchema>;
export const STAGES = stageSchema.options;

/** A deal ends at the sale: won or lost. What follows lives on the account. */
export const dealStageSchema = stageSchema.extract(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
export type DealStage = z.infer<typeof dealStageSchema>;

export const TERMINAL_STAGES: readonly Stage[] = ['won', 'lost', 'churned'];
