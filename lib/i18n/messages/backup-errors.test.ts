import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, parseBackup } from '../../import/export';
import { describeRestoreError } from './backup-errors';

const refusal = (text: string) => {
  try {
    parseBackup(text);
  } catch (error) {
    return error;
  }
  throw new Error('expected the backup to be refused');
};

describe('describeRestoreError', () => {
  it('says in Chinese why a file is not a backup, is another version, or holds a bad value', () => {
    expect(describeRestoreError(refusal('{oops'), 'zh-CN')).toBe('这不是 Sidenote 备份：文件不是有效的 JSON。');
    expect(describeRestoreError(refusal('{"format":"x"}'), 'zh-CN')).toContain('请选择用“完整备份（JSON）”导出的文件');
    expect(describeRestoreError(refusal(JSON.stringify({ format: BACKUP_FORMAT, version: 9 })), 'zh-CN')).toBe('此备份的版本为 9，当前版本的 Sidenote 只能读取版本 1。请更新 Sidenote 后重试。');
    const invalid = describeRestoreError(refusal(JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: 1, accounts: [{ id: 1 }], contacts: [], deals: [], activities: [] })), 'zh-CN');
    expect(invalid).toMatch(/^备份中有 \d+ 个无效的值。第一个：accounts\[0\]\.id：/);
    expect(invalid.replace(/accounts\[0\][.\w]*/, '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('says it in English too', () => {
    expect(describeRestoreError(refusal('{oops'), 'en')).toBe('This is not a Sidenote backup: the file is not valid JSON.');
  });
});

describe('describeImportError', () => {
  it('says a mapping problem in Chinese', async () => {
    const { describeImportError } = await import('./backup-errors');
    const cause = Object.assign(new Error('The column mapping cannot be imported: …'), { name: 'ImportMappingError', issues: [{ field: 'deal.name', message: 'Deal columns are mapped but no deal name: map the deal name column.', messageZh: '已对应商机相关列，但没有商机名称：请对应商机名称列。' }] });
    expect(describeImportError(cause, 'zh-CN')).toBe('已对应商机相关列，但没有商机名称：请对应商机名称列。');
    expect(describeImportError(cause, 'en')).toBe('Deal columns are mapped but no deal name: map the deal name column.');
  });
});
