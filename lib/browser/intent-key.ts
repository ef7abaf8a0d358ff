/**
 * Where a gesture leaves its intent for a sidebar that is still loading. Its own module so the
 * sidebar can read it without the message schemas (Zod) in its first paint.
 */
export const PENDING_INTENT_KEY = 'pendingUiIntent';
