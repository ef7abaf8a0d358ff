import * as z from 'zod';
import { DEAL_STAGES, STAGES, TERMINAL_STAGES, type DealStage, type Stage } from './enums';

/**
 * One ordered list covering the whole lifecycle (see ../shared/domain.md): pre-sale stages,
 * post-sale stages, then the terminal outcomes.
 */
export const stageSchema = z.enum(STAGES);
export type { Stage };
export { STAGES };

/** A deal ends at the sale: won or lost. What follows lives on the account. */
export const dealStageSchema = z.enum(DEAL_STAGES);
export type { DealStage };
export { DEAL_STAGES, TERMINAL_STAGES };
