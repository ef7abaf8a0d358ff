import type { UiIntent } from '../messaging/protocol';

/**
 * The keyboard commands the manifest declares besides the one that opens the sidebar, and
 * what the sidebar does for each. The opening command (`_execute_action` in Chrome,
 * `_execute_browser_action` in Firefox) is delivered by the browser as a toolbar click.
 */
export const COMMAND_INTENTS: ReadonlyMap<string, UiIntent> = new Map<string, UiIntent>([
  ['focus-composer', { kind: 'focus-composer', prefill: null }],
  ['log-call', { kind: 'log-call', phone: null }],
  ['search-accounts', { kind: 'search' }],
]);

/** What the sidebar should do for a command; null for a command this version does not know. */
export function intentForCommand(command: string): UiIntent | null {
  return COMMAND_INTENTS.get(command) ?? null;
}
