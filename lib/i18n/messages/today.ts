import { defineMessages } from '../core';

/** The Today view's own text; items the account card also shows use the card's words (lib/funnel/explain). */
export const todayMessages = defineMessages({
  en: {
    todayButton: 'Today',
    todayTitle: 'Today',
    todayShortcut: 'Open Today: your work across accounts',
    todayClose: 'Back to the account',
    todayLoading: 'Reading your tasks, promises and accounts…',
    todayEmpty: 'Nothing is due: no open tasks, promises, renewals or quiet accounts of yours.',
    todayCounting: 'Counting what else is due…',
    todayHint: 'Arrow keys move, Enter opens the account, D marks done, S snoozes until tomorrow.',
    groupOverdue: 'Overdue',
    groupToday: 'Today',
    groupThisWeek: 'This week',
    groupLater: 'Later',
    groupCount: (count: number) => (count === 1 ? '1 item' : `${count} items`),
    hiddenCount: (count: number) => (count === 1 ? '1 item snoozed or dismissed.' : `${count} items snoozed or dismissed.`),
    moreItems: (count: number) => `Show ${count} more`,
    moreQuietAccounts: (count: number) =>
      count === 1 ? '1 more of your accounts has gone quiet; Today lists the quietest first.' : `${count} more of your accounts have gone quiet; Today lists the quietest first.`,
    moreOverdueTasks: (count: number) =>
      count === 1 ? '1 more of your tasks is overdue; Today lists the most overdue first.' : `${count} more of your tasks are overdue; Today lists the most overdue first.`,
    moreLaterTasks: (count: number) =>
      count === 1 ? '1 more of your tasks is due later; Today lists the soonest first.' : `${count} more of your tasks are due later; Today lists the soonest first.`,
    moreStaleDeals: (count: number) =>
      count === 1 ? '1 more of your open deals has gone quiet; Today lists the quietest first.' : `${count} more of your open deals have gone quiet; Today lists the quietest first.`,
    moreOverduePromises: (count: number) =>
      count === 1
        ? '1 more of your promised follow-ups is overdue; Today lists the most overdue first.'
        : `${count} more of your promised follow-ups are overdue; Today lists the most overdue first.`,
    moreRenewals: (count: number) =>
      count === 1
        ? '1 more of your accounts renews within 90 days or has just passed its renewal date; Today lists the earliest dates first.'
        : `${count} more of your accounts renew within 90 days or have just passed their renewal date; Today lists the earliest dates first.`,
    moreWins: (count: number) =>
      count === 1
        ? '1 more deal you won in the last 90 days is not checked for its handoff and needs verification here; Today lists the latest wins first.'
        : `${count} more deals you won in the last 90 days are not checked for their handoff and needs verification here; Today lists the latest wins first.`,
    taskReason: (due: string) => `Your task, due ${due}.`,
    followUpReason: (madeOn: string, promisedOn: string) => `You promised on ${madeOn} to follow up by ${promisedOn}.`,
    done: 'Done',
    doneLabel: (title: string) => `Done: ${title}`,
    snooze: 'Snooze',
    snoozeLabel: (title: string) => `Snooze until tomorrow: ${title}`,
    markedDone: (title: string) => `Done: ${title}`,
    snoozed: (title: string) => `Snoozed until tomorrow: ${title}`,
  },
  'zh-CN': {
    todayButton: '今日',
    todayTitle: '今日待办',
    todayShortcut: '打开今日待办：跨客户的工作',
    todayClose: '返回客户',
    todayLoading: '正在读取你的任务、承诺和客户…',
    todayEmpty: '没有到期事项：你没有未完成的任务、承诺、续约或久未联系的客户。',
    todayCounting: '正在统计其余到期事项…',
    todayHint: '方向键移动，回车打开客户，D 标记完成，S 推迟到明天。',
    groupOverdue: '已逾期',
    groupToday: '今天',
    groupThisWeek: '本周',
    groupLater: '以后',
    groupCount: (count: number) => `${count} 项`,
    hiddenCount: (count: number) => `${count} 项已推迟或忽略。`,
    moreItems: (count: number) => `再显示 ${count} 项`,
    moreQuietAccounts: (count: number) => `另有 ${count} 个客户久未联系；今日待办先列出最久未联系的。`,
    moreOverdueTasks: (count: number) => `另有 ${count} 个任务已逾期；今日待办先列出逾期最久的。`,
    moreLaterTasks: (count: number) => `另有 ${count} 个任务以后到期；今日待办先列出最近到期的。`,
    moreStaleDeals: (count: number) => `另有 ${count} 个进行中的商机久未联系；今日待办先列出最久未联系的。`,
    moreOverduePromises: (count: number) => `另有 ${count} 个承诺的跟进已逾期；今日待办先列出逾期最久的。`,
    moreRenewals: (count: number) => `另有 ${count} 个客户将在 90 天内续约或刚过续约日；今日待办先列出日期最早的。`,
    moreWins: (count: number) => `另有 ${count} 个近 90 天赢单的商机未在此检查交接和需求确认；今日待办先列出最近赢单的。`,
    taskReason: (due: string) => `你的任务，${due} 到期。`,
    followUpReason: (madeOn: string, promisedOn: string) => `你在 ${madeOn} 承诺 ${promisedOn} 前跟进。`,
    done: '完成',
    doneLabel: (title: string) => `完成：${title}`,
    snooze: '推迟',
    snoozeLabel: (title: string) => `推迟到明天：${title}`,
    markedDone: (title: string) => `已完成：${title}`,
    snoozed: (title: string) => `已推迟到明天：${title}`,
  },
});
