import { defineMessages } from '../core';

/** Log this thread: the one-click button and its privacy setting. */
export const threadMessages = defineMessages({
  en: {
    logThread: 'Log this thread',
    updateThread: 'Update logged thread',
    logging: 'Logging…',
    loggedHint: (count: number | null) => (count === null ? 'Logged before; logging again updates it.' : `Logged before (${count === 1 ? '1 message' : `${count} messages`}); logging again updates it.`),
    threadCaptureSetting: 'What “Log this thread” keeps',
    threadCaptureHint: 'Subject, people and date are always kept. Choose how much of the messages’ text is stored and synced to your team.',
    mode_subject: 'Subject only, no message text',
    mode_excerpt: 'An excerpt of the latest message (default)',
    mode_visible: 'The visible text of the open messages',
  },
  'zh-CN': {
    logThread: '记录此邮件会话',
    updateThread: '更新已记录会话',
    logging: '正在记录…',
    loggedHint: (count: number | null) => (count === null ? '之前已记录；再次记录会更新原记录。' : `之前已记录（${count} 封邮件）；再次记录会更新原记录。`),
    threadCaptureSetting: '“记录此邮件会话”保存的内容',
    threadCaptureHint: '主题、参与人和日期始终保存。请选择保存并同步给团队的邮件正文范围。',
    mode_subject: '仅主题，不保存正文',
    mode_excerpt: '最新一封邮件的摘录（默认）',
    mode_visible: '已展开邮件的可见正文',
  },
});
