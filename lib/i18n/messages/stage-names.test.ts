import { describe, expect, it } from 'vitest';
import { STAGES } from '../../schemas';
import { coreMessages } from './core';
import { funnelMessages } from './funnel';

describe('stage names in zh-CN', () => {
  it('call the qualified stage 商机确认 and keep 商机 for deals, the same in every module', () => {
    expect(coreMessages['zh-CN'].stage_qualified).toBe('商机确认');
    expect(funnelMessages['zh-CN'].stageName('qualified')).toBe('商机确认');
    expect(coreMessages['zh-CN'].deals).toBe('商机');
  });

  it('name every stage the same way in the sidebar and the funnel views, in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const stage of STAGES) expect(funnelMessages[locale].stageName(stage)).toBe(coreMessages[locale][`stage_${stage}`]);
    }
  });
});
