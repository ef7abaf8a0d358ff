import { useEffect, useState } from 'react';
import { HandoffPanel } from '@/components/funnel/HandoffPanel';
import { HealthGauge } from '@/components/funnel/HealthGauge';
import { HealthInputsForm } from '@/components/funnel/HealthInputsForm';
import { StagePath } from '@/components/funnel/StagePath';
import { StagePicker } from '@/components/funnel/StagePicker';
import { SuccessCases } from '@/components/funnel/SuccessCases';
import { SuggestionList } from '@/components/funnel/SuggestionList';
import '@/components/funnel/funnel.css';
import { useLocale, useMessages } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';
import { explainStageMoveWarning } from '@/lib/funnel/explain';
import type { StageMoveWarning } from '@/lib/funnel/stage-change';
import { calendarDateOf } from '@/lib/funnel/time';
import type { Suggestion } from '@/lib/funnel/suggestion-types';
import { funnelMessages } from '@/lib/i18n/messages/funnel';
import type { Account, Deal, Stage } from '@/lib/schemas';
import type { Identity } from '@/lib/settings/items';
import * as funnel from './funnel-io';
import type { GuidanceRead } from './hooks/use-next-steps';
import { useRecordWrite } from './hooks/use-record-write';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const POST_SALE: readonly Stage[] = ['onboarding', 'adoption', 'renewal', 'churned'];

type Pool = Awaited<ReturnType<typeof funnel.loadSuccessCasePool>>;

/**
 * Success cases are read once per account, industry and tier, after the card is on screen:
 * other teams' wins change rarely, and a live query would re-read them on every save.
 */
