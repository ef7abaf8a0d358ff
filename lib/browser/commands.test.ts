import { describe, expect, it } from 'vitest';
import { intentForCommand } from './commands';

describe('intentForCommand', () => {
  it.each([
    ['focus-composer', { kind: 'focus-composer', prefill: null }],
    ['log-call', { kind: 'log-call', phone: null }],
    ['search-accounts', { kind: 'search' }],
    // The opening command arrives as a toolbar click, not here.
    ['_execute_action', null],
    // Names an object inherits are not commands.
    ['toString', null],
    ['__proto__', null],
    ['constructor', null],
  ])('%s → %j', (command, intent) => expect(intentForCommand(command)).toEqual(intent));
});
