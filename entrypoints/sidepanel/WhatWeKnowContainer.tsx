import { useLiveQuery } from 'dexie-react-hooks';
import { WhatWeKnow } from '@/components/facts/WhatWeKnow';
import { useMessages } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';
import { checkStageFacts, type FactCheck } from '@/lib/funnel/facts';
import { newFact, type Account, type Activity, type Contact, type Deal, type Fact } from '@/lib/schemas';
import { coreMessages } from '@/lib/i18n/messages/core';
import { factsMessages } from '@/lib/i18n/messages/facts';
import * as factsIo from './facts-io';
import { loadFunnel } from './lazy';
import { useUiStore } from './store';
import { useRecordWrite } from './hooks/use-record-write';

interface WhatWeKnowContainerProps {
  account: Account;
  deals: readonly Deal[];
  contacts: readonly Contact[];
  /**
   * The account's activities, from the card's guidance read (logged activities show some
   * facts: a demo meeting is "demo held"); undefined until it arrives, and nothing is shown
   * until then, so a fact the history shows never flashes as missing.
   */
  activities: readonly Activity[] | undefined;
  repId: string | null;
}

/** The account's "What we know" for its stage; marks and edits go through the write path. */
export default function WhatWeKnowContainer({ account, deals, contacts, activities, repId }: WhatWeKnowContainerProps) {
  const db = getDb();
  const t = useMessages(coreMessages);
  const m = useMessages(factsMessages);
  const pushToast = useUiStore((state) => state.pushToast);
  const record = useRecordWrite();
  const playbook = useLiveQuery(async () => (await loadFunnel()).loadPlaybook(db), [db]);
  const stage = playbook?.stages[account.stage];
  if (!stage || !activities) return null;
  const checks = checkStageFacts(stage, { account, deal: null, deals, contacts, activities });

  // The outbox listener asks for the sync; a refusal is said in the UI's language.
  const write = (check: FactCheck, fact: Fact | null) =>
    void record(() => factsIo.writeFacts(db, check.recordedIn ?? { entity: 'account', id: account.id }, { [check.fact.key]: fact }, { repId }), {
      onError: (message) => pushToast({ message: m.factSaveFailed(message), tone: 'error', action: null }),
    });
  const now = () => Date.now();
  // What is recorded for the fact (not what the records show): kept when the state changes.
  const recorded = (check: FactCheck) => (check.recordedIn ? { value: check.value ?? '', evidence: check.source?.kind === 'note' ? { activityId: check.source.activityId, quote: check.source.quote } : null } : null);

  const toggleKnown = (check: FactCheck, known: boolean) => {
    const current = recorded(check);
    if (known) write(check, newFact({ value: current?.value ?? '', state: 'known', by: repId, at: now(), evidence: current?.evidence }));
    // Unmarked: what was written stays as a note to confirm; with nothing written, the fact is cleared.
    else write(check, current?.value ? newFact({ value: current.value, state: 'unconfirmed', by: repId, at: now(), evidence: current.evidence }) : null);
  };
  const edit = (check: FactCheck, value: string) => write(check, value.trim() ? factsIo.factByHand(value, { repId, now: now() }) : null);

  return <WhatWeKnow stageName={t[`stage_${account.stage}`]} exitCriteria={checks.exitCriteria} keyFacts={checks.keyFacts} onToggleKnown={toggleKnown} onEdit={edit} />;
}