function useSuccessCasePool(account: Account, start: boolean): Pool | null {
  const [loaded, setLoaded] = useState<{ key: string; pool: Pool } | null>(null);
  const key = `${account.id}|${account.industry ?? ''}|${account.sizeTier ?? ''}`;
  useEffect(() => {
    if (!start) return;
    const closed = new AbortController();
    const timer = setTimeout(() => {
      funnel.loadSuccessCasePool(getDb(), account, closed.signal).then(
        (pool) => {
          if (!closed.signal.aborted) setLoaded({ key, pool });
        },
        (error: unknown) => {
          if (!closed.signal.aborted) throw error;
        },
      );
    }, 250);
    return () => {
      closed.abort();
      clearTimeout(timer);
    };
    // The key names everything the read depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, start]);
  return loaded?.key === key ? loaded.pool : null;
}

type Medians = Awaited<ReturnType<typeof funnel.loadStageMedians>>;

/** The team's median days per stage, read once when the card opens (medians move slowly). */
function useStageMedians(start: boolean): Medians | undefined {
  const [medians, setMedians] = useState<Medians>();
  useEffect(() => {
    if (!start) return;
    let live = true;
    const timer = setTimeout(() => {
      void funnel.loadStageMedians(getDb()).then((loaded) => {
        if (live) setMedians(loaded);
      });
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [start]);
  return medians;
}

export interface NoteRequest {
  type: ReturnType<typeof funnel.noteFromSuggestion>['type'];
  subject: string;
  body: string;
  dealId: string | null;
  suggestionKey: string;
}

interface FunnelGuidanceProps {
  account: Account;
  /** The card's one read of the account's records for guidance; undefined until it arrives. */
  read: GuidanceRead | undefined;
  deals: readonly Deal[];
  identity: Identity | null;
  nowMs: number;
  onWriteNote: (request: NoteRequest) => void;
}

/**
 * Where the account is on its path and what to do next: stage path and picker, health,
 * ranked suggestions (each says why), and won cases like this one. Recomputed from the
 * records and the clock, offline.
 */
export default function FunnelGuidance({ account, read, deals, identity, nowMs, onWriteNote }: FunnelGuidanceProps) {
  const db = getDb();
  const locale = useLocale();
  const record = useRecordWrite();
  const f = useMessages(funnelMessages);
  const repId = identity?.repId ?? null;
  const subject = { type: 'account' as const, id: account.id };

  // The peers' wins and the team's medians are read after the account's own records, so
  // the three reads do not compete with each other and with the card's first frame.
  const pool = useSuccessCasePool(account, read !== undefined);
  const stageMedians = useStageMedians(read !== undefined);
  const input = read?.input ?? null;
  // The stage path from the same read: the account's own stage changes, oldest first.
  const stageChanges = input ? funnel.stageChangesOf(input.activities, subject) : undefined;
  // The rules depend on the clock as much as on records: recompute as time passes. The read
  // notes when it ran, so a stage moved a moment ago does not look like the future.
  const now = Math.max(nowMs, read?.readAt ?? 0);
  const reps = identity?.reps ?? [];
  const result = input ? funnel.computeSuggestions({ ...input, timeZone: TIME_ZONE, reps, viewerId: repId, stageMedians }, now) : null;
  const openDeal = deals.find((deal) => deal.stage !== 'won' && deal.stage !== 'lost');
  const caseStage: Stage = openDeal?.stage ?? account.stage;
  const cases = pool ? funnel.findSuccessCases({ account, stage: caseStage, excludeDealId: openDeal?.id ?? null, pool }, now) : [];
  const repNames = Object.fromEntries(reps.map((rep) => [rep.id, rep.name]));
  const ctx = () => ({ repId, now: Date.now() });
  const [moveWarnings, setMoveWarnings] = useState<readonly StageMoveWarning[]>([]);
  const move = (target: Suggestion['subject'], stage: Stage, lostReason?: string | null) => {
    const previous = target.type === 'account' ? account.stage : deals.find((deal) => deal.id === target.id)?.stage;
    void record(
      async () => {
        const plan = await funnel.moveToStage(db, target, stage, { ...ctx(), lostReason });
        setMoveWarnings(plan.warnings);
        return plan;
      },
      {
        done: f.stagePickerMoved(f.stageName(stage)),
        undo: previous ? () => funnel.moveToStage(db, target, previous, { ...ctx(), lostReason: null }) : null,
      },
    );
  };

  const act = (work: () => Promise<unknown>, reminders = false) => void record(work, { reminders });

  const onWriteNoteFor = (suggestion: Suggestion) => {
    const note = funnel.noteFromSuggestion(suggestion, { accountId: account.id, locale, timeZone: TIME_ZONE });
    onWriteNote({ type: note.type, subject: note.subject, body: note.body, dealId: note.dealId, suggestionKey: note.suggestionKey });
  };

  return (
    <section className="sn-card sn-guidance" aria-label={account.name} data-testid="funnel-guidance">
      <StagePath
        path={funnel.stagePathOf(stageChanges ?? [], account.id, account.createdAt, account.stage)}
        currentStage={account.stage}
        now={now}
        timeZone={TIME_ZONE}
        repNames={repNames}
      />
      <StagePicker key={account.stage} subjectType="account" current={account.stage} onMove={(stage, { lostReason }) => move(subject, stage, lostReason)} />
      <MoveWarnings warnings={moveWarnings} />
      {(POST_SALE.includes(account.stage) || account.health) && (
        <>
          <HealthGauge health={account.health} history={account.healthHistory} />
          <HealthInputsForm
            key={account.health?.measuredOn ?? 'none'}
            current={account.health}
            today={calendarDateOf(now, TIME_ZONE)}
            onSave={(inputs) => act(() => funnel.recordHealth(db, account.id, inputs, ctx()))}
          />
        </>
      )}
      {result && (
        <HandoffPanel
          handoffs={result.handoffs}
          reps={reps}
          csmId={account.csmId ?? null}
          onPickCsm={(csmId) => act(() => funnel.assignCsm(db, account.id, csmId, ctx()))}
        />
      )}
      {result && (
        <SuggestionList
          suggestions={result.visible}
          hiddenCount={result.hidden.length}
          timeZone={TIME_ZONE}
          onCreateTask={(suggestion) =>
            act(() => funnel.createTaskFromSuggestion(db, suggestion, { accountId: account.id, locale, timeZone: TIME_ZONE }, ctx()), true)
          }
          onWriteNote={onWriteNoteFor}
          onDismiss={(suggestion) => act(() => funnel.decideSuggestion(db, suggestion, { status: 'dismissed' }, ctx()))}
          onSnooze={(suggestion, option) =>
            act(() => funnel.decideSuggestion(db, suggestion, { status: 'snoozed', until: funnel.snoozeUntil(option, Date.now(), TIME_ZONE) }, ctx()))
          }
          onCompleteTask={(suggestion) => suggestion.action.taskId && act(() => funnel.completeTask(db, suggestion.action.taskId!, ctx()), true)}
          onMoveStage={(suggestion, stage) => move(suggestion.subject, stage)}
        />
      )}
      {pool && account.industry && (
        <SuccessCases cases={cases} stage={caseStage} timeZone={TIME_ZONE} industry={account.industry} closestIndustry={pool.closestIndustry ?? null} />
      )}
    </section>
  );
}

/** What a move left unmet (a decision chain without a decision maker): said, never blocking. */
function MoveWarnings({ warnings }: { warnings: readonly StageMoveWarning[] }) {
  const locale = useLocale();
  return (
    <div role="status" className="sn-move-warnings" data-testid="stage-move-warnings">
      {warnings.map((warning) => (
        <p key={warning.factKey} className="sn-move-warning">
          {explainStageMoveWarning(warning, locale)}
        </p>
      ))}
    </div>
  );
}

/** The stage picker under each deal in the deal list. */
export function DealStagePicker({ deal, repId }: { deal: Deal; repId: string | null }) {
  const db = getDb();
  const record = useRecordWrite();
  const f = useMessages(funnelMessages);
  const subject = { type: 'deal' as const, id: deal.id };
  const [warnings, setWarnings] = useState<readonly StageMoveWarning[]>([]);
  return (
    <>
      <StagePicker
        key={deal.stage}
        subjectType="deal"
        current={deal.stage}
        onMove={(stage, { lostReason }) => {
          const previous = deal.stage;
          void record(
            async () => {
              const plan = await funnel.moveToStage(db, subject, stage, { repId, now: Date.now(), lostReason });
              setWarnings(plan.warnings);
              return plan;
            },
            {
              done: f.stagePickerMoved(f.stageName(stage)),
              undo: () => funnel.moveToStage(db, subject, previous, { repId, now: Date.now(), lostReason: null }),
            },
          );
        }}
      />
      <MoveWarnings warnings={warnings} />
    </>
  );
}
