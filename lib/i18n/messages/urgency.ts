import { defineMessages } from '../core';

/** How urgent a next step is: on the account card's first screen, so apart from the funnel's long dictionary. */
export const urgencyMessages = defineMessages({
  en: {
    urgencyOverdue: 'Overdue',
    urgencyDue: 'Due today',
    urgencyUpcoming: 'Coming up',
    urgencyInfo: 'To do',
  },
  'zh-CN': {
    urgencyOverdue: '已逾期',
    urgencyDue: '今天到期',
    urgencyUpcoming: '即将到来',
    urgencyInfo: '待办',
  },
});
