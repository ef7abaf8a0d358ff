import { useLiveQuery } from 'dexie-react-hooks';
import { forwardRef, lazy, Suspense, useState } from 'react';
import { AccountForm, type AccountFormValues } from '@/components/AccountForm';
import { AccountHeader } from '@/components/AccountHeader';
import { ContactForm, ContactList, type ContactFormValues } from '@/components/ContactList';
import { DealForm, DealList, type DealFormValues } from '@/components/DealList';
import { useMessages } from '@/components/i18n';
import { Timeline } from '@/components/Timeline';
import { getDb } from '@/lib/db/instance';
import { listAccountContacts, listAccountDeals, listTimeline } from '@/lib/db/queries';
import { coreMessages } from '@/lib/i18n/messages/core';
import type { Activity, EntityName, PageContext, Visibility } from '@/lib/schemas';
import { DEFAULT_CURRENCY } from '@/lib/schemas/enums';
import type { Identity } from '@/lib/settings/items';
import { ComposerContainer, nextComposerRequestSeq, type ComposerRequest } from './ComposerContainer';
import { loadWrites } from './lazy';
import { useUiStore } from './store';
import { requestSync } from './write-context';

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
}

// Funnel guidance carries the playbook and rules: loaded after the card is on screen.
const FunnelGuidance = lazy(() => import('./FunnelGuidance'));
// "What we know" for the stage (components/facts), with the playbook: loaded like the guidance.
const WhatWeKnowContainer = lazy(() => import('./WhatWeKnowContainer'));
const DealStagePicker = lazy(() => import('./FunnelGuidance').then((module) => ({ default: module.DealStagePicker })));

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** The account card: details, composer, contacts, deals and timeline, all live from Dexie. */
export const AccountView = forwardRef<HTMLTextAreaElement, AccountViewProps>(function AccountView(props, composerRef) {
  const { accountId, page, matchedContactIds, addContactOffer, identity, defaultVisibility, nowMs, requestedType, links } = props;
  const db = getDb();
  const t = useMessages(coreMessages);
  const repId = identity?.repId ?? null;
  const ctx = { repId };
  const { panel, openPanel, timelineFilter, setTimelineFilter, timelineLimit, showMoreTimeline, pushToast, pinAccount } = useUiStore();
  const [formError, setFormError] = useState<string | null>(null);
  const [noteRequest, setNoteRequest] = useState<ComposerRequest | null>(null);
  const composerRequest = noteRequest && (!requestedType || noteRequest.seq > requestedType.seq) ? noteRequest : requestedType;

  const account = useLiveQuery(() => db.accounts.get(accountId), [db, accountId]);
  const contacts = useLiveQuery(() => listAccountContacts(db, accountId), [db, accountId]) ?? [];
  const deals = useLiveQuery(() => listAccountDeals(db, accountId), [db, accountId]) ?? [];
  const timeline =
    useLiveQuery(
      () => listTimeline(db, accountId, { types: timelineFilter, limit: timelineLimit + 1, viewerId: repId }),
      [db, accountId, timelineFilter, timelineLimit, repId],
    ) ?? [];

  if (account === undefined) return null;

  const repName = (id: string | null) => {
    if (!id) return null;
    if (id === repId) return t.ownerYou;
    return identity?.reps.find((rep) => rep.id === id)?.name ?? null;
  };

  const withUndo = async (entity: EntityName, id: string, what: string) => {
    try {
      const { deleteRecord, restoreRecord } = await loadWrites();
      await deleteRecord(db, entity, id, ctx);
      requestSync('write');
      pushToast({
        message: t.deleted(what),
        tone: 'info',
        action: {
          label: t.undo,
          run: () => {
            void restoreRecord(db, entity, id, ctx).then(() => {
              requestSync('write');
              if (entity === 'account') pinAccount(id);
            });
          },
        },
      });
    } catch (cause) {
      pushToast({ message: t.saveFailed(errorText(cause)), tone: 'error', action: null });
    }
  };

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setFormError(null);
      openPanel({ kind: 'none' });
      requestSync('write');
    } catch (cause) {
      setFormError(errorText(cause));
    }
  };

  const saveAccount = (values: AccountFormValues) =>
    run(async () =>
      (await loadWrites()).updateAccount(
        db,
        accountId,
        {
          name: values.name,
          domains: values.domains.split(/[,，\s]+/).filter(Boolean),
          industry: values.industry.trim() || null,
          sizeTier: values.sizeTier || null,
          stage: values.stage,
          renewalDate: values.renewalDate || null,
        },
        ctx,
      ),
    );

  const saveContact = (values: ContactFormValues, contactId: string | null) =>
    run(async () => {
      const { createContact, updateContact } = await loadWrites();
      const fields = {
        name: values.name,
        email: values.email.trim() || null,
        phone: values.phone.trim() || null,
        title: values.title.trim() || null,
        role: values.role || null,
      };
      return contactId ? updateContact(db, contactId, fields, ctx) : createContact(db, { accountId, ...fields }, ctx);
    });

  const saveDeal = (values: DealFormValues, dealId: string | null) =>
    run(async () => {
      const { createDealInStage, updateDeal } = await loadWrites();
      const amountText = values.amount.replace(/[,\s，]/g, '');
      const amount = amountText ? Number(amountText) : null;
      if (amount !== null && !Number.isFinite(amount)) throw new Error(`${t.amount}: "${values.amount}"`);
      const fields = { name: values.name, amount, currency: values.currency || DEFAULT_CURRENCY, expectedCloseDate: values.expectedCloseDate || null };
      return dealId ? updateDeal(db, dealId, fields, ctx) : createDealInStage(db, { accountId, stage: values.stage, ...fields }, ctx);
    });

  const editingContact = panel.kind === 'contact-form' && panel.contactId ? contacts.find((c) => c.id === panel.contactId) : undefined;
  const editingDeal = panel.kind === 'deal-form' && panel.dealId ? deals.find((d) => d.id === panel.dealId) : undefined;
  const canEdit = (activity: Activity) => activity.authorId === null || activity.authorId === repId;

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
          }}
          onSubmit={(values) => void saveAccount(values)}
          onCancel={() => openPanel({ kind: 'none' })}
        />
      ) : (
        <AccountHeader
          account={account}
          ownerName={repName(account.ownerId)}
          onEdit={() => openPanel({ kind: 'account-form', accountId })}
          onDelete={() => void withUndo('account', accountId, account.name)}
        />
      )}
      {addContactOffer && (
        <button
          type="button"
          className="sn-button"
          onClick={() => openPanel({ kind: 'contact-form', contactId: null, prefill: addContactOffer })}
          data-testid="offer-add-contact"
        >
          {t.addContactPrefilled(addContactOffer.email)}
        </button>
      )}
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
      <Suspense fallback={null}>
        <WhatWeKnowContainer account={account} deals={deals} contacts={contacts} repId={repId} />
      </Suspense>
      <Suspense fallback={null}>
        <FunnelGuidance
          account={account}
          deals={deals}
          identity={identity}
          nowMs={nowMs}
          onWriteNote={(note) => {
            setNoteRequest({ type: note.type, prefill: note.body, phone: null, subject: note.subject, dealId: note.dealId, suggestionKey: note.suggestionKey, seq: nextComposerRequestSeq() });
            setTimeout(() => (composerRef && typeof composerRef === 'object' ? composerRef.current?.focus() : undefined), 0);
          }}
        />
      </Suspense>
      {panel.kind === 'contact-form' ? (
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
      ) : (
        <ContactList
          contacts={contacts}
          onAdd={() => openPanel({ kind: 'contact-form', contactId: null, prefill: null })}
          onEdit={(contact) => openPanel({ kind: 'contact-form', contactId: contact.id, prefill: null })}
          onDelete={(contact) => void withUndo('contact', contact.id, contact.name)}
        />
      )}
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
          onSubmit={(values) => void saveDeal(values, panel.dealId)}
          onCancel={() => openPanel({ kind: 'none' })}
        />
      ) : (
        <DealList
          deals={deals}
          onAdd={() => openPanel({ kind: 'deal-form', dealId: null })}
          onEdit={(deal) => openPanel({ kind: 'deal-form', dealId: deal.id })}
          onDelete={(deal) => void withUndo('deal', deal.id, deal.name)}
          renderExtra={(deal) => (
            <Suspense fallback={null}>
              <DealStagePicker deal={deal} repId={repId} />
            </Suspense>
          )}
        />
      )}
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
        onEdit={(activity, body) =>
          void loadWrites()
            .then(({ updateActivity }) => updateActivity(db, activity.id, { body }, ctx))
            .then(
            () => requestSync('write'),
            (cause) => pushToast({ message: t.saveFailed(errorText(cause)), tone: 'error', action: null }),
          )
        }
        onDelete={(activity) => void withUndo('activity', activity.id, t[`type_${activity.type}`])}
        onToggleDone={(activity) =>
          void loadWrites()
            .then(({ updateActivity }) => updateActivity(db, activity.id, { completedAt: activity.completedAt ? null : Date.now() }, ctx))
            .then(
              () => requestSync('write'),
              (cause) => pushToast({ message: t.saveFailed(errorText(cause)), tone: 'error', action: null }),
            )
        }
      />
    </>
  );
});
