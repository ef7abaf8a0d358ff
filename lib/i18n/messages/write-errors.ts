import type { Locale } from '../core';

/**
 * Why a save failed, in the UI's language. Write functions throw English for developers
 * (a Zod issue list, "No deal with id …"); a rep reading zh-CN must not get that. Schema
 * refusals name the field and the problem; storage and unknown failures get a plain
 * sentence, and the English detail goes to the console only.
 */
export interface SchemaIssue {
  code?: string;
  path?: ReadonlyArray<PropertyKey>;
  format?: string;
  origin?: string;
}

const WORDS = {
  en: {
    field: (name: string, problem: string) => `${name}: ${problem}`,
    separator: '; ',
    tooLong: 'too long',
    tooShort: 'required',
    invalidFormat: (format: string) => (format === 'email' ? 'not an email address' : format === 'url' ? 'not a web address' : 'wrong format'),
    invalid: 'not a valid value',
    full: 'The browser’s storage for Sidenote is full. Export a backup and remove old records, then save again.',
    unknown: 'Something went wrong while storing it. Your text is still here: try again.',
    gone: 'This record is no longer stored in this browser (it may have been deleted).',
    fields: {
      name: 'Name',
      email: 'Email',
      phone: 'Phone',
      domains: 'Domains',
      amount: 'Amount',
      subject: 'Subject',
      body: 'Text',
      title: 'Job title',
      industry: 'Industry',
      lostReason: 'Reason lost',
      currency: 'Currency',
      profileUrl: 'Profile URL',
      renewalDate: 'Renewal date',
      expectedCloseDate: 'Expected close date',
    } as Record<string, string>,
  },
  'zh-CN': {
    field: (name: string, problem: string) => `${name}：${problem}`,
    separator: '；',
    tooLong: '内容过长',
    tooShort: '不能为空',
    invalidFormat: (format: string) => (format === 'email' ? '不是有效的邮箱地址' : format === 'url' ? '不是有效的网址' : '格式不正确'),
    invalid: '取值无效',
    full: '浏览器分配给 Sidenote 的存储空间已满。请先导出备份并删除旧记录，再重新保存。',
    unknown: '保存时出错，输入的内容仍保留在这里，请重试。',
    gone: '本浏览器中已没有这条记录（可能已被删除）。',
    fields: {
      name: '名称',
      email: '邮箱',
      phone: '电话',
      domains: '域名',
      amount: '金额',
      subject: '主题',
      body: '内容',
      title: '职位',
      industry: '行业',
      lostReason: '输单原因',
      currency: '币种',
      profileUrl: '个人主页',
      renewalDate: '续约日期',
      expectedCloseDate: '预计成交日期',
    } as Record<string, string>,
  },
};

function issuesOf(cause: unknown): SchemaIssue[] | null {
  if (!(cause instanceof Error) || cause.name !== 'ZodError') return null;
  const issues = (cause as Error & { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as SchemaIssue[]) : null;
}

/** A schema's refusal (Zod issues) as "field: problem" in the given language. */
export function describeSchemaIssues(issues: readonly SchemaIssue[], locale: Locale): string {
  const words = WORDS[locale];
  return issues
    .map((issue) => {
      // The innermost named field: `accounts[0].email` is about an email.
      const key = String([...(issue.path ?? [])].reverse().find((part) => typeof part === 'string') ?? '');
      const name = words.fields[key] ?? key;
      const problem =
        issue.code === 'too_big' ? words.tooLong : issue.code === 'too_small' ? words.tooShort : issue.code === 'invalid_format' ? words.invalidFormat(issue.format ?? '') : words.invalid;
      return name ? words.field(name, problem) : problem;
    })
    .join(words.separator);
}

export function describeWriteError(cause: unknown, locale: Locale): string {
  const words = WORDS[locale];
  const issues = issuesOf(cause);
  if (issues) return describeSchemaIssues(issues, locale);
  if (cause instanceof Error && cause.name === 'QuotaExceededError') return words.full;
  if (locale !== 'en' && cause instanceof Error && cause.name === 'RecordNotFoundError') return words.gone;
  // The write path's own refusal (lib/db/write.ts): fields with English messages.
  const fieldIssues = (cause as { issues?: unknown } | null)?.issues;
  if (locale !== 'en' && cause instanceof Error && cause.name === 'RecordValidationError' && Array.isArray(fieldIssues)) {
    return describeSchemaIssues(
      (fieldIssues as Array<{ field?: string }>).map((issue) => ({ path: issue.field ? [issue.field] : [] })),
      locale,
    );
  }
  // English text from our own code is useful to an English reader; zh-CN gets a sentence.
  if (locale === 'en' && cause instanceof Error && cause.message) return cause.message;
  return words.unknown;
}
