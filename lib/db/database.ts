import Dexie, { type EntityTable } from 'dexie';
import { LOOKUP_CHANGES_TABLE, lookupChangeLog, type LookupChangeRow } from './change-log';
import type {
  Account,
  Activity,
  Contact,
  Deal,
  EntityName,
  Hlc,
  Playbook,
  SuggestionState,
} from '../schemas';
import type { ImportMark, ImportedField } from '../import/marks';
import { industryKeyOf } from '../funnel/industry';
import { PRE_SALE_STAGES } from '../funnel/stages';
import { upgradePatchFacts, upgradeRecordFacts } from './migrate-facts';
import { withGuidanceKey } from './guidance-keys';
import { withTodayKeys } from './today-keys';
import { AWAITED_ACCOUNTS_TABLE, noteNamed, noteTouch, openDealEntryOf, touchSummary, withDealSilence, withSilence, type OpenDealEntry } from './touch-summary';

/** Local-only fields derived from a record on every write; never synced. */
export interface AccountRow extends Account {
  /** Normalised company name, for matching a profile's company to an account. */
  nameKey: string;
  /**
   * The industry with case and spacing removed (`industryKeyOf`), for success cases: "Retail"
   * and " retail" are one industry to the ranking, so they must be one to the read (v6).
   */
  industryKey?: string;
  /** `ownerId`, or '' when unassigned (v8, lib/db/today-keys.ts); absent on rows not rewritten since v7. */
  ownerKey?: string;
  /** The latest live touch's `occurredAt`, null when none (v9, lib/db/touch-summary.ts); kept by a middleware. */
  lastTouchAt?: number | null;
  /** Today's silence key: the last touch, else creation; only on live accounts in a stage with staleness (v9). */
  silentSince?: number;
  /** The account's live open deals: owner key, stage, creation, id (v16, lib/db/touch-summary.ts); absent when none. */
  openDeals?: OpenDealEntry[];
  /** Today's quiet-deal keys, one per open deal while the account is live: owner key, stage, silent since, deal id (v16). */
  dealSilence?: Array<[string, string, number, string]>;
}
/** Local-only fields of a deal row, never synced (`fromRow` strips them). */
export interface DealRow extends Deal {
  /** `ownerId`, or '' when unassigned (v8). */
  ownerKey?: string;
  /**
   * v11 to v14: its account's last touch, else its creation. Read by nothing since v16 (the
   * account carries its deals' silence); a row keeps it until it is next written.
   */
  silentSince?: number;
}
export interface ContactRow extends Contact {
  /**
   * The person's name key (normalised, without spaces), for matching a profile to a contact.
   * Before v3 this held every search token; it keeps its name so v2 rows need no rewrite,
   * and their extra tokens only widen what the name key's anyOf() reads before its filter.
   */
  searchTokens: string[];
}

export type OutboxStatus = 'pending' | 'parked';

/** A write waiting for the server, pushed in `hlc` order (the stamp is monotonic across the sidebar and the background). */
export interface OutboxEntry {
  id: string;
  entity: EntityName;
  recordId: string;
  patch: Record<string, unknown>;
  hlc: Hlc;
  createdAt: number;
  status: OutboxStatus;
  attempts: number;
  /** Pushes holding this entry that the server failed (5xx, no answer) while answering others; parked at a limit. */
  pushFailures?: number;
  lastError: string | null;
  /** Why the server refused it for good; shown to the rep with the record. */
  parkedReason: string | null;
}

