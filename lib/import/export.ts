/**
 * Getting data out: CSV per record type, with headers the importer maps back on its own
 * (so an exported file re-imports without duplicates), and a full JSON backup that is
 * versioned and validated record by record before anything is restored.
 */
import * as z from 'zod';
import {
  accountSchema,
  contactSchema,
  dealSchema,
  epochMsSchema,
  validActivitySchema,
  type Account,
  type Activity,
  type Contact,
  type Deal,
} from '../schemas';
import { coreMessages } from '../i18n/messages/core';
import { toCsv } from './csv';

export type ExportEntity = 'accounts' | 'contacts' | 'deals' | 'activities';
export type HeaderLanguage = 'en' | 'zh-CN';

/** Headers per language; each is a synonym the importer recognises (lib/import/fields.ts). */
const HEADERS = {
  accountName: { en: 'Company name', 'zh-CN': '公司名称' },
  domains: { en: 'Website', 'zh-CN': '网站' },
  industry: { en: 'Industry', 'zh-CN': '行业' },
  sizeTier: { en: 'Size tier', 'zh-CN': '规模' },
  accountStage: { en: 'Account stage', 'zh-CN': '客户阶段' },
  renewalDate: { en: 'Renewal date', 'zh-CN': '续约日期' },
  healthUsage: { en: 'Health usage', 'zh-CN': '健康度-使用率' },
  healthMeetings: { en: 'Health meetings', 'zh-CN': '健康度-会议时长' },
  healthIssues: { en: 'Health issues', 'zh-CN': '健康度-问题反馈' },
  healthNps: { en: 'Health NPS', 'zh-CN': '健康度-NPS' },
  healthMeasuredOn: { en: 'Health measured on', 'zh-CN': '健康度-测量日期' },
  contactName: { en: 'Contact name', 'zh-CN': '联系人' },
  email: { en: 'Email', 'zh-CN': '邮箱' },
  phone: { en: 'Phone', 'zh-CN': '电话' },
  title: { en: 'Job title', 'zh-CN': '职位' },
  role: { en: 'Role', 'zh-CN': '角色' },
  profileUrl: { en: 'Profile URL', 'zh-CN': '个人主页' },
  dealName: { en: 'Deal name', 'zh-CN': '商机名称' },
  dealStage: { en: 'Deal stage', 'zh-CN': '商机阶段' },
  amount: { en: 'Amount', 'zh-CN': '金额' },
  currency: { en: 'Currency', 'zh-CN': '币种' },
  closeDate: { en: 'Expected close date', 'zh-CN': '预计成交日期' },
  type: { en: 'Type', 'zh-CN': '类型' },
  occurredAt: { en: 'Occurred at', 'zh-CN': '发生时间' },
  contacts: { en: 'Contacts', 'zh-CN': '联系人' },
  deal: { en: 'Deal', 'zh-CN': '商机' },
  subject: { en: 'Subject', 'zh-CN': '主题' },
  body: { en: 'Body', 'zh-CN': '内容' },
  callOutcome: { en: 'Call outcome', 'zh-CN': '通话结果' },
  duration: { en: 'Duration (s)', 'zh-CN': '时长（秒）' },
  channel: { en: 'Channel', 'zh-CN': '渠道' },
  location: { en: 'Location', 'zh-CN': '地点' },
  nextStep: { en: 'Next step', 'zh-CN': '下一步' },
  followUpAt: { en: 'Follow-up at', 'zh-CN': '跟进时间' },
  dueAt: { en: 'Due at', 'zh-CN': '截止时间' },
  completedAt: { en: 'Completed at', 'zh-CN': '完成时间' },
  visibility: { en: 'Visibility', 'zh-CN': '可见范围' },
  sourceUrl: { en: 'Source URL', 'zh-CN': '来源网址' },
  threadSubject: { en: 'Email thread', 'zh-CN': '邮件主题' },
} as const;
type HeaderKey = keyof typeof HEADERS;

