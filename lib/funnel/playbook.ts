import {
  STAGES,
  playbookFieldsSchema,
  playbookSchema,
  stepTriggerSchema,
  type Playbook,
  type PlaybookStage,
  type PlaybookStep,
  type PlaybookVocabulary,
  type Stage,
  type StepTrigger,
  type TierBands,
} from '../schemas';
import defaultPlaybookData from './playbooks/default.json' with { type: 'json' };

/** The shipped playbook (zh-CN and English), validated when the module loads: bad data fails fast. */
export const DEFAULT_PLAYBOOK = playbookFieldsSchema.parse(defaultPlaybookData);

export interface TriggerStep {
  stage: Stage;
  step: PlaybookStep;
}

export interface ResolvedPlaybook {
  name: string;
  /** The team playbook in use, or null for the shipped default. */
  playbookId: string | null;
  stages: Record<Stage, PlaybookStage>;
  /** The step that words each rule (handoff, retention play...); null when no playbook has one. */
  triggerSteps: Record<StepTrigger, TriggerStep | null>;
  /** Names the fact extractor knows: the team playbook's lists when it has them, else the default's. */
  vocabulary: PlaybookVocabulary;
  /** Team playbooks that were skipped, and why: shown to whoever maintains them. */
  warnings: string[];
  /** The tier bands in force: the team's, else the default's. */
  tierBands: TierBands;
}

function emptyStage(stage: Stage): PlaybookStage {
  return { stage, goal: { en: stage, 'zh-CN': stage }, exitCriteria: [], keyFacts: [], nextSteps: [], cadenceDays: null };
}

function stagesByName(stages: readonly PlaybookStage[]): Partial<Record<Stage, PlaybookStage>> {
  const byName: Partial<Record<Stage, PlaybookStage>> = {};
  for (const stage of stages) byName[stage.stage] = stage;
  return byName;
}

function findTriggerStep(stages: readonly PlaybookStage[], trigger: StepTrigger): TriggerStep | null {
  for (const stage of stages) {
    const step = stage.nextSteps.find((candidate) => candidate.when === trigger);
    if (step) return { stage: stage.stage, step };
  }
  return null;
}

/**
 * The playbook the rules use. A team's own playbook (a synced `playbook` record) replaces the
 * default stage by stage: a stage the team describes is used as written, a stage it leaves out
 * keeps the default, so a team can start by rewriting only the stages it cares about. When
 * several team playbooks exist, the most recently updated live one wins (ties: the larger id),
 * the same choice on every browser. Rule wording (handoff, retention play...) falls back to the
 * default's step when the team's stages have none, because the rule fires either way.
 */
export function resolvePlaybook(teamPlaybooks: readonly unknown[] = []): ResolvedPlaybook {
  const warnings: string[] = [];
  const candidates: Playbook[] = [];
  for (const raw of teamPlaybooks) {
    const parsed = playbookSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : 'unknown';
      warnings.push(`Playbook ${id} was skipped: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      continue;
    }
    if (parsed.data.deletedAt === null) candidates.push(parsed.data);
  }
  candidates.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const team = candidates[0] ?? null;

  const defaults = stagesByName(DEFAULT_PLAYBOOK.stages);
  const overrides = team ? stagesByName(team.stages) : {};
  const stages = {} as Record<Stage, PlaybookStage>;
  for (const stage of STAGES) stages[stage] = overrides[stage] ?? defaults[stage] ?? emptyStage(stage);

  const ordered = STAGES.map((stage) => stages[stage]);
  const triggerSteps = {} as Record<StepTrigger, TriggerStep | null>;
  for (const trigger of stepTriggerSchema.options) {
    triggerSteps[trigger] = trigger === 'inStage' ? null : (findTriggerStep(ordered, trigger) ?? findTriggerStep(DEFAULT_PLAYBOOK.stages, trigger));
  }
  // A team's lists replace the default's whole: a competitor the team dropped is not kept.
  const vocabulary = team?.vocabulary ?? DEFAULT_PLAYBOOK.vocabulary ?? { competitors: [], products: [] };
  const tierBands = team?.tierBands ?? DEFAULT_PLAYBOOK.tierBands;
  if (!tierBands) throw new Error('The default playbook must set tierBands.');
  return { name: team?.name ?? DEFAULT_PLAYBOOK.name, playbookId: team?.id ?? null, stages, triggerSteps, vocabulary, warnings, tierBands };
}

let defaultResolved: ResolvedPlaybook | null = null;

/** The default playbook, resolved once. */
export function defaultPlaybook(): ResolvedPlaybook {
  defaultResolved ??= resolvePlaybook([]);
  return defaultResolved;
}
