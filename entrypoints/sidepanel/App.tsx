import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { browser } from 'wxt/browser';
import { useShallow } from 'zustand/react/shallow';
import { ContextBar } from '@/components/ContextBar';
import { useMessages } from '@/components/i18n';
import { NoMatchPanel } from '@/components/NoMatchPanel';
import { ShortcutsOverlay, type BrowserCommandView } from '@/components/ShortcutsOverlay';
import { SyncIssues } from '@/components/SyncIssues';
import { SyncStatusBar } from '@/components/SyncStatusBar';
import { Toasts } from '@/components/Toasts';
import { AccountForm, type AccountFormValues } from '@/components/AccountForm';
import type { HostAccessApi } from '@/lib/browser/host-access';
import type { CaptureSelection } from '@/lib/context/match';
import '@/components/capture/capture.css';
import { isNeverLogged, withOwnDomain } from '@/lib/context/never-log';
import type { LoggableType } from '@/lib/composer/draft';
import { createOffersBesidePage, selectionForAddingContact, selectionWithCreatedContact } from '@/lib/composer/capture-links';
import { cardReadSettled, cardTimelineQuery, startCardRead } from '@/lib/db/card';
import { draftKey } from '@/lib/db/drafts';
import { watchOutbox } from '@/lib/db/outbox-listener';
import { getDb } from '@/lib/db/instance';
import { coreMessages } from '@/lib/i18n/messages/core';
import type { UiIntent } from '@/lib/messaging/protocol';
import type { Account } from '@/lib/schemas';
import { DEFAULT_PRIVACY_SETTINGS, DEFAULT_SERVER_SETTINGS, identityItem, privacyItem, profileItem, serverSettingsItem } from '@/lib/settings/items';
import { withLocalIdentity } from '@/lib/settings/local-identity';
import { threadLinksOf } from '@/lib/composer/thread-links';
import { TodayButton, TODAY_KEY } from '@/components/today/TodayButton';
import { AccountView } from './AccountView';
import { FirstRun } from './FirstRun';
import { LogThread } from './LogThread';
const PipelineView = lazy(() => import('./PipelineView'));
const TodayView = lazy(() => import('./TodayView'));
// The picker resolves choices with the matching code, which carries the public suffix list.
const ParticipantPicker = lazy(() => import('@/components/capture/ParticipantPicker').then((module) => ({ default: module.ParticipantPicker })));
import { ComposerContainer, nextComposerRequestSeq, type ComposerRequest } from './ComposerContainer';
import { useIntents } from './hooks/use-intents';
import { useLookupKeeper } from './hooks/use-lookup';
import { useNow } from './hooks/use-now';
import { usePageContext } from './hooks/use-page-context';
import { useSync } from './hooks/use-sync';
import { useSetting } from './hooks/use-setting';
import { useRecordWrite } from './hooks/use-record-write';
import { loadedHostAccess, loadMatching } from './lazy';
import { HiddenWhileSearching, SearchField, SearchPanel, WhileSearching, type SearchListHandle } from './Search';
import { selectPanelState, TIMELINE_STEP, useUiStore } from './store';
import { requestSync } from './write-context';

/** Marks the benchmarks read (bench/browser): first interactive commit, and the page's match shown. */
export const PERF_MARKS = { interactive: 'sidenote:interactive', matchShown: 'sidenote:match-shown' } as const;

/** Firefox opens its own shortcut page; Chromium's is an ordinary chrome:// tab an extension may open. */
function openShortcutSettings(): void {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> } | undefined;
  if (commands?.openShortcutSettings) void commands.openShortcutSettings();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)));
}

/**
 * How long a picked account's card may wait for its read before it shows (and waits on its own).
 * Shown before its read, the card renders empty, lays out and paints, then renders again with
 * the data: on a busy machine that second pass was the slowest card opens (250 ms let a read
 * queued behind others fall to it one open in five). Meanwhile the results stay up.
 */
const CARD_PICK_WAIT_MS = 1_000;