/**
 * Coded values (stage, tier, role, type, outcome, channel, visibility) in the file's language:
 * a zh-CN file says 商机确认 and 决策人, not qualified and decision_maker. English files keep the
 * codes, which every importer reads. The zh-CN words are the UI's, which lib/import/values.ts
 * reads back, so an exported file re-imports as it was.
 */
function valueIn(language: HeaderLanguage, prefix: 'stage' | 'tier' | 'role' | 'type' | 'outcome' | 'channel', value: string | null): string | null {
  if (value === null || language === 'en') return value;
  const words = coreMessages[language] as Record<string, unknown>;
  const word = words[`${prefix}_${value}`];
  return typeof word === 'string' ? word : value;
}

function visibilityIn(language: HeaderLanguage, value: 'team' | 'private'): string {
  if (language === 'en') return value;
  return value === 'team' ? coreMessages[language].visibilityTeam : coreMessages[language].visibilityPrivate;
}

const live = <T extends { deletedAt: number | null }>(records: readonly T[]) => records.filter((record) => record.deletedAt === null);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function table(language: HeaderLanguage, keys: readonly HeaderKey[], rows: Array<Array<string | number | null>>): string {
  return toCsv(keys.map((key) => HEADERS[key][language]), rows);
}

export function accountsToCsv(accounts: readonly Account[], language: HeaderLanguage = 'en'): string {
  return table(
    language,
    ['accountName', 'domains', 'industry', 'sizeTier', 'accountStage', 'renewalDate', 'healthUsage', 'healthMeetings', 'healthIssues', 'healthNps', 'healthMeasuredOn'],
    live(accounts).map((account) => {
      // The current measurement; the history stays in the backup (JSON).
      const health = account.health;
      return [
        account.name,
        account.domains.join('; '),
        account.industry,
        valueIn(language, 'tier', account.sizeTier),
        valueIn(language, 'stage', account.stage),
        account.renewalDate,
        health?.usage ?? null,
        health?.meetings ?? null,
        health?.issues ?? null,
        health?.nps ?? null,
        health?.measuredOn ?? null,
      ];
    }),
  );
}

export function contactsToCsv(contacts: readonly Contact[], accountsById: ReadonlyMap<string, Account>, language: HeaderLanguage = 'en'): string {
  return table(
    language,
    ['contactName', 'email', 'phone', 'title', 'role', 'profileUrl', 'accountName', 'domains'],
    live(contacts).map((contact) => {
      const account = contact.accountId ? accountsById.get(contact.accountId) : undefined;
      return [contact.name, contact.email, contact.phone, contact.title, valueIn(language, 'role', contact.role), contact.profileUrl, account?.name ?? null, account?.domains.join('; ') ?? null];
    }),
  );
}

export function dealsToCsv(deals: readonly Deal[], accountsById: ReadonlyMap<string, Account>, language: HeaderLanguage = 'en'): string {
  return table(
    language,
    ['dealName', 'accountName', 'domains', 'dealStage', 'amount', 'currency', 'closeDate'],
    live(deals).map((deal) => {
      const account = accountsById.get(deal.accountId);
      return [deal.name, account?.name ?? null, account?.domains.join('; ') ?? null, valueIn(language, 'stage', deal.stage), deal.amount, deal.currency, deal.expectedCloseDate];
    }),
  );
}

export interface ActivityCsvLookups {
  accountsById: ReadonlyMap<string, Account>;
  contactsById: ReadonlyMap<string, Contact>;
  dealsById: ReadonlyMap<string, Deal>;
}

