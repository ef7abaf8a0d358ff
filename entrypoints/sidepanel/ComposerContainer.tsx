import { forwardRef, useEffect, useMemo, useState } from 'react';
import { Composer } from '@/components/Composer';
import { useLiveQuery } from 'dexie-react-hooks';
import { useLocale, useMessages } from '@/components/i18n';
import { TemplatePicker } from '@/components/TemplatePicker';
import { insertIntoBody, snippetFromBody, templateGroups } from '@/lib/composer/templates';
import { snippetsItem } from '@/lib/settings/items';
import { useAfterPaint } from './hooks/use-after-paint';
import { useSetting } from './hooks/use-setting';
import { FactChips } from '@/components/facts/FactChips';
import { useFactProposals } from './hooks/use-fact-proposals';
import { factsMessages } from '@/lib/i18n/messages/facts';
import {
  draftHasContent,
  emptyDraft,
  restoreDraft,
  type ComposerDraft,
  type LoggableType,
} from '@/lib/composer/draft';
import { createDraftWriter, draftKey, loadDraft } from '@/lib/db/drafts';
import { getDb } from '@/lib/db/instance';
import { coreMessages } from '@/lib/i18n/messages/core';
import type { Contact, Deal, PageContext, Stage, Visibility } from '@/lib/schemas';
import { useRecordWrite } from './hooks/use-record-write';
import { loadFunnel } from './lazy';
import { useUiStore } from './store';

interface ComposerContainerProps {
  accountId: string | null;
  accountName: string | null;
  page: PageContext | null;
  contacts: readonly Contact[];
  deals: readonly Deal[];
  /** Contacts the page matched, preselected for a new draft. */
  defaultContactIds: readonly string[];
  /**
   * Links chosen in the participant picker (several people on the page): they replace the
   * composer's own contact and deal fields, which are hidden meanwhile.
   */
  links?: { contactIds: readonly string[]; dealId: string | null } | null;
  /** The account's stage, for the playbook's note templates; null when nothing is bound. */
  stage?: Stage | null;
  repId: string | null;
  defaultVisibility: Visibility;
  nowMs: number;
  /** Set by shortcuts and intents: switch to this type once. */
  requestedType: ComposerRequest | null;
}

/** A one-time request from a shortcut, menu or notification: a type, text to add, a number called. */
export interface ComposerRequest {
  type: LoggableType;
  prefill: string | null;
  phone: string | null;
  /** From a suggestion: its subject line, deal and key (saving retires the suggestion). */
  subject?: string;
  dealId?: string | null;
  suggestionKey?: string | null;
  seq: number;
}

/** Snippet ids only need to be unique in this browser's list. */
function newSnippetId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

let requestCounter = 0;
/** Requests from anywhere in the sidebar share one counter, so the newest always wins. */
export function nextComposerRequestSeq(): number {
  return ++requestCounter;
}

/** Logging a mail thread is offered when the page shows one with a stable id. */
function showsThread(page: PageContext | null): boolean {
  return Boolean(page?.webmail?.threadId);
}

