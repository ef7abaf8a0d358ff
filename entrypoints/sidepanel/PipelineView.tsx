import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { PipelineFunnel } from '@/components/funnel/PipelineFunnel';
import '@/components/funnel/funnel.css';
import { useMessages } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';
import { coreMessages } from '@/lib/i18n/messages/core';
import * as funnel from './funnel-io';
import { useUiStore } from './store';

/** Deals per stage as a funnel: counts, amounts, conversion, stale deals; the rep's own or the team's. */
export default function PipelineView({ repId, nowMs }: { repId: string | null; nowMs: number }) {
  const db = getDb();
  const t = useMessages(coreMessages);
  const pinAccount = useUiStore((state) => state.pinAccount);
  const [scope, setScope] = useState<'mine' | 'team'>(repId ? 'mine' : 'team');
  const ownerId = scope === 'mine' && repId ? repId : undefined;
  const loaded = useLiveQuery(async () => ({ input: await funnel.loadPipelineInput(db, { ownerId }), readAt: Date.now() }), [db, ownerId]);
  return (
    <section className="sn-card" data-testid="pipeline" aria-label={t.pipelineButton}>
      {repId && (
        <div className="sn-chip-row" role="group" aria-label={t.pipelineScope}>
          <button type="button" className="sn-chip" aria-pressed={scope === 'mine'} onClick={() => setScope('mine')}>
            {t.pipelineMine}
          </button>
          <button type="button" className="sn-chip" aria-pressed={scope === 'team'} onClick={() => setScope('team')}>
            {t.pipelineTeam}
          </button>
        </div>
      )}
      {loaded && <PipelineFunnel stats={funnel.computePipelineStats(loaded.input, Math.max(nowMs, loaded.readAt))} onOpenDeal={(deal) => pinAccount(deal.accountId)} />}
    </section>
  );
}