export function activitiesToCsv(activities: readonly Activity[], lookups: ActivityCsvLookups, language: HeaderLanguage = 'en'): string {
  return table(
    language,
    ['type', 'occurredAt', 'accountName', 'contacts', 'deal', 'subject', 'body', 'callOutcome', 'duration', 'phone', 'channel', 'location', 'nextStep', 'followUpAt', 'dueAt', 'completedAt', 'visibility', 'sourceUrl', 'threadSubject'],
    live(activities)
      .slice()
      .sort((a, b) => b.occurredAt - a.occurredAt)
      .map((activity) => [
        valueIn(language, 'type', activity.type),
        iso(activity.occurredAt),
        activity.accountId ? (lookups.accountsById.get(activity.accountId)?.name ?? null) : null,
        activity.contactIds.map((id) => lookups.contactsById.get(id)?.name ?? id).join('; ') || null,
        activity.dealId ? (lookups.dealsById.get(activity.dealId)?.name ?? null) : null,
        activity.subject,
        activity.body,
        valueIn(language, 'outcome', activity.callOutcome),
        activity.durationSeconds,
        activity.phone,
        valueIn(language, 'channel', activity.channel),
        activity.location,
        activity.nextStep,
        iso(activity.followUpAt),
        iso(activity.dueAt),
        iso(activity.completedAt),
        visibilityIn(language, activity.visibility),
        activity.source?.url ?? null,
        activity.source?.threadSubject ?? null,
      ]),
  );
}

export const BACKUP_FORMAT = 'sidenote-backup';
export const BACKUP_VERSION = 1;

/** A full backup. Versioned so a later format can still read this one. */
export const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: epochMsSchema,
  accounts: z.array(accountSchema),
  contacts: z.array(contactSchema),
  deals: z.array(dealSchema),
  activities: z.array(validActivitySchema),
});
export type Backup = z.infer<typeof backupSchema>;

export function buildBackup(records: { accounts: readonly Account[]; contacts: readonly Contact[]; deals: readonly Deal[]; activities: readonly Activity[] }, exportedAt: number): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    accounts: live(records.accounts),
    contacts: live(records.contacts),
    deals: live(records.deals),
    activities: live(records.activities),
  };
}

/** What is wrong with a backup file, for a message in the rep's language. */
export type BackupProblem =
  | { kind: 'not_json' }
  | { kind: 'not_backup' }
  | { kind: 'version'; found: string; supported: number }
  | { kind: 'invalid'; count: number; path: string; issue: { code?: string; path?: PropertyKey[]; format?: string } };

export class BackupFormatError extends Error {
  constructor(
    message: string,
    readonly issues: Array<{ path: string; message: string }>,
    readonly problem: BackupProblem,
  ) {
    super(message);
    this.name = 'BackupFormatError';
  }
}

/** Parses a backup file; refuses the whole file, saying where, if any record is invalid. */
export function parseBackup(textOrValue: string | unknown): Backup {
  let value: unknown = textOrValue;
  if (typeof textOrValue === 'string') {
    try {
      value = JSON.parse(textOrValue.replace(/^\ufeff/, ''));
    } catch (error) {
      throw new BackupFormatError(`This is not a Sidenote backup: the file is not valid JSON (${(error as Error).message}).`, [], { kind: 'not_json' });
    }
  }
  const head = value as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== BACKUP_FORMAT) {
    throw new BackupFormatError('This is not a Sidenote backup: choose a file exported with "Export backup (JSON)".', [], { kind: 'not_backup' });
  }
  if (head.version !== BACKUP_VERSION) {
    throw new BackupFormatError(`This backup is version ${String(head.version)}; this version of Sidenote reads version ${BACKUP_VERSION}. Update Sidenote and try again.`, [], {
      kind: 'version',
      found: String(head.version),
      supported: BACKUP_VERSION,
    });
  }
  const result = backupSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, ''), message: issue.message }));
    throw new BackupFormatError(
      `The backup has ${result.error.issues.length} invalid value(s); nothing was restored. First: ${issues[0]!.path}: ${issues[0]!.message}`,
      issues,
      { kind: 'invalid', count: result.error.issues.length, path: issues[0]!.path, issue: result.error.issues[0]! as { code?: string; path?: PropertyKey[]; format?: string } },
    );
  }
  return result.data;
}

export function serializeBackup(backup: Backup): string {
  return JSON.stringify(backup);
}
