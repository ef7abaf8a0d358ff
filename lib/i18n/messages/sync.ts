import type { SyncErrorCode } from '../../sync/status';
import type { Locale } from '../core';

type Params = Record<string, string | number>;
type Words = (params: Params) => { message: string; action: string };

/** What a sync failure means and what to do, per code (lib/sync/status.ts), in both languages. */
export const syncErrorWords: Record<Locale, Record<SyncErrorCode, Words>> = {
  en: {
    not_configured: () => ({ message: 'Sync is not set up: no server address or token.', action: 'Enter your team server and token in Settings. Your notes are kept here meanwhile.' }),
    bad_address: (p) => ({ message: `No Sidenote server answers at ${p.baseUrl ?? 'the configured address'}.`, action: 'Check the server address in Settings.' }),
    unreachable: (p) => ({ message: `Cannot reach the sync server${p.baseUrl ? ` at ${p.baseUrl}` : ''}.`, action: 'Nothing is lost: changes are kept and sent when the server is back.' }),
    bad_token: () => ({ message: 'The server refused the token (wrong or revoked).', action: 'Ask your admin for a new token and paste it in Settings. Changes are kept until then.' }),
    incompatible_version: () => ({ message: 'The server speaks another version of the sync protocol.', action: 'Update the extension, or ask your admin to update the server.' }),
    rate_limited: (p) => ({ message: 'The server asked Sidenote to slow down.', action: `Sync tries again in about ${p.retryAfterSeconds ?? 30} seconds.` }),
    server_error: () => ({ message: 'The sync server had an internal error.', action: 'Sync tries again by itself. If it keeps happening, tell your admin.' }),
    mutations_rejected: (p) => ({ message: `The server refused ${p.count ?? 'some'} change(s) for good.`, action: 'They are set aside with the reason below; everything else keeps syncing.' }),
    changes_held: (p) => ({ message: `The server has not accepted ${p.count ?? 'some'} change(s) yet: ${p.reason ?? 'no reason given'}`, action: 'They are kept and sent again automatically.' }),
    bad_cursor: () => ({ message: 'The server did not recognise where this browser left off.', action: 'Sync starts over by itself; nothing is lost.' }),
    resync_required: () => ({ message: 'This browser was offline longer than the server keeps deleted records.', action: 'Sync starts over by itself; unsent changes are kept and sent first.' }),
    bad_response: () => ({ message: 'The server sent an answer this version does not understand.', action: 'Update the extension; if it is current, tell your admin.' }),
    other_team: (p) => ({
      message: `This browser holds the records of team "${p.team ?? '?'}", but the settings point at team "${p.otherTeam ?? '?'}". Nothing was sent.`,
      action: 'Save the server settings again in Settings: switching teams asks first, sends what is waiting to the old team, then clears its records here.',
    }),
    internal: (p) => ({ message: `Sync failed inside this browser${p.detail ? `: ${p.detail}` : ''}.`, action: 'Sync tries again by itself; if it keeps happening, reload the extension.' }),
  },
  'zh-CN': {
    not_configured: () => ({ message: '尚未设置同步：缺少服务器地址或令牌。', action: '请在设置中填写团队服务器和令牌。笔记会一直保存在本机。' }),
    bad_address: (p) => ({ message: `${p.baseUrl ?? '所配置的地址'} 上没有 Sidenote 服务器响应。`, action: '请在设置中检查服务器地址。' }),
    unreachable: (p) => ({ message: `无法连接同步服务器${p.baseUrl ? ` ${p.baseUrl}` : ''}。`, action: '不会丢失任何内容：修改会保留，服务器恢复后自动发送。' }),
    bad_token: () => ({ message: '服务器拒绝了令牌（错误或已被吊销）。', action: '请向管理员申请新令牌并粘贴到设置中。在此之前修改都会保留。' }),
    incompatible_version: () => ({ message: '服务器使用的同步协议版本不同。', action: '请更新扩展，或请管理员更新服务器。' }),
    rate_limited: (p) => ({ message: '服务器要求 Sidenote 放慢速度。', action: `约 ${p.retryAfterSeconds ?? 30} 秒后自动重试。` }),
    server_error: () => ({ message: '同步服务器内部出错。', action: '会自动重试；如持续出现，请告知管理员。' }),
    mutations_rejected: (p) => ({ message: `服务器永久拒绝了 ${p.count ?? '部分'} 条修改。`, action: '这些修改已连同原因单独列出，其余内容照常同步。' }),
    // The server's reason is English text; its code says it in Chinese (an unknown code gets a plain word, never the English).
    changes_held: (p) => ({ message: `服务器暂未接受 ${p.count ?? '部分'} 条修改：${heldReasonZh(p.reasonCode)}`, action: '这些修改会保留并自动重新发送。' }),
    bad_cursor: () => ({ message: '服务器无法识别本浏览器上次同步到的位置。', action: '会自动从头同步，不会丢失内容。' }),
    resync_required: () => ({ message: '本浏览器离线的时间超过了服务器保留已删除记录的期限。', action: '会自动从头同步；尚未发送的修改会保留并先发送。' }),
    bad_response: () => ({ message: '服务器返回了此版本无法理解的内容。', action: '请更新扩展；如已是最新，请告知管理员。' }),
    other_team: (p) => ({
      message: `本浏览器保存的是团队「${p.team ?? '?'}」的记录，但设置指向团队「${p.otherTeam ?? '?'}」。没有发送任何内容。`,
      action: '请在设置中重新保存服务器设置：切换团队前会先确认，把尚未发送的修改发给原团队，再从本浏览器清除原团队的记录。',
    }),
    internal: (p) => ({ message: `同步在本浏览器内失败${p.detail ? `：${p.detail}` : ''}。`, action: '会自动重试；如持续出现，请重新加载扩展。' }),
  },
};

type RejectionCode = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'clock_skew';
const REJECTION_ZH: Record<RejectionCode, string> = {
  invalid: '服务器认为这条修改的内容无效，不会保存它。',
  forbidden: '你没有权限修改这条记录（可能属于其他团队成员的私密记录）。',
  not_found: '服务器上已没有这条记录（可能已被删除）。',
  conflict: '这条修改与服务器上的版本冲突，无法保存。',
  clock_skew: '本机时钟与服务器相差太大，修改被拒绝。请校准系统时间。',
};

function heldReasonZh(code: string | number | undefined): string {
  return typeof code === 'string' && Object.hasOwn(REJECTION_ZH, code) ? REJECTION_ZH[code as RejectionCode] : '服务器未说明可识别的原因。';
}

/**
 * Why the server set a change aside, for the sync notice. The server's reason is English
 * text; in zh-CN the rejection code (kept in the entry's last error, `code: message`) says it
 * instead, and a change the server kept failing to store says so.
 */
export function describeParkedReason(entry: { parkedReason: string | null; lastError: string | null; pushFailures?: number }, locale: Locale): string {
  if (locale === 'en') return entry.parkedReason ?? '';
  const code = /^([a-z_]+):/.exec(entry.lastError ?? '')?.[1];
  if (code && code in REJECTION_ZH) return REJECTION_ZH[code as RejectionCode];
  if ((entry.pushFailures ?? 0) > 0) return `服务器多次（${entry.pushFailures} 次）未能保存这条修改，已暂时搁置，其余修改照常同步。可以放弃它，或请管理员查看服务器日志。`;
  return '服务器拒绝了这条修改。';
}