/** Binds the composer to an account (or the page, when nothing matched) and its draft. */
export const ComposerContainer = forwardRef<HTMLTextAreaElement, ComposerContainerProps>(function ComposerContainer(props, bodyRef) {
  const { accountId, accountName, page, contacts, deals, defaultContactIds, links, stage = null, repId, defaultVisibility, nowMs, requestedType } = props;
  const locale = useLocale();
  const snippets = useSetting(snippetsItem, (schemas) => schemas.snippetsSchema, []);
  // What the first frame does not show (the stage's templates, the facts the note could propose)
  // is read after it: a pick renders the card at once, and its effects run before that paint.
  const painted = useAfterPaint();
  const playbookStage = useLiveQuery(async () => (stage && painted ? (await (await loadFunnel()).loadPlaybook(getDb())).stages[stage] : null), [stage, painted]);
  const groups = templateGroups(playbookStage ?? null, snippets, locale);
  const db = getDb();
  const t = useMessages(coreMessages);
  const pushToast = useUiStore((state) => state.pushToast);
  const key = draftKey({ accountId, url: page?.url ?? null });
  const writer = useMemo(() => createDraftWriter(db, key, { onError: (error) => console.error('Draft not stored', error) }), [db, key]);
  const [draft, setDraft] = useState<ComposerDraft>(() => emptyDraft('note', defaultVisibility));
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const factText = useMessages(factsMessages);
  // Proposals read from the note (lib/facts); accepted ones are written with it on save.
  const facts = useFactProposals({
    body: draft.body,
    accountId,
    dealId: links ? links.dealId : draft.dealId,
    contacts,
    locale,
    repId,
    allowNextStep: draft.type !== 'task',
    ready: painted,
    onDraftFields: (fields) => change({ ...draft, ...fields }),
    // The outbox listener asks for the sync.
    onSavedFacts: (count) => pushToast({ message: factText.factsSaved(count), tone: 'info', action: null }),
    onError: (cause) => pushToast({ message: factText.factSaveFailed(cause instanceof Error ? cause.message : String(cause)), tone: 'error', action: null }),
  });
  const [focusRequest, setFocusRequest] = useState<number | null>(null);
  const record = useRecordWrite();

  useEffect(() => {
    let live = true;
    setLoadedKey(null);
    void loadDraft(db, key).then((stored) => {
      if (!live) return;
      const fresh = { ...emptyDraft('note', defaultVisibility), contactIds: [...defaultContactIds] };
      setDraft(restoreDraft(stored, fresh));
      setError(null);
      setLoadedKey(key);
    });
    return () => {
      live = false;
    };
    // Only a new binding reloads the draft; later default changes must not clobber typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key]);

  useEffect(() => {
    if (!requestedType || loadedKey !== key) return;
    setDraft((current) => {
      const next = {
        ...current,
        type: requestedType.type,
        body: requestedType.prefill ? `${current.body}${current.body ? '\n\n' : ''}${requestedType.prefill}` : current.body,
        phone: requestedType.phone ?? current.phone,
        subject: requestedType.subject ?? current.subject,
        dealId: requestedType.dealId !== undefined ? requestedType.dealId : current.dealId,
        suggestionKey: requestedType.suggestionKey !== undefined ? requestedType.suggestionKey : current.suggestionKey,
      };
      writer.write(draftHasContent(next) ? { ...next } : {});
      return next;
    });
    setFocusRequest(requestedType.seq);
    // Runs once per request (seq), after the draft for this binding is loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestedType?.seq, loadedKey]);

  const change = (next: ComposerDraft) => {
    setDraft(next);
    setError(null);
    writer.write(draftHasContent(next) ? { ...next } : {});
  };

  const save = async (captureThread: boolean) => {
    if (!accountId) return;
    setSaving(true);
    // A draft write still queued must land before the saved draft is removed, not after.
    await writer.flush();
    const saved = await record((writes, db) => writes.saveCapture(db, { draft, accountId, page, captureThread, links: links ?? null, draftKey: key, repId, alsoWrite: facts.writesForSave(draft.body) }), {
      done: (result) => (!result.ok ? null : captureThread ? (result.updatedExisting ? t.threadUpdated : t.threadLogged) : t.saved(t[`type_${result.activity.type}`])),
      reminders: (result) => result.ok && result.remindersChanged,
      onError: (message) => setError(t.saveFailed(message)),
    });
    setSaving(false);
    if (!saved.ok) return;
    if (!saved.value.ok) {
      setError({ empty: t.placeholder_note, duration: t.durationInvalid, due: t.dueOn }[saved.value.problem]);
      return;
    }
    facts.afterSave(saved.value.activity, draft.body);
    setError(null);
    setDraft({ ...emptyDraft(draft.type, draft.visibility), contactIds: [...defaultContactIds] });
  };

  const canSave = Boolean(accountId) && loadedKey === key && (draftHasContent(draft) || draft.type === 'call');
  return (
    <Composer
      ref={bodyRef}
      draft={draft}
      onChange={change}
      onSave={() => void save(false)}
      accountName={accountName}
      canSave={canSave}
      saving={saving}
      error={error}
      draftKept={draftHasContent(draft)}
      // The note's contact checkboxes and deal choice (30 labelled checkboxes on a big account, most
      // of the composer's elements) follow the first frame, as the card's contacts and deals do.
      contacts={links || !painted ? [] : contacts}
      deals={links || !painted ? [] : deals}
      nowMs={nowMs}
      onCaptureThread={showsThread(page) ? () => void save(true) : null}
      belowBody={<FactChips chips={facts.chips} decisions={facts.decisions} onDecide={facts.decide} mode={facts.mode} onDone={() => typeof bodyRef === 'object' && bodyRef?.current?.focus()} />}
      focusRequest={focusRequest}
      extra={
        <TemplatePicker
          groups={groups}
          stageName={stage ? t[`stage_${stage}`] : ''}
          onInsert={(text) => change({ ...draft, body: insertIntoBody(draft.body, text) })}
          onSaveSnippet={
            draft.body.trim()
              ? () => {
                  const snippet = snippetFromBody(draft.body, newSnippetId());
                  if (!snippet) return;
                  void snippetsItem.setValue([...snippets.filter((existing) => existing.text !== snippet.text), snippet]).then(() =>
                    pushToast({ message: t.snippetSaved(snippet.title), tone: 'info', action: null }),
                  );
                }
              : null
          }
        />
      }
    />
  );
});
