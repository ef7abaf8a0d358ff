import { describe, expect, it } from 'vitest';
import { describeUnstorableText } from '../schemas';
import { createContextMenus, emailOfLink, intentForMenuClick, MENU_IDS, noteFromSelection, phoneOfLink, type MenuApi } from './context-menu';

describe('context menu capture', () => {
  it.each([
    ['tel:+86%2021%205555%200188', '+86 21 5555 0188'],
    ['tel:010-5555-0100;ext=12', '010-5555-0100'],
    ['tel:', null],
    ['mailto:x@y.com', null],
  ])('phone of %s is %s', (href, expected) => {
    expect(phoneOfLink(href)).toBe(expected);
  });

  it.each([
    ['mailto:Li.Wei@Acme.com', 'li.wei@acme.com'],
    ['mailto:Li%20Wei%20%3Cli.wei@acme.com%3E?subject=Hi', 'li.wei@acme.com'],
    ['mailto:a@acme.com,b@acme.com', 'a@acme.com'],
    ['mailto:?subject=no-address', null],
    ['tel:123', null],
  ])('email of %s is %s', (href, expected) => {
    expect(emailOfLink(href)).toBe(expected);
  });

  it('quotes a selection line by line', () => {
    expect(noteFromSelection('  Budget: 2M\nDecision in May  ')).toBe('> Budget: 2M\n> Decision in May');
  });

  it.each([
    [{ menuItemId: MENU_IDS.logSelection, selectionText: 'We need SSO' }, { kind: 'focus-composer', prefill: '> We need SSO' }],
    [{ menuItemId: MENU_IDS.logSelection, selectionText: '   ' }, null],
    [{ menuItemId: MENU_IDS.logCall, linkUrl: 'tel:+1%20555%200100' }, { kind: 'log-call', phone: '+1 555 0100' }],
    [{ menuItemId: MENU_IDS.addContact, linkUrl: 'mailto:Zhang.Min@acme.com' }, { kind: 'add-contact', email: 'zhang.min@acme.com', name: null }],
    [{ menuItemId: 'someone-else' }, null],
  ])('turns %j into %j', (info, intent) => {
    expect(intentForMenuClick(info)).toEqual(intent);
  });

  it('recreates its menus without doubling them', async () => {
    const created: string[] = [];
    const api: MenuApi = {
      contextMenus: {
        removeAll: async () => {
          created.length = 0;
        },
        create: (properties) => created.push(`${properties.id}:${properties.title}:${properties.contexts.join()}:${properties.targetUrlPatterns?.join() ?? ''}`),
      },
      i18n: { getMessage: (name) => `[${name}]` },
    };
    await createContextMenus(api);
    await createContextMenus(api);
    expect(created).toEqual([
      'sidenote-log-selection:[menuLogSelection]:selection:',
      'sidenote-log-call:[menuLogCall]:link:tel:*',
      'sidenote-add-contact:[menuAddContact]:link:mailto:*',
    ]);
  });
});

describe('a selection quoted into a note', () => {
  it('never splits an emoji at the length limit and carries no NUL', () => {
    const note = noteFromSelection(`${'x'.repeat(19_999)}🎉 tail\u0000`);
    expect(note).toBe(`> ${'x'.repeat(19_999)}`);
    expect(describeUnstorableText(noteFromSelection('a\u0000b \ud83d'))).toBeNull();
  });
});
