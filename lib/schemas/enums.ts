/**
 * The closed lists of the domain as plain constants. The Zod schemas are built from them,
 * and UI code that only needs the lists imports this file, so the sidebar can paint before
 * the validation library has loaded.
 */

export const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'onboarding', 'adoption', 'renewal', 'won', 'lost', 'churned'] as const;
export type Stage = (typeof STAGES)[number];

/** A deal ends at the sale: won or lost. What follows lives on the account. */
export const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export const TERMINAL_STAGES: readonly Stage[] = ['won', 'lost', 'churned'];

export const SIZE_TIERS = ['strategic', 'growth', 'smb'] as const;
export const CONTACT_ROLES = ['decision_maker', 'influencer', 'champion', 'user', 'contact_person'] as const;
export const ACTIVITY_TYPES = ['note', 'call', 'email', 'meeting', 'visit', 'message', 'task', 'stage_change'] as const;
/** What a rep can log by hand; stage changes are written by the app when a stage moves. */
export const LOGGABLE_ACTIVITY_TYPES = ['note', 'call', 'email', 'meeting', 'visit', 'message', 'task'] as const;
export const CALL_OUTCOMES = ['connected', 'voicemail', 'no_answer', 'wrong_number'] as const;
/** Instant-message channels reps in both markets use. */
export const MESSAGE_CHANNELS = ['wechat', 'wecom', 'dingtalk', 'feishu', 'whatsapp', 'linkedin', 'sms', 'other'] as const;
export const VISIBILITIES = ['team', 'private'] as const;

export const DEFAULT_CURRENCY = 'CNY';
