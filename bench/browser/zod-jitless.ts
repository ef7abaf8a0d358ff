import * as z from 'zod';

/**
 * Imported first by the harness. Extension pages forbid eval (CSP), so in the sidebar Zod's
 * probe fails and it parses without compiled code. The harness is injected through CDP,
 * where that probe would pass while later parses (after an await) are still refused; say
 * jitless before any schema is built, which is what the sidebar ends up with.
 */
z.config({ jitless: true });