/** Text a rep is typing; kept on every change so a closed sidebar or a crash loses nothing. */
export interface Draft {
  key: string;
  fields: Record<string, unknown>;
  updatedAt: number;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

/** A field the rep changed that lost to a teammate's newer change; shown until seen. */
export interface ConflictNotice {
  id: string;
  entity: EntityName;
  recordId: string;
  fields: string[];
  lostTo: string | null;
  createdAt: number;
  seenAt: number | null;
}

export type { ImportMark, ImportedField };

export const DEFAULT_DB_NAME = 'sidenote';

/**
 * The local store. Each `version(n)` is kept forever with its upgrade, and each new version
 * ships a migration test over a fixture of the previous shape (lib/db/migrations.test.ts).
 */
export class SidenoteDb extends Dexie {
  accounts!: EntityTable<AccountRow, 'id'>;
  contacts!: EntityTable<ContactRow, 'id'>;
  deals!: EntityTable<Deal, 'id'>;
  activities!: EntityTable<Activity, 'id'>;
  suggestionStates!: EntityTable<SuggestionState, 'id'>;
  playbooks!: EntityTable<Playbook, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  drafts!: EntityTable<Draft, 'key'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  conflicts!: EntityTable<ConflictNotice, 'id'>;
  importMarks!: EntityTable<ImportMark, 'id'>;
  lookupChanges!: EntityTable<LookupChangeRow, 'seq'>;
  awaitedAccounts!: EntityTable<{ id: string }, 'id'>;

