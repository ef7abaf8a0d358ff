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
