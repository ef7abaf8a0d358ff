import type { Stage } from '../../schemas';
import { defineMessages } from '../core';
import { urgencyMessages } from './urgency';

/**
 * Funnel, suggestion, pipeline and reminder text. Numbers and dates arrive formatted (the
 * caller owns the locale's formatters); these functions only arrange them into sentences.
 */

type Band = 'healthy' | 'watch' | 'atRisk';
type HealthInput = 'usage' | 'meetings' | 'issues' | 'nps';

const STAGE_NAMES_EN: Record<Stage, string> = {
  lead: 'Lead',
  qualified: 'Qualified',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  onboarding: 'Onboarding',
  adoption: 'Adoption',
  renewal: 'Renewal',
  won: 'Won',
  lost: 'Lost',
  churned: 'Churned',
};

const STAGE_NAMES_ZH: Record<Stage, string> = {
  lead: '线索',
  qualified: '商机确认',
  proposal: '方案',
  negotiation: '谈判',
  onboarding: '交付',
  adoption: '价值运营',
  renewal: '续约增购',
  won: '赢单',
  lost: '输单',
  churned: '流失',
};

const BANDS_EN: Record<Band, string> = { healthy: 'healthy', watch: 'watch', atRisk: 'at risk' };
const BANDS_ZH: Record<Band, string> = { healthy: '健康', watch: '观察', atRisk: '风险' };
const INPUTS_EN: Record<HealthInput, string> = { usage: 'feature usage', meetings: 'meeting time', issues: 'issue feedback', nps: 'NPS' };
const INPUTS_ZH: Record<HealthInput, string> = { usage: '功能使用率', meetings: '会议时长', issues: '问题反馈', nps: 'NPS' };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const days = (count: number) => plural(count, 'day', 'days');
const hours = (count: number) => plural(count, 'hour', 'hours');