export function App() {
  const db = getDb();
  const t = useMessages(coreMessages);
  const now = useNow();
  const page = usePageContext();
  const serverIdentity = useSetting(identityItem, (s) => s.nullableIdentitySchema, null);
  const profile = useSetting(profileItem, (s) => s.nullableProfileSchema, null);
  // Without a server the first-run profile names the rep (owner, author, "You").
  const identity = useMemo(() => withLocalIdentity(serverIdentity, profile), [serverIdentity, profile]);
  const privacy = useSetting(privacyItem, (s) => s.privacySettingsSchema, DEFAULT_PRIVACY_SETTINGS);
  const server = useSetting(serverSettingsItem, (s) => s.serverSettingsSchema, DEFAULT_SERVER_SETTINGS);
  const ui = useUiStore(useShallow(selectPanelState));
  const searchRef = useRef<HTMLInputElement>(null);
  const searchListRef = useRef<SearchListHandle>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const [requestedType, setRequestedType] = useState<ComposerRequest | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const [browserCommands, setBrowserCommands] = useState<BrowserCommandView[]>([]);

  const neverLog = useMemo(() => withOwnDomain(privacy.neverLog, profile?.companyDomain), [privacy.neverLog, profile]);
  const ownAddress = identity?.repEmail ?? null;
  const matchOptions = useMemo(() => ({ neverLog, ownAddresses: ownAddress ? [ownAddress] : [] }), [neverLog, ownAddress]);
  const match = useLiveQuery(
    async () => (page.context ? (await loadMatching()).matchPageContext(db, page.context, matchOptions) : null),
    [db, page.context, matchOptions],
  );
  const lookupKeeper = useLookupKeeper();
  const pinnedLive = useLiveQuery(async () => (ui.pinnedAccountId ? db.accounts.get(ui.pinnedAccountId) : undefined), [db, ui.pinnedAccountId]);
  // A picked account's own card read brought its row: it stands in until the live read answers,
  // so the render that closes the search shows the card (not the page's view, a read later).
  const [pickedAccount, setPickedAccount] = useState<Account | null>(null);
  const pinned = pinnedLive?.id !== ui.pinnedAccountId && pickedAccount && pickedAccount.id === ui.pinnedAccountId ? pickedAccount : pinnedLive;
  const sync = useSync(server, serverIdentity, now);

  // Several people (or deals) on the page: the rep picks what the capture links to; the
  // best match comes preselected, and the choice holds while the page stays the same.
  const pageKey = page.context ? `${page.context.url}|${page.context.webmail?.threadId ?? ''}` : '';
  const [picked, setPicked] = useState<{ pageKey: string; selection: CaptureSelection } | null>(null);
  // The picker opens on demand for this page; the next page starts folded again.
  const { setPickerExpanded } = ui;
  useEffect(() => setPickerExpanded(false), [pageKey, setPickerExpanded]);
  const neverLogged = Boolean(page.context?.domain && isNeverLogged(page.context.domain, neverLog));
  const showPicker = Boolean(match && !neverLogged && (match.people.length > 1 || match.candidates.length > 1 || match.deals.length > 1));
  const selection = showPicker && match ? (picked?.pageKey === pageKey ? picked.selection : match.selection) : null;
  const matchedAccount = (selection?.accountId ? match?.candidates.find((c) => c.account?.id === selection.accountId)?.account ?? match?.people.find((p) => p.account?.id === selection.accountId)?.account : null) ?? match?.best?.account ?? null;
  const matchResolved = match !== undefined && page.context !== null;
  useEffect(() => {
    if (matchResolved && performance.getEntriesByName(PERF_MARKS.matchShown).length === 0) performance.mark(PERF_MARKS.matchShown);
  }, [matchResolved]);
  const shownAccountId = pinned && pinned.deletedAt === null ? pinned.id : matchedAccount?.id ?? null;

  // One listener asks the background to sync after any write; no component has to remember to.
  useEffect(() => watchOutbox(db, () => requestSync('write')), [db]);
  const record = useRecordWrite();

  useEffect(() => {
    requestSync('sidebar_open');
    // What the browser really bound: Chromium binds at most four suggested keys and skips taken ones.
    void browser.commands?.getAll?.().then((commands) => setBrowserCommands(commands.map((c) => ({ name: c.name ?? '', shortcut: c.shortcut || null }))));
  }, []);

  const focusComposer = useCallback((type: LoggableType, prefill: string | null = null, phone: string | null = null) => {
    ui.setQuery('');
    // The composer focuses its text and scrolls it into view once the type's fields render.
    setRequestedType({ type, prefill, phone, seq: nextComposerRequestSeq() });
  }, [ui]);

  const handleIntent = useCallback(
    (intent: UiIntent) => {
      if (intent.kind === 'search') searchRef.current?.focus();
      else if (intent.kind === 'focus-composer') focusComposer('note', intent.prefill);
      else if (intent.kind === 'log-call') focusComposer('call', null, intent.phone);
      else if (intent.kind === 'open-account') ui.pinAccount(intent.accountId);
      else if (intent.kind === 'add-contact') ui.openPanel({ kind: 'contact-form', contactId: null, prefill: { email: intent.email, name: intent.name } });
    },
    [focusComposer, ui],
  );
  const intentRef = useRef(handleIntent);
  useEffect(() => {
    intentRef.current = handleIntent;
  }, [handleIntent]);
  useIntents((intent) => intentRef.current(intent));

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === '?') {
        event.preventDefault();
        ui.setShortcutsOpen(true);
      } else if (event.key === 'n') {
        event.preventDefault();
        focusComposer('note');
      } else if (event.key === 'c') {
        event.preventDefault();
        focusComposer('call');
      } else if (event.key === 't' || event.key === 'g' || event.key === 'p' || event.key === 'd') {
        event.preventDefault();
        ui.jumpTo(({ t: 'timeline', g: 'guidance', p: 'contacts', d: 'deals' } as const)[event.key]);
      } else if (event.key === TODAY_KEY) {
        event.preventDefault();
        ui.setQuery('');
        ui.openPanel({ kind: 'today' });
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [focusComposer, ui]);

  const matchedAccountId = matchedAccount?.id ?? null;
  const { pinAccount } = ui;
  // The page's own account is shown by following the page, not pinned.
  // The card's read starts here, with the pick, not when the card has mounted: by then the
  // click's store updates and the panel's re-render have passed, and other reads have queued.
  const repId = identity?.repId ?? null;
  // The switch to the card waits for that read (a little at most), so the card renders once, with its data.
  const lastPick = useRef(0);
  const openAccount = useCallback(
    async (accountId: string) => {
      const pick = ++lastPick.current;
      const read = startCardRead(db, accountId, cardTimelineQuery(useUiStore.getState().timelineFilter, TIMELINE_STEP, repId));
      let account: Account | undefined;
      read.then((data) => (account = data.account), () => undefined);
      await cardReadSettled(read, CARD_PICK_WAIT_MS);
      // A later pick has the say.
      if (pick !== lastPick.current) return false;
      // One render with the picked row and the pin, which also closes the search: the results
      // go as the card comes, in one commit and one layout (closed a render later, the search
      // list's removal and the view's unhiding took a second sync render before the paint).
      flushSync(() => {
        setPickedAccount(account ?? null);
        pinAccount(accountId === matchedAccountId ? null : accountId);
        useUiStore.getState().setQuery('');
      });
      return true;
    },
    [db, repId, pinAccount, matchedAccountId],
  );

  /** A page draft typed before the account existed moves to the new account. */
  const moveDraft = async (accountId: string) => {
    const pageKey = draftKey({ accountId: null, url: page.context?.url ?? null });
    const stored = await db.drafts.get(pageKey);
    if (!stored) return;
    await db.transaction('rw', db.drafts, async () => {
      await db.drafts.put({ ...stored, key: draftKey({ accountId, url: null }) });
      await db.drafts.delete(pageKey);
    });
  };

  const createFromValues = async (values: { name: string; domains: string[]; industry?: string; sizeTier?: AccountFormValues['sizeTier']; stage?: AccountFormValues['stage']; renewalDate?: string; ownerId?: string }) => {
    const created = await record(
      (writes, db) =>
        writes.createAccount(
          db,
          {
            name: values.name,
            domains: values.domains,
            industry: values.industry || null,
            sizeTier: values.sizeTier || null,
            stage: values.stage,
            renewalDate: values.renewalDate || null,
            // The form's choice, '' for unassigned; created elsewhere, the rep owns it.
            ownerId: values.ownerId === undefined ? undefined : values.ownerId || null,
          },
          { repId: identity?.repId ?? null },
        ),
      { onError: setCreateError },
    );
    if (!created.ok) return;
    const account = created.value;
    await moveDraft(account.id);
    setCreateError(null);
    ui.openPanel({ kind: 'none' });
    // Without a domain the page will not match the new account by itself.
    if (!account.domains.includes(page.context?.domain ?? '')) ui.pinAccount(account.id);
  };

  const matchSummary =
    match?.best?.account && !neverLogged
      ? { accountName: match.best.account.name, contactName: match.best.contact?.name ?? null, confidence: match.best.confidence, via: match.best.via }
      : null;
  const suggestion = match?.createAccount ?? null;
  const picker =
    showPicker && match && selection && !pinned ? (
      <Suspense fallback={null}>
        <ParticipantPicker
          // The no-match panel already offers the page's own company: the picker offers the others.
          match={shownAccountId ? match : { ...match, createAccounts: createOffersBesidePage(match.createAccounts, suggestion) }}
          value={selection}
          expanded={ui.pickerExpanded}
          onExpandedChange={ui.setPickerExpanded}
          onChange={(next) => setPicked({ pageKey, selection: next })}
          onAddContact={(offer) => {
            setPicked({ pageKey, selection: selectionForAddingContact(selection, offer) });
            ui.openPanel({ kind: 'contact-form', contactId: null, prefill: { email: offer.email, name: offer.name } });
          }}
          onCreateAccount={(offer) => void createFromValues({ name: offer.name, domains: offer.domain ? [offer.domain] : [] })}
        />
      </Suspense>
    ) : null;
  const creating = ui.panel.kind === 'account-form' && ui.panel.accountId === null;
  // The view under the search: an open search hides it (HiddenWhileSearching) and does not change it.
  const mode: 'today' | 'pipeline' | 'create' | 'account' | 'no-match' =
    ui.panel.kind === 'today' ? 'today' : ui.panel.kind === 'pipeline' ? 'pipeline' : creating ? 'create' : shownAccountId ? 'account' : 'no-match';

  return (
    <div className="sn-app">
      <header className="sn-header">
        <SearchField ref={searchRef} list={searchListRef} />
        <button
          type="button"
          className="sn-button sn-icon-button"
          aria-label={t.pipelineButton}
          title={t.pipelineButton}
          aria-pressed={ui.panel.kind === 'pipeline'}
          onClick={() => ui.openPanel(ui.panel.kind === 'pipeline' ? { kind: 'none' } : { kind: 'pipeline' })}
        >
          ▽
        </button>
        <TodayButton open={ui.panel.kind === 'today'} onToggle={() => ui.openPanel(ui.panel.kind === 'today' ? { kind: 'none' } : { kind: 'today' })} />
        <button type="button" className="sn-button sn-icon-button" aria-label={t.shortcutsButton} title={t.shortcutsButton} onClick={() => ui.setShortcutsOpen(true)}>
          ?
        </button>
        <button type="button" className="sn-button sn-icon-button" aria-label={t.settingsButton} title={t.settingsButton} onClick={() => void browser.runtime.openOptionsPage()}>
          ⚙
        </button>
      </header>
      <main className="sn-main">
        <ContextBar
          page={page.context ? { title: page.context.title, url: page.context.url, domain: page.context.domain } : null}
          access={page.access}
          neverLogged={neverLogged}
          match={pinned ? null : matchSummary}
          pinnedAccountName={pinned && pinned.id !== matchedAccount?.id ? pinned.name : null}
          onBackToPage={() => ui.pinAccount(null)}
          action={
            page.context?.webmail && shownAccountId && !neverLogged && mode !== 'today' ? (
              <LogThread
                page={page.context}
                accountId={shownAccountId}
                {...threadLinksOf(match, selection, shownAccountId)}
                repId={identity?.repId ?? null}
                visibility={privacy.defaultVisibility}
                mode={privacy.threadCapture}
              />
            ) : null
          }
          allowSite={
            page.requestScope && page.context
              ? {
                  ...page.requestScope,
                  onAllow: () => {
                    const url = page.context!.url;
                    void loadedHostAccess()
                      ?.requestHostAccess(browser as unknown as HostAccessApi, url)
                      .then(({ granted }) => granted && page.refresh());
                  },
                }
              : null
          }
        />
        {/* Before the view, so the list's status line is the panel's first hint while it is open. */}
        <WhileSearching>
          <SearchPanel ref={searchListRef} keeper={lookupKeeper} onOpenAccount={openAccount} />
        </WhileSearching>
        <HiddenWhileSearching>
          {mode === 'today' ? (
            <Suspense fallback={null}>
              <TodayView repId={identity?.repId ?? null} reps={identity?.reps} nowMs={now} onOpenAccount={openAccount} />
            </Suspense>
          ) : mode === 'pipeline' ? (
            <Suspense fallback={null}>
              <button type="button" className="sn-link" onClick={() => ui.openPanel({ kind: 'none' })}>
                {t.closePipeline}
              </button>
              <PipelineView repId={identity?.repId ?? null} nowMs={now} />
            </Suspense>
          ) : mode === 'create' ? (
            <AccountForm
              mode="create"
              error={createError}
              initial={{ name: suggestion?.name ?? '', domains: suggestion?.domain ?? '', industry: '', sizeTier: '', stage: 'lead', renewalDate: '', ownerId: identity?.repId ?? '' }}
              owners={identity?.reps ?? []}
              onSubmit={(values) => void createFromValues({ ...values, domains: values.domains.split(/[,，\s]+/).filter(Boolean) })}
              onCancel={() => ui.openPanel({ kind: 'none' })}
            />
          ) : null}
          {mode === 'no-match' && picker}
          {mode === 'account' && shownAccountId ? (
            <AccountView
              key={shownAccountId}
              ref={composerRef}
              accountId={shownAccountId}
              page={neverLogged ? null : page.context}
              matchedContactIds={!pinned && match?.best?.contact ? [match.best.contact.id] : []}
              addContactOffer={!pinned && !showPicker && match?.addContact && match.addContact.accountId === shownAccountId ? { email: match.addContact.email, name: match.addContact.name } : null}
              identity={identity}
              defaultVisibility={privacy.defaultVisibility}
              nowMs={now}
              requestedType={requestedType}
              links={selection && !pinned ? { contactIds: selection.contactIds, dealId: selection.dealId } : null}
              picker={picker}
              onContactCreated={(contact) => selection && setPicked({ pageKey, selection: selectionWithCreatedContact(selection, contact) })}
            />
          ) : mode === 'no-match' ? (
            <>
              {!neverLogged && page.context && (
                <NoMatchPanel
                  suggestion={suggestion}
                  onCreateFromPage={() => suggestion && void createFromValues({ name: suggestion.name, domains: suggestion.domain ? [suggestion.domain] : [] })}
                  onCreateWithDetails={() => ui.openPanel({ kind: 'account-form', accountId: null })}
                />
              )}
              {createError && (
                <p className="sn-error" role="alert">
                  {createError}
                </p>
              )}
              <ComposerContainer
                ref={composerRef}
                accountId={null}
                accountName={null}
                page={neverLogged ? null : page.context}
                contacts={[]}
                deals={[]}
                defaultContactIds={[]}
                repId={identity?.repId ?? null}
                defaultVisibility={privacy.defaultVisibility}
                nowMs={now}
                requestedType={requestedType}
              />
            </>
          ) : null}
        </HiddenWhileSearching>
        <FirstRun serverIdentity={serverIdentity} profile={profile} />
      </main>
      <SyncIssues parked={sync.parked} conflicts={sync.conflicts} onDiscard={sync.discard} onSeen={sync.markSeen} />
      <SyncStatusBar status={sync.status} live={sync.live?.state ?? null} nowMs={now} onSyncNow={() => requestSync('manual')} />
      <Toasts toasts={ui.toasts} onDismiss={ui.dismissToast} />
      <ShortcutsOverlay
        open={ui.shortcutsOpen}
        onClose={() => ui.setShortcutsOpen(false)}
        browserCommands={browserCommands}
        onOpenShortcutSettings={openShortcutSettings}
      />
    </div>
  );
}
