import type { BackupProblem } from '../../import/export';
import type { Locale } from '../core';
import { captureMessages } from './capture';
import { describeSchemaIssues, describeWriteError } from './write-errors';

/** Why a backup was not restored, in the UI's language (the file's own problem, or a write refused). */
export function describeRestoreError(cause: unknown, locale: Locale): string {
  const t = captureMessages[locale];
  const problem = (cause as { problem?: BackupProblem } | null)?.problem;
  if (!(cause instanceof Error) || cause.name !== 'BackupFormatError' || !problem) return describeWriteError(cause, locale);
  switch (problem.kind) {
    case 'not_json':
      return t.backupNotJson;
    case 'not_backup':
      return t.backupNotBackup;
    case 'version':
      return t.backupVersion(problem.found, problem.supported);
    case 'invalid':
      return t.backupInvalid(problem.count, problem.path, describeSchemaIssues([problem.issue], locale));
  }
}

/** Why a file could not be read or imported, in the UI's language. */
export function describeImportError(cause: unknown, locale: Locale): string {
  if (!(cause instanceof Error)) return describeWriteError(cause, locale);
  const issues = (cause as { issues?: Array<{ message: string; messageZh?: string }> }).issues;
  if (cause.name === 'ImportMappingError' && Array.isArray(issues)) return issues.map((issue) => (locale === 'zh-CN' ? (issue.messageZh ?? issue.message) : issue.message)).join(' ');
  if (cause.name === 'ImportFileError') return locale === 'zh-CN' ? '此浏览器无法读取该编码的文本。请在 Excel 或 WPS 中另存为“CSV UTF-8”后重新导入。' : cause.message;
  return describeWriteError(cause, locale);
}
