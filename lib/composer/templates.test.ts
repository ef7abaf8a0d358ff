import { describe, expect, it } from 'vitest';
import type { PlaybookStage } from '../schemas';
import { insertIntoBody, snippetFromBody, templateGroups } from './templates';

const stage = {
  stage: 'proposal',
  nextSteps: [
    { key: 'demo', label: { en: 'Scenario demo', 'zh-CN': '场景演示' }, template: { en: 'Demo agenda:\n- ', 'zh-CN': '演示议程：\n- ' } },
    { key: 'call', label: { en: 'Call', 'zh-CN': '电话' }, template: null },
  ],
} as unknown as PlaybookStage;

describe('composer templates', () => {
  it('offers the stage’s templates in the rep’s language, then their snippets', () => {
    expect(templateGroups(stage, [{ id: 's1', title: 'Pricing', text: 'Our price is…' }], 'zh-CN')).toEqual([
      { kind: 'stage', options: [{ id: 'stage:demo', label: '场景演示', text: '演示议程：\n- ' }] },
      { kind: 'snippets', options: [{ id: 'snippet:s1', label: 'Pricing', text: 'Our price is…' }] },
    ]);
    expect(templateGroups(null, [], 'en')).toEqual([]);
  });

  it.each([
    ['', 'T', 'T'],
    ['Met the CFO.  \n', 'T', 'Met the CFO.\n\nT'],
  ])('inserts into %j', (body, text, expected) => {
    expect(insertIntoBody(body, text)).toBe(expected);
  });

  it('titles a snippet by its first line', () => {
    expect(snippetFromBody('  Thanks for the call today.\nAttached is the deck.', 'x')).toEqual({ id: 'x', title: 'Thanks for the call today.', text: 'Thanks for the call today.\nAttached is the deck.' });
    expect(snippetFromBody('   ', 'x')).toBeNull();
    expect(snippetFromBody('界'.repeat(70), 'x')?.title).toBe(`${'界'.repeat(60)}…`);
  });
});
