/**
 * Everything the sidebar writes with, loaded after first paint (see lazy.ts): the write
 * path carries Zod and the public suffix list, which the first paint does not need.
 */
export { createAccount, updateAccount } from '@/lib/db/accounts';
export { logActivity, updateActivity } from '@/lib/db/activities';
export { createContact, updateContact } from '@/lib/db/contacts';
export { updateDeal } from '@/lib/db/deals';
export { createDealInStage } from '@/lib/db/funnel-queries';
export { deleteRecord, restoreRecord } from '@/lib/db/records';
export { saveCapture } from '@/lib/composer/save-capture';
