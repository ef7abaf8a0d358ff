import { liveQuery } from 'dexie';
import { forwardRef, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { AccountForm, type AccountFormValues } from '@/components/AccountForm';
import { AccountHeader } from '@/components/AccountHeader';
import { CardSection } from '@/components/CardSection';
import { ContactForm, ContactList, type ContactFormValues } from '@/components/ContactList';
import { DealForm, DealList, type DealFormValues } from '@/components/DealList';
import { useMessages } from '@/components/i18n';
import { JumpBar } from '@/components/JumpBar';
import { Timeline } from '@/components/Timeline';
import { getDb } from '@/lib/db/instance';
import { cardReadKey, cardTimelineQuery, loadCardData, takeStartedCardRead, type CardData } from '@/lib/db/card';
import type { SidenoteDb } from '@/lib/db/database';
import type { TimelineQuery } from '@/lib/db/queries';
import { coreMessages } from '@/lib/i18n/messages/core';
import type { Activity, Contact, EntityName, PageContext, Visibility } from '@/lib/schemas';
import { DEFAULT_CURRENCY } from '@/lib/schemas/enums';
import type { Identity } from '@/lib/settings/items';
import { ComposerContainer, nextComposerRequestSeq, type ComposerRequest } from './ComposerContainer';
import { useAfterPaint } from './hooks/use-after-paint';
import { useGuidanceRead, useNextSteps } from './hooks/use-next-steps';
import { useRecordWrite, type Writes } from './hooks/use-record-write';
import { useUiStore, type CardSection as Section } from './store';

interface AccountViewProps {
  accountId: string;
  page: PageContext | null;
  matchedContactIds: readonly string[];
  addContactOffer: { email: string; name: string | null } | null;
  identity: Identity | null;
  defaultVisibility: Visibility;
  nowMs: number;
  requestedType: ComposerRequest | null;
  /** The participant picker's links for this capture, when the page shows several people. */
  links: { contactIds: readonly string[]; dealId: string | null } | null;
  /** The participant picker, folded to one line: it sits between the header and the composer. */
  picker?: ReactNode;
  /** A contact created here (from the page's offer, say), so the picker can tick it. */
  onContactCreated?: (contact: Contact) => void;
}

// Funnel guidance carries the playbook and rules: loaded after the card is on screen.
const FunnelGuidance = lazy(() => import('./FunnelGuidance'));
// "What we know" for the stage (components/facts), with the playbook: loaded like the guidance.
const WhatWeKnowContainer = lazy(() => import('./WhatWeKnowContainer'));
const DealStagePicker = lazy(() => import('./FunnelGuidance').then((module) => ({ default: module.DealStagePicker })));

interface CardRead {
  key: string;
  data?: CardData;
  error?: unknown;
}

/**
 * The card's data. The first screen comes from one read (started where the account was
 * picked, when it was); once that screen has painted (`live`), a live query of the same read
 * takes over and follows writes from this page, sync and other pages. Until it answers, the
 * last answer stays up, so a timeline filter or page change does not blank the card.
 */
function useCardData(db: SidenoteDb, accountId: string, timeline: TimelineQuery, live: boolean): CardData | undefined {
  const key = cardReadKey(db, accountId, timeline);
  // Started while rendering, not in an effect: an effect on mount runs after the panel has painted.
  const [first] = useState(() => {
    const started = takeStartedCardRead(db, accountId, timeline);
    return { key, data: started?.data ?? loadCardData(db, accountId, timeline), value: started?.value };
  });
  const [read, setRead] = useState<CardRead>(() => (first.value ? { key, data: first.value } : { key: '' }));
  useEffect(() => {
    if (live) {
      const subscription = liveQuery(() => loadCardData(db, accountId, timeline)).subscribe({
        next: (data) => setRead({ key, data }),
        error: (error: unknown) => setRead({ key, error }),
      });
      return () => subscription.unsubscribe();
    }
    if (first.value && first.key === key) return;
    let current = true;
    const data = first.key === key ? first.data : loadCardData(db, accountId, timeline);
    data.then(
      (value) => current && setRead({ key, data: value }),
      (error: unknown) => current && setRead({ key, error }),
    );
    return () => {
      current = false;
    };
    // `key` stands for db, accountId and timeline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, live, first]);
  if (read.error !== undefined) throw read.error;
  return read.data;
}

/**
 * The account card. The first screen answers who this is and what to write (header with the
 * top next steps, the picker's one line, the composer); contacts, deals, guidance and the
 * timeline follow as sections one key away, rendered once the first screen has painted.
 */
export const AccountView = forwardRef<HTMLTextAreaElement, AccountViewProps>(function AccountView(props, composerRef) {
  const { accountId, page, matchedContactIds, addContactOffer, identity, defaultVisibility, nowMs, requestedType, links, picker, onContactCreated } = props;
  const db = getDb();
  const t = useMessages(coreMessages);
  const repId = identity?.repId ?? null;
  const ctx = { repId };
  const { panel, openPanel, timelineFilter, setTimelineFilter, timelineLimit, showMoreTimeline, pinAccount, jump, jumpTo } = useUiStore();
  const record = useRecordWrite();
  const [formError, setFormError] = useState<string | null>(null);
  const [noteRequest, setNoteRequest] = useState<ComposerRequest | null>(null);
  const composerRequest = noteRequest && (!requestedType || noteRequest.seq > requestedType.seq) ? noteRequest : requestedType;
  // The card shows once its four reads are in, in one frame, as the floor it is measured
  // against does: shown as each read arrived, it took a frame (and a layout) per read.
  const [shown, setShown] = useState(false);
  const painted = useAfterPaint(shown);
  const card = useCardData(db, accountId, cardTimelineQuery(timelineFilter, timelineLimit, repId), painted);
  if (card !== undefined && !shown) setShown(true);
  const account = card?.account;
  const contacts = card?.contacts ?? [];
  const deals = card?.deals ?? [];
  const timeline = card?.timeline ?? [];
  // A jump asks for a section before it has rendered: render them all at once then. (A jump
  // made on another card before this one opened does not count.)
  const [jumpAtMount] = useState(() => jump?.seq ?? null);
  const ready = painted || (jump !== null && jump.seq !== jumpAtMount);
  const jumpSeq = (section: Section) => (jump?.section === section ? jump.seq : null);
  // The guidance (its rules' chunk, its reads, its rendering) follows the card's first frame
  // and fills the header's next steps, the guidance section and "What we know" as it arrives.
  const guidanceRead = useGuidanceRead(accountId, useAfterPaint(ready));
  const nextSteps = useNextSteps(guidanceRead, nowMs);

  if (account === undefined) return null;

  const repName = (id: string | null) => {
    if (!id) return null;
    if (id === repId) return t.ownerYou;
    return identity?.reps.find((rep) => rep.id === id)?.name ?? null;
  };

  const withUndo = (entity: EntityName, id: string, what: string) =>
    void record((writes, db) => writes.deleteRecord(db, entity, id, ctx), {
      done: t.deleted(what),
      undo: async (writes, db) => {
        await writes.restoreRecord(db, entity, id, ctx);
        if (entity === 'account') pinAccount(id);
      },
    });

  /** A form's save: the refusal is said in the form, success closes it. */
  const submitForm = async <T,>(work: (writes: Writes) => Promise<T>): Promise<T | null> => {
    const result = await record((writes) => work(writes), { onError: setFormError });
    if (!result.ok) return null;
    setFormError(null);
    openPanel({ kind: 'none' });
    return result.value;
  };

  const saveAccount = (values: AccountFormValues) =>
    submitForm((writes) =>
      writes.updateAccount(
        db,
        accountId,
        {
          name: values.name,
          domains: values.domains.split(/[,，\s]+/).filter(Boolean),
          industry: values.industry.trim() || null,
          sizeTier: values.sizeTier || null,
          stage: values.stage,
          renewalDate: values.renewalDate || null,
          ownerId: values.ownerId || null,
        },
        ctx,
      ),
    );

  const saveContact = async (values: ContactFormValues, contactId: string | null) => {
    const fields = {
      name: values.name,
      email: values.email.trim() || null,
      phone: values.phone.trim() || null,
      title: values.title.trim() || null,
      role: values.role || null,
    };
    const saved = await submitForm((writes) => (contactId ? writes.updateContact(db, contactId, fields, ctx) : writes.createContact(db, { accountId, ...fields }, ctx)));
    if (saved && !contactId) onContactCreated?.(saved);
  };

  const saveDeal = (values: DealFormValues, dealId: string | null) => {
    const amountText = values.amount.replace(/[,\s，]/g, '');
    const amount = amountText ? Number(amountText) : null;
    if (amount !== null && !Number.isFinite(amount)) {
      setFormError(t.amountInvalid(values.amount));
      return;
    }
    const fields = { name: values.name, amount, currency: values.currency || DEFAULT_CURRENCY, expectedCloseDate: values.expectedCloseDate || null };
    void submitForm((writes) => (dealId ? writes.updateDeal(db, dealId, fields, ctx) : writes.createDealInStage(db, { accountId, stage: values.stage, ...fields }, ctx)));
  };

  const editingContact = panel.kind === 'contact-form' && panel.contactId ? contacts.find((c) => c.id === panel.contactId) : undefined;
  const editingDeal = panel.kind === 'deal-form' && panel.dealId ? deals.find((d) => d.id === panel.dealId) : undefined;
  const canEdit = (activity: Activity) => activity.authorId === null || activity.authorId === repId;
  const contactFormOpen = panel.kind === 'contact-form';
  // A person from the page is added above the composer, where the offer was; an edit from the list stays in the list.
  const contactForm = panel.kind === 'contact-form' && (
    <ContactForm
      key={panel.contactId ?? 'new'}
      mode={panel.contactId ? 'edit' : 'create'}
      error={formError}
      initial={{
        name: editingContact?.name ?? panel.prefill?.name ?? '',
        email: editingContact?.email ?? panel.prefill?.email ?? '',
        phone: editingContact?.phone ?? '',
        title: editingContact?.title ?? '',
        role: editingContact?.role ?? '',
      }}
      onSubmit={(values) => void saveContact(values, panel.contactId)}
      onCancel={() => openPanel({ kind: 'none' })}
    />
  );

  return (
    <>
      {panel.kind === 'account-form' && panel.accountId === accountId ? (
        <AccountForm
          mode="edit"
          error={formError}
          initial={{
            name: account.name,
            domains: account.domains.join(', '),
            industry: account.industry ?? '',
            sizeTier: account.sizeTier ?? '',
            stage: account.stage,
            renewalDate: account.renewalDate ?? '',
            ownerId: account.ownerId ?? '',
          }}
          owners={identity?.reps ?? []}
          onSubmit={(values) => void saveAccount(values)}
          onCancel={() => openPanel({ kind: 'none' })}
        />
      ) : (
        <AccountHeader
          account={account}
          ownerName={repName(account.ownerId)}
          nextSteps={nextSteps}
          onOpenNextStep={() => jumpTo('guidance')}
          onEdit={() => openPanel({ kind: 'account-form', accountId })}
          onDelete={() => withUndo('account', accountId, account.name)}
        />
      )}
      {picker}
      {panel.kind === 'contact-form' && panel.prefill && contactForm}
      <ComposerContainer
        ref={composerRef}
        accountId={accountId}
        accountName={account.name}
        page={page}
        contacts={contacts}
        deals={deals.filter((deal) => deal.stage !== 'won' && deal.stage !== 'lost')}
        defaultContactIds={matchedContactIds}
        links={links}
        stage={account.stage}
        repId={repId}
        defaultVisibility={defaultVisibility}
        nowMs={nowMs}
        requestedType={composerRequest}
      />
      {/* Its chunk and playbook read wait for the card's first frame, as the guidance does; it shows nothing before the guidance read anyway. */}
      {ready && (
        <Suspense fallback={null}>
          <WhatWeKnowContainer account={account} deals={deals} contacts={contacts} activities={guidanceRead?.input?.activities} repId={repId} />
        </Suspense>
      )}
      {addContactOffer && !contactFormOpen && (
        <button
          type="button"
          className="sn-button"
          onClick={() => openPanel({ kind: 'contact-form', contactId: null, prefill: addContactOffer })}
          data-testid="offer-add-contact"
        >
          {t.addContactPrefilled(addContactOffer.email)}
        </button>
      )}
      <JumpBar counts={{ contacts: contacts.length, deals: deals.length }} onJump={jumpTo} />
      <CardSection id="sn-section-guidance" label={t.section_guidance} ready={ready} jumpSeq={jumpSeq('guidance')}>
        <Suspense fallback={null}>
          <FunnelGuidance
            account={account}
            read={guidanceRead}
            deals={deals}
            identity={identity}
            nowMs={nowMs}
            onWriteNote={(note) =>
              setNoteRequest({ type: note.type, prefill: note.body, phone: null, subject: note.subject, dealId: note.dealId, suggestionKey: note.suggestionKey, seq: nextComposerRequestSeq() })
            }
          />
        </Suspense>
      </CardSection>
      {/* Contacts and deals (40 rows with their buttons, half the card's elements) follow the first frame, as the guidance does: that frame is the header, the composer and the timeline's first items. */}
      <CardSection id="sn-section-contacts" label={t.section_contacts} ready={ready} jumpSeq={jumpSeq('contacts')}>
        {panel.kind === 'contact-form' && !panel.prefill ? (
          contactForm
        ) : (
        <ContactList
          contacts={contacts}
          onAdd={() => openPanel({ kind: 'contact-form', contactId: null, prefill: null })}
          onEdit={(contact) => openPanel({ kind: 'contact-form', contactId: contact.id, prefill: null })}
          onDelete={(contact) => withUndo('contact', contact.id, contact.name)}
        />
        )}
      </CardSection>
      <CardSection id="sn-section-deals" label={t.section_deals} ready={ready} jumpSeq={jumpSeq('deals')}>
        {panel.kind === 'deal-form' ? (
          <DealForm
            key={panel.dealId ?? 'new'}
            mode={panel.dealId ? 'edit' : 'create'}
            error={formError}
            initial={{
              name: editingDeal?.name ?? '',
              stage: editingDeal?.stage ?? 'qualified',
              amount: editingDeal?.amount?.toString() ?? '',
              currency: editingDeal?.currency ?? DEFAULT_CURRENCY,
              expectedCloseDate: editingDeal?.expectedCloseDate ?? '',
            }}
            onSubmit={(values) => saveDeal(values, panel.dealId)}
            onCancel={() => openPanel({ kind: 'none' })}
          />
        ) : (
          <DealList
            deals={deals}
            onAdd={() => openPanel({ kind: 'deal-form', dealId: null })}
            onEdit={(deal) => openPanel({ kind: 'deal-form', dealId: deal.id })}
            onDelete={(deal) => withUndo('deal', deal.id, deal.name)}
            // The stage pickers come with the funnel's chunk, a frame after the list itself.
            renderExtra={
              ready
                ? (deal) => (
                    <Suspense fallback={null}>
                      <DealStagePicker deal={deal} repId={repId} />
                    </Suspense>
                  )
                : undefined
            }
          />
        )}
      </CardSection>
      <CardSection id="sn-section-timeline" label={t.section_timeline} ready jumpSeq={jumpSeq('timeline')}>
        <Timeline
          activities={timeline.slice(0, timelineLimit)}
          hasMore={timeline.length > timelineLimit}
          onLoadMore={showMoreTimeline}
          filter={timelineFilter}
          onFilterChange={setTimelineFilter}
          authorName={repName}
          nowMs={nowMs}
          canEdit={canEdit}
          dealName={(dealId) => deals.find((deal) => deal.id === dealId)?.name ?? null}
          onEdit={(activity, body) => void record((writes, db) => writes.updateActivity(db, activity.id, { body }, ctx))}
          onDelete={(activity) => withUndo('activity', activity.id, t[`type_${activity.type}`])}
          onToggleDone={(activity) =>
            void record((writes, db) => writes.updateActivity(db, activity.id, { completedAt: activity.completedAt ? null : Date.now() }, ctx), { reminders: true })
          }
        />
      </CardSection>
    </>
  );
});