  constructor(name: string = DEFAULT_DB_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    // Strict durability: a save resolves only once the write is flushed to disk, because a
    // rep's note must survive a browser or OS crash right after Ctrl+Enter.
    super(name, { ...options, chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      accounts: 'id, *domains, *searchTokens, nameKey, stage, updatedAt, [industry+sizeTier]',
      contacts: 'id, accountId, email, *searchTokens',
      deals: 'id, accountId, stage, updatedAt',
      activities: 'id, [accountId+occurredAt], [dealId+occurredAt], captureKey, [type+dueAt], *contactIds, updatedAt',
      suggestionStates: 'id, [subjectType+subjectId]',
      playbooks: 'id',
      outbox: 'id, status, recordId, hlc',
      drafts: 'key, updatedAt',
      meta: 'key',
      conflicts: 'id, createdAt',
    });
    // v2: won deals newest first (success cases) and activities by type over time (stage
    // changes for the pipeline) without scanning whole tables; indexes nothing reads are
    // dropped, because every index entry is paid on each write (bulk pulls and imports).
    this.version(2).stores({
      accounts: 'id, *domains, *searchTokens, nameKey, [industry+sizeTier]',
      deals: 'id, accountId, stage, [stage+closedAt]',
      activities: 'id, [accountId+occurredAt], [dealId+occurredAt], captureKey, [type+dueAt], [type+occurredAt]',
    });
    // v3: quick lookup is served by its own in-memory index (lib/lookup/search-index.ts), so
    // accounts lose their multi-entry search-token index (about ten entries per account,
    // paid on every write) and contacts keep one name key for profile matching in place of
    // every token. The index learns of writes from the change log (lib/db/change-log.ts).
    // No row is rewritten: dropping an index and adding an empty table are cheap upgrades.
    this.version(3).stores({
      accounts: 'id, *domains, nameKey, [industry+sizeTier]',
      [LOOKUP_CHANGES_TABLE]: '++seq',
    });
    // v4: what each imported file said per record and field (ImportMark), read by record id
    // only, so no secondary index: the mark costs one bare put per record an import changes.
    this.version(4).stores({
      importMarks: 'id',
    });
    // v5: facts carry a state, evidence, who and when (lib/schemas/fact.ts). No index changes;
    // stored facts and queued fact writes in the `{ value, confirmed }` shape are converted.
    this.version(5)
      .stores({})
      .upgrade(async (tx) => {
        await tx.table('accounts').toCollection().modify((row: Record<string, unknown>) => {
          if (!upgradeRecordFacts(row)) return false;
        });
        await tx.table('deals').toCollection().modify((row: Record<string, unknown>) => {
          if (!upgradeRecordFacts(row)) return false;
        });
        await tx.table('outbox').toCollection().modify((entry: OutboxEntry) => {
          if ((entry.entity !== 'account' && entry.entity !== 'deal') || !upgradePatchFacts(entry.patch, entry.hlc)) return false;
        });
      });
    // v6: success cases read peers by a normalised industry key (case and spacing ignored), by
    // industry alone, so peers without a size tier are found too (IndexedDB leaves a row with a
    // null tier out of a compound [industry+sizeTier] index). Rows get their key on upgrade.
    this.version(6)
      .stores({
        accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier]',
      })
      .upgrade(async (tx) => {
        await tx
          .table('accounts')
          .toCollection()
          .modify((row: AccountRow) => {
            row.industryKey = row.deletedAt === null ? industryKeyOf(row.industry) : '';
          });
      });
    // v7: every index was checked against what reads it (each `.where`, `orderBy` and
    // compound key in lib/ and entrypoints/; see lib/db/README.md's index table). Drafts'
    // `updatedAt` index was read by nothing, yet paid on every draft write, which happens on
    // each keystroke batch in the composer. No row changes.
    this.version(7).stores({
      drafts: 'key',
    });
    // v8 (Today, lib/db/today.ts): the rep's own work through indexes, never a table scan.
    // Owner and author are indexed as local keys (lib/db/today-keys.ts) because IndexedDB
    // leaves null keys out; open tasks through a sparse key only open tasks carry. Existing
    // rows get those keys once here; every later write derives them in toRow. The rewrite of
    // accounts and deals lands in the lookup change log, so the lookup index rebuilds once.
    this.version(8)
      .stores({
        accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], renewalDate, [ownerKey+stage]',
        deals: 'id, accountId, stage, [stage+closedAt], [ownerKey+stage]',
        activities: 'id, [accountId+occurredAt], [dealId+occurredAt], captureKey, [type+dueAt], [type+occurredAt], [authorKey+openTaskDueAt], [authorKey+followUpAt]',
      })
      .upgrade(async (tx) => {
        const derive = (entity: 'account' | 'deal' | 'activity') => (row: Record<string, unknown>, ref: { value: Record<string, unknown> }) => {
          ref.value = withTodayKeys(entity, row);
        };
        await tx.table('accounts').toCollection().modify(derive('account'));
        await tx.table('deals').toCollection().modify(derive('deal'));
        await tx.table('activities').toCollection().modify(derive('activity'));
      });
    // v9 (Today, issue 11): the accounts whose silence can raise "stale" or "churn" are read
    // most silent first through `[ownerKey+stage+silentSince]`, from each account's last touch
    // kept on its row (lib/db/touch-summary.ts), instead of every account's recent history.
    // `[ownerKey+stage]` on accounts was read only by Today, so it goes. Existing accounts get
    // their summary once here, from one pass over the activities.
    this.version(9)
      .stores({
        accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], renewalDate, [ownerKey+stage+silentSince]',
      })
      .upgrade(async (tx) => {
        const latest = new Map<string, number>();
        await tx.table('activities').each((row: unknown) => noteTouch(latest, row));
        await tx.table('accounts').toCollection().modify((row: AccountRow, ref: { value: AccountRow }) => {
          ref.value = withSilence({ ...row, lastTouchAt: latest.get(row.id) ?? null });
        });
      });
    // v10 (Today, issue 11): the rep's renewals and recent wins by owner first, so the read
    // no longer walks every rep's renewals and wins and drops the others'. Every row has had
    // `ownerKey` since v8, so the new indexes need no rewrite.
    this.version(10).stores({
      accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], renewalDate, [ownerKey+stage+silentSince], [ownerKey+renewalDate]',
      deals: 'id, accountId, stage, [stage+closedAt], [ownerKey+stage], [ownerKey+stage+closedAt]',
    });
    // v11 (Today, issue 11): the rep's open deals gone quiet are read most silent first through
    // `[ownerKey+stage+silentSince]`, from their account's last touch carried onto each open deal
    // (lib/db/touch-summary.ts), instead of every open deal of the rep with its account's row.
    // `[ownerKey+stage]` on deals was read only by Today, so it goes. Existing open deals get
    // their key once here, from their accounts' summaries (kept since v9).
    this.version(11)
      .stores({
        deals: 'id, accountId, stage, [stage+closedAt], [ownerKey+stage+closedAt], [ownerKey+stage+silentSince]',
      })
      .upgrade(async (tx) => {
        const accounts = new Map<string, Record<string, unknown>>();
        await tx.table('accounts').each((row: AccountRow) => {
          accounts.set(row.id, { deletedAt: row.deletedAt, lastTouchAt: row.lastTouchAt ?? null });
        });
        // Only the open deals get a key, so only they are rewritten (and logged for lookup).
        await tx
          .table('deals')
          .filter((row: DealRow) => (PRE_SALE_STAGES as readonly string[]).includes(row.stage))
          .modify((row: DealRow, ref: { value: DealRow }) => {
            ref.value = withDealSilence({ ...row }, accounts.get(row.accountId));
          });
      });
    // v12 (the account card, issue 13): the old activities the card's guidance still needs
    // (stage changes, activities made from suggestions, open tasks, dated promises) through
    // a sparse `[accountId+guidanceUntil]` index (lib/funnel/guidance-window.ts), so a card
    // reads those and its recent history instead of all of a long account's activities.
    // Existing rows get the key once here.
    this.version(12)
      .stores({
        activities: 'id, [accountId+occurredAt], [dealId+occurredAt], captureKey, [type+dueAt], [type+occurredAt], [authorKey+openTaskDueAt], [authorKey+followUpAt], [accountId+guidanceUntil]',
      })
      .upgrade(async (tx) => {
        await tx.table('activities').toCollection().modify((row: Record<string, unknown>, ref: { value: Record<string, unknown> }) => {
          ref.value = withGuidanceKey('activity', row);
        });
      });
    // v14 (issue 13, writes pay only for what something reads): accounts lose `renewalDate`,
    // read by nothing since v10 (Today reads `[ownerKey+renewalDate]`), yet paid by every account
    // write. `awaitedAccounts` names the accounts a live touch or open deal is stored for while
    // the account is not (lib/db/touch-summary.ts), so an arriving account reads its activities
    // and deals only when it has some; existing rows name theirs once here.
    this.version(14)
      .stores({
        accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], [ownerKey+stage+silentSince], [ownerKey+renewalDate]',
        [AWAITED_ACCOUNTS_TABLE]: 'id',
      })
      .upgrade(async (tx) => {
        const named = new Set<string>();
        await tx.table('activities').each((row: unknown) => noteNamed(named, row));
        await tx.table('deals').each((row: unknown) => noteNamed(named, row));
        const ids = [...named];
        const stored = await tx.table('accounts').bulkGet(ids);
        await tx.table(AWAITED_ACCOUNTS_TABLE).bulkPut(ids.filter((_, position) => !stored[position]).map((id) => ({ id })));
      });
    // v16 (issue 13, a note save at its floor): an open deal's silence is its account's, so the
    // account row carries it: `openDeals` lists its live open deals and `*dealSilence` holds one
    // entry per deal, [deal owner key, deal stage, silent since, deal id] (lib/db/touch-summary.ts).
    // A touch rewrites only the account row it rewrites anyway, instead of every open deal of the
    // account (v11's `[ownerKey+stage+silentSince]` on deals, which goes). Only accounts with open
    // deals are rewritten here; the deals keep their old key field until next written.
    this.version(16)
      .stores({
        accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], [ownerKey+stage+silentSince], [ownerKey+renewalDate], *dealSilence',
        deals: 'id, accountId, stage, [stage+closedAt], [ownerKey+stage+closedAt]',
      })
      .upgrade(async (tx) => {
        const open = new Map<string, OpenDealEntry[]>();
        await tx.table('deals').each((row: DealRow) => {
          const entry = openDealEntryOf(row);
          if (entry) open.set(row.accountId, [...(open.get(row.accountId) ?? []), entry]);
        });
        if (open.size === 0) return;
        await tx
          .table('accounts')
          .where(':id')
          .anyOf([...open.keys()])
          .modify((row: AccountRow, ref: { value: AccountRow }) => {
            const entries = open.get(row.id)!.sort((a, b) => (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0));
            ref.value = withSilence({ ...row, openDeals: entries });
          });
      });
    // The summary sits below the lookup change log, so a moved last touch is not logged as a
    // lookup change (it changes nothing lookup shows).
    this.use(touchSummary);
    this.use(lookupChangeLog);
  }
}

export type RecordTableName = 'accounts' | 'contacts' | 'deals' | 'activities' | 'suggestionStates' | 'playbooks';

export const TABLE_OF_ENTITY: Record<EntityName, RecordTableName> = {
  account: 'accounts',
  contact: 'contacts',
  deal: 'deals',
  activity: 'activities',
  suggestionState: 'suggestionStates',
  playbook: 'playbooks',
};
