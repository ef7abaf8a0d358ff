/** Reminders: pure scheduling, no-reply clearing and notification text, plus the browser adapter. */
export * from './browser';
export * from './message';
export * from './no-reply';
export * from './schedule';