export const funnelMessages = defineMessages({
  en: {
    stageName: (stage: Stage) => STAGE_NAMES_EN[stage],
    bandName: (band: Band) => BANDS_EN[band],
    healthInputName: (input: HealthInput) => INPUTS_EN[input],

    // Suggestion titles when the playbook gives none.
    titleFollowUp: (promise: string | null) => (promise ? `Follow up: ${promise}` : 'Follow up as promised'),
    titleHandoff: 'Hand over to customer success',
    titleNeedsVerification: 'Verify the core needs landed',
    titleChurnWarning: 'Churn warning: re-engage the customer',
    titleStale: 'Get back in touch',
    titleHealthAtRisk: 'Start the retention play',
    titleHealthWatch: 'Look into the health score',
    titleHealthOutdated: 'Measure customer health',
    titleRenewalSurvey: 'Re-survey needs before renewal',
    titleRenewalPassed: 'Record the renewal outcome',
    titleUpsell: 'Design an upsell',
    titleCloseDatePassed: (deal: string) => `Update the close date of ${deal}`,
    titleMissingFact: (fact: string) => `Find out: ${fact}`,
    titleUnconfirmedFact: (fact: string) => `Confirm: ${fact}`,
    titleReadyToAdvance: (stage: string) => `Ready to move to ${stage}`,

    // Reasons, with the numbers behind them.
    reasonOverdueTask: (due: string, overdueDays: number, overdueHours: number) =>
      `Was due ${due}; ${overdueDays >= 1 ? days(overdueDays) : hours(Math.max(1, overdueHours))} overdue.`,
    reasonTaskDueSoon: (due: string, hoursLeft: number) => `Due ${due}, ${hoursLeft < 1 ? 'within the hour' : `in ${hours(hoursLeft)}`}.`,
    reasonFollowUp: (madeOn: string, promisedOn: string, overdueDays: number) =>
      `Promised on ${madeOn} to follow up by ${promisedOn}; ${overdueDays >= 1 ? `${days(overdueDays)} overdue` : 'due today'}, with no touch since.`,
    reasonHandoffDue: (wonOn: string, deadlineHours: number, hoursLeft: number, known: number, total: number) =>
      `Won on ${wonOn}; hand over within ${deadlineHours} hours — ${hoursLeft < 1 ? 'less than an hour' : hours(hoursLeft)} left. ${known} of ${total} handoff items known.`,
    reasonHandoffOverdue: (wonOn: string, deadlineHours: number, hoursLate: number, known: number, total: number) =>
      `Won on ${wonOn}; the ${deadlineHours}-hour handoff is ${hoursLate >= 48 ? days(Math.floor(hoursLate / 24)) : hours(Math.max(1, hoursLate))} overdue. ${known} of ${total} handoff items known.`,
    reasonHandoffMissed: (wonOn: string, deadlineHours: number, known: number, total: number) =>
      `Won on ${wonOn}, recorded here after its ${deadlineHours}-hour handoff window had closed: missed. ${known} of ${total} handoff items known; write them down for customer success.`,
    reasonChecklistBlank: (savedOn: string, blank: number, total: number) =>
      `The handoff note saved on ${savedOn} leaves ${blank} of ${total} items blank.`,
    reasonNoteSavedBlank: (savedOn: string) => `A note was saved for it on ${savedOn}, but it does not say this yet.`,
    titleGoLiveLate: (deal: string) => `Get ${deal} live`,
    reasonGoLiveLate: (daysSinceClose: number, targetDays: number, level: 1 | 2 | 3) =>
      `Signed ${days(daysSinceClose)} ago and not live yet; the target is live within ${targetDays} days.` +
      (level === 3 ? ' Escalate to your manager and the customer success lead.' : level === 2 ? ' Escalate: agree a dated go-live plan with the customer’s sponsor.' : ''),
    titleTimeInStage: (deal: string) => `${deal} is stuck: bring a same-industry case`,
    reasonTimeInStage: (daysIn: number, stage: string, median: string, sample: number) =>
      `${days(daysIn)} in ${stage}; the team's median is ${median} (over ${plural(sample, 'deal', 'deals')}). Touches are not progress: switch to a success case from the same industry.`,
    titleLowUsage: 'Find out why usage is low',
    healthMover: (input: string, from: string, to: string, fell: boolean) => `${input} ${fell ? 'fell' : 'rose'} from ${from} to ${to}`,
    healthTrend: (since: string, mover: string | null, before: string, now: string) => `Since ${since}: ${mover ? `${mover}; ` : ''}score ${before} → ${now}.`,
    healthFormTitle: 'Record health inputs',
    healthFormSave: 'Save measurement',
    healthFormMeasuredOn: 'Measured on',
    healthFormHint: 'Each 0–100, where 100 is best (issue feedback: few open issues, handled fast).',
    healthFormRange: (input: string) => `${input}: write a number from 0 to 100.`,
    healthFormDateInvalid: 'Measured on: pick the date the inputs were measured.',
    reasonLowUsage: (usage: string, threshold: number, measuredOn: string) =>
      `Feature usage ${usage} of 100 (measured ${measuredOn}), under ${threshold}: customers who stop using the product are the ones who leave.`,
    titleTierChange: (tier: string) => `Move the account to the ${tier} tier`,
    reasonTierChange: (value: string, deals: number, tier: string, band: string, current: string | null) =>
      `Won deals in the last 12 months come to ${value} (${plural(deals, 'deal', 'deals')}): the ${tier} band, ${band}; the account is ${current ? `marked ${current}` : 'not tiered'}.`,
    bandFrom: (min: string) => `${min} or more`,
    bandBetween: (min: string, max: string) => `${min} up to ${max}`,
    bandUnder: (max: string) => `under ${max}`,
    verificationYours: 'Yours: the account was handed to you.',
    verificationTheirs: (csm: string | null) => `${csm ?? 'The customer success manager'}'s, who took the handoff.`,
    handedToYou: (by: string | null, known: number, total: number) => `Handed to you${by ? ` by ${by}` : ''}, ${known} of ${total} items`,
    handedTo: (csm: string, by: string | null, known: number, total: number) => `Handed to ${csm}${by ? ` by ${by}` : ''}, ${known} of ${total} items`,
    handedByYouTo: (csm: string, known: number, total: number) => `Handed to ${csm} by you, ${known} of ${total} items`,
    handoffNoCsm: (known: number, total: number) => `Not handed to anyone yet, ${known} of ${total} items`,
    handoffHeading: (deal: string) => `Handoff: ${deal}`,
    csmPickerLabel: 'Customer success manager',
    csmPickerNone: 'Pick the CSM',
    csmPickerOffline: 'The team list loads when the server is reachable; fill in the checklist meanwhile.',
    you: 'you',
    reasonVerification: (daysSinceClose: number, deadlineDays: number, daysLeft: number) =>
      daysLeft >= 0
        ? `Won ${days(daysSinceClose)} ago; customer success verifies the needs landed within ${deadlineDays} days — ${daysLeft === 0 ? 'due today' : `${days(daysLeft)} left`}.`
        : `Won ${days(daysSinceClose)} ago; the ${deadlineDays}-day needs verification is ${days(-daysLeft)} overdue.`,
    reasonChurn: (silentDays: number, thresholdDays: number, touched: boolean) =>
      touched
        ? `No touch logged for ${days(silentDays)} with a paying customer; the churn warning starts at ${thresholdDays}.`
        : `No touch logged in the ${days(silentDays)} since this stage began; the churn warning starts at ${thresholdDays}.`,
    reasonStale: (silentDays: number, stage: string, cadenceDays: number, touched: boolean) =>
      touched
        ? `No touch for ${days(silentDays)}; ${stage} stage expects one every ${cadenceDays}.`
        : `No touch in the ${days(silentDays)} since it entered ${stage}; the stage expects one every ${cadenceDays}.`,
    reasonHealthAtRisk: (score: string, weakest: string) => `Health score ${score} — at risk (below 60). Weakest input: ${weakest}.`,
    reasonHealthWatch: (score: string, weakest: string) => `Health score ${score} — on watch (60 to 80). Weakest input: ${weakest}.`,
    reasonHealthNever: 'No health score yet. It weighs usage 40%, meeting time 30%, issue feedback 20%, NPS 10%.',
    reasonHealthOld: (ageDays: number, measuredOn: string, maxAgeDays: number) =>
      `Health last measured ${days(ageDays)} ago (${measuredOn}); scores older than ${maxAgeDays} days no longer describe the customer.`,
    reasonUpsellHealthy: (score: string) => `Health score ${score} — healthy (80 or more): a good moment to grow the account.`,
    reasonUpsellRenewal: 'In renewal: design the upsell from the growth pains the customer has now.',
    reasonRenewalSurvey: (renewsOn: string, daysLeft: number, leadDays: number) =>
      `Renews on ${renewsOn}, ${daysLeft === 0 ? 'today' : `in ${days(daysLeft)}`}; the needs re-survey starts ${leadDays} days ahead.`,
    reasonRenewalPassed: (renewalDate: string, daysAgo: number) =>
      `The renewal date ${renewalDate} passed ${days(daysAgo)} ago. Record the outcome and set the next renewal date.`,
    reasonCloseDatePassed: (closeDate: string, daysPast: number) =>
      `Expected to close on ${closeDate}, ${days(daysPast)} ago. Close the deal or move the date.`,
    reasonExitCriterion: (stage: string, known: number, total: number) => `Exit criterion for ${stage}: ${known} of ${total} known.`,
    reasonKeyFact: (stage: string, known: number, total: number) => `Key fact for ${stage}: ${known} of ${total} known.`,
    reasonUnconfirmed: (value: string) => `Noted as “${value}” but not confirmed.`,
    reasonReadyToAdvance: (stage: string, total: number) => `All ${total} exit criteria for ${stage} are known.`,
    reasonStep: (stage: string, dueInDays: number, dueOn: string, dayInStage: number) =>
      `${stage} step, due ${days(dueInDays)} after entering the stage (${dueOn}); day ${dayInStage} in stage.`,
    reasonRepeatStep: (everyDays: number, lastDone: string | null, dueOn: string) =>
      `Every ${days(everyDays)}; ${lastDone ? `last done ${lastDone}` : 'not done yet in this stage'}; due ${dueOn}.`,

    // Prefilled text.
    checklistMissing: '(to fill in)',
    noTouchLogged: 'no touch logged',
    checklistLine: (position: number, label: string, value: string) => `${position}. ${label}: ${value}`,
    factLine: (label: string, value: string) => `${label}: ${value}`,
    noteFromTask: (task: string) => `Follow-up on: ${task}`,
    notePromise: (promise: string) => `Promised: ${promise}`,

    // SuggestionList
    suggestionsHeading: 'Next steps',
    suggestionsEmpty: 'Nothing needs doing here right now.',
    suggestionsHidden: (count: number) => `${count} dismissed or snoozed`,
    showMore: (count: number) => `Show ${count} more`,
    showFewer: 'Show fewer',
    ...urgencyMessages.en,
    whyLabel: 'Why',
    hintLabel: 'How',
    createTask: 'Create task',
    createTaskFor: (title: string) => `Create task: ${title}`,
    writeNote: 'Write note',
    writeNoteFor: (title: string) => `Write note: ${title}`,
    markDone: 'Mark done',
    markDoneFor: (title: string) => `Mark done: ${title}`,
    moveTo: (stage: string) => `Move to ${stage}`,
    dismiss: 'Dismiss',
    dismissFor: (title: string) => `Dismiss: ${title}`,
    snooze: 'Snooze',
    snoozeFor: (title: string) => `Snooze: ${title}`,
    snoozeTomorrow: 'Until tomorrow',
    snoozeThreeDays: 'For 3 days',
    snoozeNextWeek: 'For a week',
    handoffChecklist: 'Handoff checklist',
    checklistKnown: 'known',
    checklistUnknown: 'missing',

    // SuccessCases
    successCasesHeading: 'Success cases',
    successCasesIntro: (stage: string) => `Won deals like this one, and what moved them through ${stage}.`,
    successCasesEmpty: 'No won deals of the same industry and size yet. Set the industry and tier to find them.',
    successCasesNone: (industry: string) => `No won deals from other “${industry}” accounts yet.`,
    successCasesClosest: (industry: string, won: number) => `Closest industry with wins: ${industry} (${plural(won, 'won deal', 'won deals')}).`,
    matchIndustryTier: (industry: string, tier: string) => `Same industry (${industry}) and size (${tier})`,
    matchIndustry: (industry: string) => `Same industry (${industry})`,
    tierName: (tier: 'strategic' | 'growth' | 'smb') => ({ strategic: 'strategic', growth: 'growth', smb: 'inclusive' })[tier],
    caseClosed: (date: string, daysToClose: number | null) => `Won on ${date}${daysToClose !== null ? ` after ${days(daysToClose)}` : ''}`,
    caseStageDays: (stage: string, dayCount: number) => `${days(dayCount)} in ${stage}`,
    caseNotInStage: (stage: string) => `No recorded time in ${stage}`,
    caseTimeline: 'Stage path',
    caseNotes: (stage: string) => `Key notes from ${stage}`,
    caseNoNotes: 'No notes from this stage.',

    // PipelineFunnel
    pipelineTitle: 'Pipeline',
    pipelineEmpty: 'No deals yet.',
    pipelineSummary: (open: number, stale: number) => `${plural(open, 'open deal', 'open deals')}, ${stale} stale.`,
    pipelineStage: (stage: string, count: number, amount: string) => `${stage}: ${plural(count, 'deal', 'deals')}, ${amount}`,
    pipelineConversion: (from: string, to: string, percent: string) => `${from} → ${to}: ${percent} converted`,
    pipelineConversionNone: (from: string, to: string) => `${from} → ${to}: no deals reached ${from} yet`,
    pipelineStale: (count: number) => `${count} stale`,
    pipelineStaleList: 'Stale deals',
    pipelineStaleDeal: (deal: string, stage: string, silentDays: number, cadenceDays: number) =>
      `${deal} (${stage}): no touch for ${days(silentDays)}, expected every ${cadenceDays}`,
    pipelineAmountOther: (count: number) => `+${count} other ${count === 1 ? 'currency' : 'currencies'}`,
    pipelineNoAmount: 'no amount',
    pipelineLost: (count: number) => `${plural(count, 'deal', 'deals')} lost`,
    pipelineOpenDeal: (deal: string) => `Open ${deal}`,

    // StagePath
    stagePathLabel: 'Stage path',
    stagePathSince: (date: string, who: string | null) => `since ${date}${who ? `, moved by ${who}` : ''}`,
    stagePathCurrent: 'current',
    stagePathNoHistory: 'No stage changes recorded yet.',
    stagePathDays: (count: number) => days(count),
    stagePathUnknownDate: 'date not recorded',

    // HealthGauge
    healthLabel: 'Health score',
    healthValue: (score: string, band: string) => `${score} of 100, ${band}`,
    healthNotMeasured: 'Not measured yet',
    healthMeasuredOn: (date: string) => `Measured on ${date}`,
    healthContribution: (input: string, points: string, weight: number) => `${input}: ${points} of ${weight} points`,

    // StagePicker
    stagePickerLabel: 'Stage',
    stagePickerMove: 'Move',
    stagePickerMoveTo: (stage: string) => `Move to ${stage}`,
    stagePickerCurrent: (stage: string) => `Now in ${stage}`,
    stagePickerLostReason: 'Why was it lost?',
    stagePickerLostReasonRequired: 'Say why the deal was lost, so the team can learn from it.',
    stagePickerSame: 'Already in this stage',
    warnContactRoleMissing: (from: string, label: string, role: string) =>
      `Moved on from ${from} with no ${role.toLowerCase()} among the contacts, so “${label}” is not met. Add the ${role.toLowerCase()} as a contact with that role.`,
    stagePickerConfirm: (stage: string) => `Move to ${stage}? This closes the cycle; you can undo it right after.`,
    stagePickerConfirmButton: (stage: string) => `Yes, move to ${stage}`,
    stagePickerMoved: (stage: string) => `Moved to ${stage}.`,
    stagePickerUndo: 'Undo',
    stagePickerCancel: 'Cancel',

    // Browser notifications for reminders.
    reminderDueTitle: (task: string) => `Follow-up due: ${task}`,
    reminderNoReplyTitle: (subject: string) => `No reply yet: ${subject}`,
    reminderMessage: (account: string | null, detail: string | null) => [account, detail].filter(Boolean).join(' — ') || 'Open Sidenote to follow up.',
    reminderNoReplyDetail: (sentOn: string) => `No newer message on the thread since ${sentOn}.`,
    reminderUntitledTask: 'Task',
    reminderOpen: 'Open in Sidenote',
  },
  'zh-CN': {
    stageName: (stage: Stage) => STAGE_NAMES_ZH[stage],
    bandName: (band: Band) => BANDS_ZH[band],
    healthInputName: (input: HealthInput) => INPUTS_ZH[input],

    titleFollowUp: (promise: string | null) => (promise ? `按约跟进：${promise}` : '按约跟进'),
    titleHandoff: '向客户成功经理交接',
    titleNeedsVerification: '需求落地验证',
    titleChurnWarning: '流失预警：重新联系客户',
    titleStale: '重新联系客户',
    titleHealthAtRisk: '启动挽回策略',
    titleHealthWatch: '关注健康度',
    titleHealthOutdated: '测算客户健康度',
    titleRenewalSurvey: '续约前需求复勘',
    titleRenewalPassed: '记录续约结果',
    titleUpsell: '设计增购方案',
    titleCloseDatePassed: (deal: string) => `更新 ${deal} 的预计成交日期`,
    titleMissingFact: (fact: string) => `待了解：${fact}`,
    titleUnconfirmedFact: (fact: string) => `待确认：${fact}`,
    titleReadyToAdvance: (stage: string) => `可推进到${stage}阶段`,

    reasonOverdueTask: (due: string, overdueDays: number, overdueHours: number) =>
      `原定 ${due} 完成；已逾期 ${overdueDays >= 1 ? `${overdueDays} 天` : `${Math.max(1, overdueHours)} 小时`}。`,
    reasonTaskDueSoon: (due: string, hoursLeft: number) => `${due} 到期，${hoursLeft < 1 ? '不到 1 小时' : `还剩 ${hoursLeft} 小时`}。`,
    reasonFollowUp: (madeOn: string, promisedOn: string, overdueDays: number) =>
      `${madeOn} 约定在 ${promisedOn} 前跟进；${overdueDays >= 1 ? `已逾期 ${overdueDays} 天` : '今天到期'}，此后没有任何跟进记录。`,
    reasonHandoffDue: (wonOn: string, deadlineHours: number, hoursLeft: number, known: number, total: number) =>
      `${wonOn} 赢单；需在 ${deadlineHours} 小时内完成交接，${hoursLeft < 1 ? '剩余不到 1 小时' : `还剩 ${hoursLeft} 小时`}。交接信息已掌握 ${known}/${total} 项。`,
    reasonHandoffOverdue: (wonOn: string, deadlineHours: number, hoursLate: number, known: number, total: number) =>
      `${wonOn} 赢单；${deadlineHours} 小时交接已逾期 ${hoursLate >= 48 ? `${Math.floor(hoursLate / 24)} 天` : `${Math.max(1, hoursLate)} 小时`}。交接信息已掌握 ${known}/${total} 项。`,
    reasonHandoffMissed: (wonOn: string, deadlineHours: number, known: number, total: number) =>
      `${wonOn} 赢单，录入时 ${deadlineHours} 小时交接期限早已过去：已错过。交接信息已掌握 ${known}/${total} 项；请补齐后交给客户成功。`,
    reasonChecklistBlank: (savedOn: string, blank: number, total: number) => `${savedOn} 保存的交接记录中仍有 ${blank}/${total} 项空白。`,
    reasonNoteSavedBlank: (savedOn: string) => `${savedOn} 已为此保存过记录，但记录中还没有写明这一项。`,
    titleGoLiveLate: (deal: string) => `推动 ${deal} 上线`,
    reasonGoLiveLate: (daysSinceClose: number, targetDays: number, level: 1 | 2 | 3) =>
      `签约已 ${daysSinceClose} 天仍未上线；目标是签约后 ${targetDays} 天内上线。` +
      (level === 3 ? '请升级给你的主管和客户成功负责人。' : level === 2 ? '请升级：与客户的项目负责人约定有日期的上线计划。' : ''),
    titleTimeInStage: (deal: string) => `${deal} 停滞：换用同行业成功案例`,
    reasonTimeInStage: (daysIn: number, stage: string, median: string, sample: number) =>
      `在${stage}阶段已 ${daysIn} 天；团队中位数为 ${median} 天（基于 ${sample} 个商机）。跟进不等于推进：换用同行业的成功案例。`,
    titleLowUsage: '了解使用率低的原因',
    healthMover: (input: string, from: string, to: string, fell: boolean) => `${input}从 ${from} ${fell ? '降至' : '升至'} ${to}`,
    healthTrend: (since: string, mover: string | null, before: string, now: string) => `自 ${since} 以来：${mover ? `${mover}；` : ''}健康度 ${before} → ${now}。`,
    healthFormTitle: '录入健康度指标',
    healthFormSave: '保存测算',
    healthFormMeasuredOn: '测算日期',
    healthFormHint: '每项 0–100，100 为最好（问题反馈：未解决问题少、处理快）。',
    healthFormRange: (input: string) => `${input}：请填写 0 到 100 之间的数字。`,
    healthFormDateInvalid: '测算日期：请选择测算这些指标的日期。',
    reasonLowUsage: (usage: string, threshold: number, measuredOn: string) =>
      `功能使用率 ${usage}/100（测算于 ${measuredOn}），低于 ${threshold}：不再使用产品的客户最容易流失。`,
    titleTierChange: (tier: string) => `将客户调整为${tier}`,
    reasonTierChange: (value: string, deals: number, tier: string, band: string, current: string | null) =>
      `近 12 个月赢单合计 ${value}（${deals} 个）：属于${tier}区间（${band}）；当前${current ? `标记为${current}` : '未分层'}。`,
    bandFrom: (min: string) => `${min} 及以上`,
    bandBetween: (min: string, max: string) => `${min} 至 ${max} 以下`,
    bandUnder: (max: string) => `${max} 以下`,
    verificationYours: '由你负责：该客户已交接给你。',
    verificationTheirs: (csm: string | null) => `由接手交接的${csm ?? '客户成功经理'}负责。`,
    handedToYou: (by: string | null, known: number, total: number) => `${by ? `${by} ` : ''}已交接给你，交接信息 ${known}/${total} 项`,
    handedTo: (csm: string, by: string | null, known: number, total: number) => `${by ? `${by} ` : ''}已交接给 ${csm}，交接信息 ${known}/${total} 项`,
    handedByYouTo: (csm: string, known: number, total: number) => `你已交接给 ${csm}，交接信息 ${known}/${total} 项`,
    handoffNoCsm: (known: number, total: number) => `尚未指定接收人，交接信息 ${known}/${total} 项`,
    handoffHeading: (deal: string) => `交接：${deal}`,
    csmPickerLabel: '客户成功经理',
    csmPickerNone: '选择客户成功经理',
    csmPickerOffline: '连上服务器后才能加载团队成员；可以先填写交接清单。',
    you: '你',
    reasonVerification: (daysSinceClose: number, deadlineDays: number, daysLeft: number) =>
      daysLeft >= 0
        ? `赢单已 ${daysSinceClose} 天；客户成功需在 ${deadlineDays} 天内完成需求落地验证，${daysLeft === 0 ? '今天到期' : `还剩 ${daysLeft} 天`}。`
        : `赢单已 ${daysSinceClose} 天；${deadlineDays} 天需求落地验证已逾期 ${-daysLeft} 天。`,
    reasonChurn: (silentDays: number, thresholdDays: number, touched: boolean) =>
      touched
        ? `付费客户已 ${silentDays} 天没有跟进记录；连续 ${thresholdDays} 天没有跟进记录即触发流失预警。`
        : `进入本阶段 ${silentDays} 天以来没有跟进记录；连续 ${thresholdDays} 天没有跟进记录即触发流失预警。`,
    reasonStale: (silentDays: number, stage: string, cadenceDays: number, touched: boolean) =>
      touched
        ? `已 ${silentDays} 天未跟进；${stage}阶段应每 ${cadenceDays} 天跟进一次。`
        : `进入${stage}阶段 ${silentDays} 天仍未跟进；该阶段应每 ${cadenceDays} 天跟进一次。`,
    reasonHealthAtRisk: (score: string, weakest: string) => `健康度 ${score}，属于风险客户（低于 60 分）。最弱指标：${weakest}。`,
    reasonHealthWatch: (score: string, weakest: string) => `健康度 ${score}，属于观察客户（60–80 分）。最弱指标：${weakest}。`,
    reasonHealthNever: '尚未测算健康度。权重：功能使用率 40%、会议时长 30%、问题反馈 20%、NPS 10%。',
    reasonHealthOld: (ageDays: number, measuredOn: string, maxAgeDays: number) =>
      `健康度上次测算于 ${ageDays} 天前（${measuredOn}）；超过 ${maxAgeDays} 天的数据已不能反映客户现状。`,
    reasonUpsellHealthy: (score: string) => `健康度 ${score}，属于健康客户（80 分及以上）：适合推动增购。`,
    reasonUpsellRenewal: '处于续约增购阶段：结合客户当前的业务增长痛点设计增购方案。',
    reasonRenewalSurvey: (renewsOn: string, daysLeft: number, leadDays: number) =>
      `${renewsOn} 到期续约，${daysLeft === 0 ? '就是今天' : `还有 ${daysLeft} 天`}；需求复勘应提前 ${leadDays} 天启动。`,
    reasonRenewalPassed: (renewalDate: string, daysAgo: number) => `续约日期 ${renewalDate} 已过去 ${daysAgo} 天。请记录续约结果并设置下一个续约日期。`,
    reasonCloseDatePassed: (closeDate: string, daysPast: number) => `预计 ${closeDate} 成交，已过去 ${daysPast} 天。请结单或调整日期。`,
    reasonExitCriterion: (stage: string, known: number, total: number) => `${stage}阶段的推进条件：已满足 ${known}/${total} 项。`,
    reasonKeyFact: (stage: string, known: number, total: number) => `${stage}阶段的关键信息：已掌握 ${known}/${total} 项。`,
    reasonUnconfirmed: (value: string) => `已记录为“${value}”，但尚未确认。`,
    reasonReadyToAdvance: (stage: string, total: number) => `${stage}阶段的 ${total} 项推进条件均已满足。`,
    reasonStep: (stage: string, dueInDays: number, dueOn: string, dayInStage: number) =>
      `${stage}阶段动作，进入阶段后 ${dueInDays} 天内完成（${dueOn}）；当前为本阶段第 ${dayInStage} 天。`,
    reasonRepeatStep: (everyDays: number, lastDone: string | null, dueOn: string) =>
      `每 ${everyDays} 天一次；${lastDone ? `上次完成于 ${lastDone}` : '本阶段尚未做过'}；${dueOn} 到期。`,

    checklistMissing: '（待补充）',
    noTouchLogged: '暂无跟进记录',
    checklistLine: (position: number, label: string, value: string) => `${position}. ${label}：${value}`,
    factLine: (label: string, value: string) => `${label}：${value}`,
    noteFromTask: (task: string) => `跟进：${task}`,
    notePromise: (promise: string) => `约定事项：${promise}`,

    suggestionsHeading: '下一步',
    suggestionsEmpty: '目前没有需要处理的事项。',
    suggestionsHidden: (count: number) => `已忽略或稍后提醒 ${count} 条`,
    showMore: (count: number) => `再显示 ${count} 条`,
    showFewer: '收起',
    ...urgencyMessages['zh-CN'],
    whyLabel: '原因',
    hintLabel: '做法',
    createTask: '创建任务',
    createTaskFor: (title: string) => `创建任务：${title}`,
    writeNote: '写记录',
    writeNoteFor: (title: string) => `写记录：${title}`,
    markDone: '标记完成',
    markDoneFor: (title: string) => `标记完成：${title}`,
    moveTo: (stage: string) => `推进到${stage}`,
    dismiss: '忽略',
    dismissFor: (title: string) => `忽略：${title}`,
    snooze: '稍后提醒',
    snoozeFor: (title: string) => `稍后提醒：${title}`,
    snoozeTomorrow: '明天',
    snoozeThreeDays: '3 天后',
    snoozeNextWeek: '一周后',
    handoffChecklist: '交接清单',
    checklistKnown: '已掌握',
    checklistUnknown: '缺失',

    successCasesHeading: '成功案例',
    successCasesIntro: (stage: string) => `与当前客户相似的赢单，以及它们如何推进过${stage}阶段。`,
    successCasesEmpty: '暂无同行业、同规模的赢单。填写客户行业和分层后即可匹配。',
    successCasesNone: (industry: string) => `暂无其他“${industry}”行业客户的赢单。`,
    successCasesClosest: (industry: string, won: number) => `最相近且有赢单的行业：${industry}（${won} 个赢单）。`,
    matchIndustryTier: (industry: string, tier: string) => `同行业（${industry}）、同规模（${tier}）`,
    matchIndustry: (industry: string) => `同行业（${industry}）`,
    tierName: (tier: 'strategic' | 'growth' | 'smb') => ({ strategic: '战略客户', growth: '成长客户', smb: '普惠客户' })[tier],
    caseClosed: (date: string, daysToClose: number | null) => `${date} 赢单${daysToClose !== null ? `，历时 ${daysToClose} 天` : ''}`,
    caseStageDays: (stage: string, dayCount: number) => `在${stage}阶段停留 ${dayCount} 天`,
    caseNotInStage: (stage: string) => `没有${stage}阶段的记录`,
    caseTimeline: '阶段路径',
    caseNotes: (stage: string) => `${stage}阶段的关键记录`,
    caseNoNotes: '该阶段没有记录。',

    pipelineTitle: '销售漏斗',
    pipelineEmpty: '还没有商机。',
    pipelineSummary: (open: number, stale: number) => `进行中的商机 ${open} 个，其中 ${stale} 个久未跟进。`,
    pipelineStage: (stage: string, count: number, amount: string) => `${stage}：${count} 个商机，${amount}`,
    pipelineConversion: (from: string, to: string, percent: string) => `${from} → ${to}：转化率 ${percent}`,
    pipelineConversionNone: (from: string, to: string) => `${from} → ${to}：尚无商机到达${from}阶段`,
    pipelineStale: (count: number) => `${count} 个久未跟进`,
    pipelineStaleList: '久未跟进的商机',
    pipelineStaleDeal: (deal: string, stage: string, silentDays: number, cadenceDays: number) =>
      `${deal}（${stage}）：已 ${silentDays} 天未跟进，应每 ${cadenceDays} 天跟进一次`,
    pipelineAmountOther: (count: number) => `另有 ${count} 种币种`,
    pipelineNoAmount: '未填金额',
    pipelineLost: (count: number) => `输单 ${count} 个`,
    pipelineOpenDeal: (deal: string) => `打开 ${deal}`,

    stagePathLabel: '阶段路径',
    stagePathSince: (date: string, who: string | null) => `自 ${date}${who ? `，由 ${who} 推进` : ''}`,
    stagePathCurrent: '当前',
    stagePathNoHistory: '还没有阶段变更记录。',
    stagePathDays: (count: number) => `${count} 天`,
    stagePathUnknownDate: '未记录日期',

    healthLabel: '健康度',
    healthValue: (score: string, band: string) => `${score} 分（满分 100），${band}`,
    healthNotMeasured: '尚未测算',
    healthMeasuredOn: (date: string) => `测算于 ${date}`,
    healthContribution: (input: string, points: string, weight: number) => `${input}：${points}/${weight} 分`,

    stagePickerLabel: '阶段',
    stagePickerMove: '推进',
    stagePickerMoveTo: (stage: string) => `推进到${stage}`,
    stagePickerCurrent: (stage: string) => `当前阶段：${stage}`,
    stagePickerLostReason: '输单原因',
    stagePickerLostReasonRequired: '请填写输单原因，方便团队复盘。',
    stagePickerSame: '已处于该阶段',
    warnContactRoleMissing: (from: string, label: string, role: string) =>
      `离开${from}阶段时联系人中没有${role}，“${label}”未满足。请把${role}加为联系人并标明角色。`,
    stagePickerConfirm: (stage: string) => `确定推进到${stage}吗？这会结束当前阶段周期，推进后可立即撤销。`,
    stagePickerConfirmButton: (stage: string) => `确定推进到${stage}`,
    stagePickerMoved: (stage: string) => `已推进到${stage}。`,
    stagePickerUndo: '撤销',
    stagePickerCancel: '取消',

    reminderDueTitle: (task: string) => `跟进到期：${task}`,
    reminderNoReplyTitle: (subject: string) => `尚未回复：${subject}`,
    reminderMessage: (account: string | null, detail: string | null) => [account, detail].filter(Boolean).join(' — ') || '打开 Sidenote 跟进。',
    reminderNoReplyDetail: (sentOn: string) => `自 ${sentOn} 以来该邮件往来没有新消息。`,
    reminderUntitledTask: '任务',
    reminderOpen: '在 Sidenote 中打开',
  },
});

export type FunnelMessages = (typeof funnelMessages)['en'];
