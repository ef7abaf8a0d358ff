import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChipDecision } from '@/lib/facts/accept';
import type { ProposalChip } from '@/lib/facts/proposals';
import { getDb } from '@/lib/db/instance';
import type { AlsoWrite } from '@/lib/db/activities';
import type { Activity, Contact, Locale } from '@/lib/schemas';
import { loadFunnel } from '../lazy';

import type * as FactsIoModule from '../facts-io';

type FactsIo = typeof FactsIoModule;
const loadFactsIo = () => import('../facts-io');

/** Proposals wait for a pause in typing: extraction is fast, re-rendering chips on every key is noise. */
export const PROPOSAL_DEBOUNCE_MS = 300;
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

interface FactProposalsInput {
  body: string;
  accountId: string | null;
  dealId: string | null;
  contacts: readonly Contact[];
  locale: Locale;
  repId: string | null;
  /** Tasks have no follow-up fields, so a next step is not proposed for them. */
  allowNextStep: boolean;
  /** False until the composer's first frame has painted: the extractor's chunk and the facts' reads wait for it. */
  ready?: boolean;
  /** Fills composer fields as if typed (a next step and its follow-up date). */
  onDraftFields: (fields: { nextStep: string; followUpOn?: string }) => void;
  onSavedFacts: (count: number) => void;
  onError: (error: unknown) => void;
}

interface SavedNote {
  activity: Activity;
  chips: ProposalChip[];
}

/**
 * The composer's proposals: chips for the note being typed (decisions saved with it), and
 * after a save, the ones the rep had not decided on, against the saved note (accepting one
 * writes it at once). Ephemeral UI state: the chips are recomputed from the note and records.
 */
export function useFactProposals(input: FactProposalsInput) {
  const { body, accountId, dealId, contacts, locale, repId, allowNextStep, ready = true, onDraftFields, onSavedFacts, onError } = input;
  const db = getDb();
  const [io, setIo] = useState<FactsIo | null>(null);
  useEffect(() => {
    if (ready) void loadFactsIo().then(setIo);
  }, [ready]);
  // What the playbook asks about, and the team's names the extractor should know.
  const playbookTerms = useLiveQuery(async () => {
    if (!io) return undefined;
    const playbook = await (await loadFunnel()).loadPlaybook(db);
    return { keys: io.playbookFactKeysOf(playbook), vocabulary: playbook.vocabulary };
  }, [io]);
  const existing = useLiveQuery(async () => {
    if (!ready) return undefined;
    const maps: Array<Record<string, unknown>> = [];
    const deal = dealId ? await db.deals.get(dealId) : undefined;
    if (deal) maps.push(deal.facts);
    const account = accountId ? await db.accounts.get(accountId) : undefined;
    if (account) maps.push(account.facts);
    return maps;
  }, [accountId, dealId, ready]);

  const [text, setText] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setText(body), PROPOSAL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [body]);
  const [decisions, setDecisions] = useState<Record<string, ChipDecision>>({});
  const [saved, setSaved] = useState<SavedNote | null>(null);
  const [savedDecisions, setSavedDecisions] = useState<Record<string, ChipDecision>>({});
  // Another account: its own proposals, none of the last one's decisions (reset while rendering).
  const [boundTo, setBoundTo] = useState(accountId);
  if (boundTo !== accountId) {
    setBoundTo(accountId);
    setDecisions({});
    setSaved(null);
  }

  const propose = useCallback(
    (note: string): ProposalChip[] => {
      if (!io || !playbookTerms || !existing || !accountId) return [];
      const chips = io.proposeFromNote({
        text: note,
        playbookFactKeys: playbookTerms.keys,
        vocabulary: playbookTerms.vocabulary,
        existing,
        contacts,
        locale,
        now: Date.now(),
        timeZone: TIME_ZONE,
      });
      return allowNextStep ? chips : chips.filter((chip) => chip.kind !== 'nextStep');
    },
    [io, playbookTerms, existing, contacts, locale, accountId, allowNextStep],
  );
  const draftChips = useMemo(() => propose(text), [propose, text]);

  const decideDraft = (chip: ProposalChip, decision: ChipDecision) => {
    setDecisions((current) => ({ ...current, [chip.id]: decision }));
    if (chip.kind === 'nextStep' && decision.status === 'accepted' && io) {
      onDraftFields(io.draftFieldsFor({ ...chip, step: decision.value?.trim() || chip.step, date: decision.date === undefined ? chip.date : decision.date }));
    }
  };

  const decideSaved = (chip: ProposalChip, decision: ChipDecision) => {
    if (!saved || !io || savedDecisions[chip.id]?.status === 'accepted') return;
    if (decision.status !== 'accepted') {
      setSavedDecisions((current) => ({ ...current, [chip.id]: decision }));
      return;
    }
    void io
      .writeAcceptedForSavedNote(db, saved.chips, { [chip.id]: decision }, saved.activity, { repId })
      .then((count) => {
        setSavedDecisions((current) => ({ ...current, [chip.id]: decision }));
        if (count) onSavedFacts(count);
      })
      .catch(onError);
  };

  /** At save: the note's final text read now (no debounce), and the writes for what was accepted. */
  const writesForSave = (finalBody: string): AlsoWrite | undefined => (io ? io.acceptedChipWrites(propose(finalBody), decisions, repId) : undefined);

  /** After a save: undecided facts and contacts stay offered against the saved note. */
  const afterSave = (activity: Activity, finalBody: string) => {
    const left = propose(finalBody).filter((chip) => chip.kind !== 'nextStep' && !decisions[chip.id]);
    setDecisions({});
    setSavedDecisions({});
    setSaved(left.length ? { activity, chips: left } : null);
  };

  const typing = body.trim() !== '';
  return typing || !saved
    ? { mode: 'draft' as const, chips: typing ? draftChips : [], decisions, decide: decideDraft, writesForSave, afterSave }
    : { mode: 'saved' as const, chips: saved.chips, decisions: savedDecisions, decide: decideSaved, writesForSave, afterSave };
}
