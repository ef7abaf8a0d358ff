import { describe, expect, it } from 'vitest';
import { STAGES, playbookSchema, type Playbook } from '../schemas';
import defaultPlaybookData from './playbooks/default.json' with { type: 'json' };
import { DEFAULT_PLAYBOOK, resolvePlaybook } from './playbook';
import { testId } from './testing';

function teamPlaybook(fields: Partial<Playbook> = {}): Playbook {
  return {
    id: testId(900),
    createdAt: 1,
    updatedAt: 1,
    deletedAt: null,
    updatedBy: null,
    clock: {},
    name: 'Team playbook',
    stages: [
      {
        stage: 'proposal',
        goal: { en: 'Our proposal goal', 'zh-CN': '我们的方案目标' },
        exitCriteria: [],
        keyFacts: [],
        nextSteps: [],
        cadenceDays: 5,
      },
    ],
    ...fields,
  } as Playbook;
}

describe('the default playbook', () => {
  it('is a valid playbook record once given record bookkeeping', () => {
    const record = { id: testId(1), createdAt: 0, updatedAt: 0, updatedBy: null, clock: {}, ...defaultPlaybookData };
    const result = playbookSchema.safeParse(record);
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 2)).toBe(true);
  });

  it('describes every stage exactly once', () => {
    expect(DEFAULT_PLAYBOOK.stages.map((stage) => stage.stage).sort()).toEqual([...STAGES].sort());
  });

  it('holds the four lead validity criteria as the lead exit criteria', () => {
    const lead = DEFAULT_PLAYBOOK.stages.find((stage) => stage.stage === 'lead')!;
    expect(lead.exitCriteria.map((fact) => fact.key)).toEqual(['scenarioFit', 'profileFit', 'decisionMaker', 'intentBudget']);
    expect(lead.exitCriteria.find((fact) => fact.key === 'decisionMaker')!.satisfiedBy).toEqual({ kind: 'contactRole', role: 'decision_maker' });
  });

  it('lists ten handoff items at won, decision chain, core needs, pain points and competitors among them', () => {
    const won = DEFAULT_PLAYBOOK.stages.find((stage) => stage.stage === 'won')!;
    expect(won.keyFacts).toHaveLength(10);
    expect(won.keyFacts.map((fact) => fact.key)).toEqual(expect.arrayContaining(['decisionChain', 'coreNeeds', 'keyPains', 'competitorComparison']));
  });

  it('words every rule trigger with a step', () => {
    const triggers = DEFAULT_PLAYBOOK.stages.flatMap((stage) => stage.nextSteps.map((step) => step.when));
    for (const trigger of ['handoff', 'needsVerification', 'healthAtRisk', 'healthWatch', 'renewalWindow', 'upsell', 'churnRisk']) {
      expect(triggers).toContain(trigger);
    }
  });

  it('gives open stages a touch cadence and the proposal stage one every 7 days', () => {
    const cadence = Object.fromEntries(DEFAULT_PLAYBOOK.stages.map((stage) => [stage.stage, stage.cadenceDays]));
    expect(cadence.proposal).toBe(7);
    for (const stage of ['lead', 'qualified', 'negotiation', 'onboarding', 'adoption', 'renewal']) expect(cadence[stage]).toBeGreaterThan(0);
    expect(cadence.lost).toBeNull();
  });

  it('writes every text in both languages, the Chinese one in Chinese', () => {
    const texts: Array<{ en: string; 'zh-CN': string }> = [];
    for (const stage of DEFAULT_PLAYBOOK.stages) {
      texts.push(stage.goal);
      for (const fact of [...stage.exitCriteria, ...stage.keyFacts]) texts.push(fact.label, ...(fact.hint ? [fact.hint] : []), ...(fact.template ? [fact.template] : []));
      for (const step of stage.nextSteps) texts.push(step.label, step.why, ...(step.template ? [step.template] : []));
    }
    for (const text of texts) {
      expect(text['zh-CN'], text.en).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps template placeholders to the ones the builders fill', () => {
    const known = new Set(['account', 'deal', 'stage', 'renewalDate', 'score', 'band', 'lastTouch', 'checklist', 'promise', 'fact', 'csm']);
    for (const stage of DEFAULT_PLAYBOOK.stages) {
      for (const step of stage.nextSteps) {
        for (const text of step.template ? [step.template.en, step.template['zh-CN']] : []) {
          for (const [, name] of text.matchAll(/\{([a-zA-Z]+)\}/g)) expect(known, `${stage.stage}.${step.key}: {${name}}`).toContain(name);
        }
      }
    }
  });
});

describe('playbookSchema', () => {
  it.each([
    ['a stage described twice', { stages: [teamPlaybook().stages[0], teamPlaybook().stages[0]] }, 'described twice'],
    ['a step key used twice', {
      stages: [{ ...teamPlaybook().stages[0]!, nextSteps: [1, 2].map(() => ({ key: 'same', label: { en: 'a', 'zh-CN': '甲' }, why: { en: 'b', 'zh-CN': '乙' }, activityType: 'call', template: null, dueInDays: 1 })) }],
    }, 'used twice'],
  ])('refuses %s', (_name, fields, message) => {
    const result = playbookSchema.safeParse(teamPlaybook(fields as Partial<Playbook>));
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });
});

describe('resolvePlaybook', () => {
  it('uses the default when the team has none', () => {
    const resolved = resolvePlaybook([]);
    expect(resolved.playbookId).toBeNull();
    expect(resolved.stages.proposal.cadenceDays).toBe(7);
    expect(resolved.triggerSteps.handoff?.stage).toBe('won');
  });

  it('replaces the stages a team playbook describes and keeps the default for the rest', () => {
    const resolved = resolvePlaybook([teamPlaybook()]);
    expect(resolved.playbookId).toBe(testId(900));
    expect(resolved.stages.proposal.goal.en).toBe('Our proposal goal');
    expect(resolved.stages.proposal.cadenceDays).toBe(5);
    expect(resolved.stages.lead.exitCriteria).toHaveLength(4);
  });

  it('picks the most recently updated live team playbook, the same on every browser', () => {
    const older = teamPlaybook({ id: testId(901), updatedAt: 10, name: 'older' });
    const newer = teamPlaybook({ id: testId(902), updatedAt: 20, name: 'newer' });
    const deleted = teamPlaybook({ id: testId(903), updatedAt: 30, name: 'deleted', deletedAt: 30 });
    expect(resolvePlaybook([older, newer, deleted]).name).toBe('newer');
    expect(resolvePlaybook([deleted, newer, older]).name).toBe('newer');
  });

  it('skips a broken team playbook with a warning instead of failing', () => {
    const broken = { ...teamPlaybook(), stages: 'not a list' };
    const resolved = resolvePlaybook([broken]);
    expect(resolved.playbookId).toBeNull();
    expect(resolved.warnings[0]).toMatch(/skipped/);
  });

  it('falls back to the default wording for a rule the team playbook leaves out', () => {
    const team = teamPlaybook({ stages: [{ ...teamPlaybook().stages[0]!, stage: 'adoption' }] });
    const resolved = resolvePlaybook([team]);
    expect(resolved.stages.adoption.nextSteps).toHaveLength(0);
    expect(resolved.triggerSteps.healthAtRisk?.step.key).toBe('retentionPlay');
  });
});
