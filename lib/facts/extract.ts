/**
 * Facts from a rep's own words, offline: budget, decision maker, competitors, current
 * solution, pains, how they buy, the next step and its date, and when they expect to close.
 * Rules only (Chinese, English and the two mixed), tuned for precision: a wrong fact costs
 * the rep more than a missing one, so every rule needs an explicit cue, and distractors
 * (our price, revenue, past dates, contact persons, hypotheticals, negations) veto it.
 *
 * Quality is measured on the labelled corpus in test/fixtures/facts (`npm run eval:facts`).
 */
import { findMoney, type MoneyMention } from './amounts';
import { dayInZone, isoOf } from './calendar';
import { findDates, type DateMention } from './dates';
import { clausesOf, narrow, sentencesOf, type Span } from './text';

export const FACT_KEYS = ['budget', 'decisionMaker', 'competitors', 'currentSolution', 'keyPains', 'buyingProcess', 'nextStep', 'dueDate', 'expectedClose'] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export interface BudgetValue {
  amount: number;
  /** ISO 4217 code when the note states or clearly implies it, else null. */
  currency: string | null;
}

export interface FactProposal {
  key: FactKey;
  /** budget: amount and currency; dueDate/expectedClose: 'YYYY-MM-DD'; other keys: the phrase as written. */
  value: BudgetValue | string;
  /** UTF-16 offsets of the evidence in the text: `text.slice(start, end)`. */
  start: number;
  end: number;
  /** 0..1: how explicit the cue was. */
  confidence: number;
}

export interface ExtractOptions {
  /** The instant the note was written (epoch ms): relative dates resolve against it. */
  now: number;
  /** The rep's IANA time zone: "today" is the calendar day of `now` there. */
  timeZone: string;
  /** The team's own lists from the playbook: competitor names to spot, our products to ignore. */
  vocabulary?: { competitors?: readonly string[]; products?: readonly string[] };
}

/** Notes longer than this are cut: a pasted document is not a note, and rules stay fast. */
export const MAX_NOTE_CHARS = 20_000;

interface Context {
  text: string;
  today: number;
  timeZone: string;
  sentences: Span[];
  dates: DateMention[];
  money: MoneyMention[];
  competitors: string[];
  products: string[];
  out: FactProposal[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The mentions lying within [start, end), from a list sorted by start: a binary search, so
 * that looking up a clause's dates or amounts stays cheap in a long note. */
function within<T extends { start: number; end: number }>(sorted: readonly T[], start: number, end: number): T[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.start < start) low = mid + 1;
    else high = mid;
  }
  const out: T[] = [];
  for (let i = low; i < sorted.length && sorted[i]!.start < end; i++) if (sorted[i]!.end <= end) out.push(sorted[i]!);
  return out;
}

function push(ctx: Context, key: FactKey, value: BudgetValue | string, start: number, end: number, confidence: number): void {
  if (end <= start) return;
  if (typeof value === 'string') {
    value = value.trim();
    if (value.length === 0) return;
  }
  ctx.out.push({ key, value, start, end, confidence });
}

function phrase(ctx: Context, key: FactKey, start: number, end: number, confidence: number, leading = LEAD_FILLER, trailing = TRAIL_FILLER): void {
  const span = narrow(ctx.text, start, end, leading, trailing);
  const value = ctx.text.slice(span.start, span.end);
  if (!/[\p{L}\p{N}]/u.test(value)) return;
  push(ctx, key, value, span.start, span.end, confidence);
}

// ------------------------------------------------------------------------------------------
// Sentence types that state no fact, whatever words they contain

/** A sentence that asks rather than tells: "Is the $500k budget still approved?", "预算 50 万还有吗？". */
const ASKED_INDIRECTLY = /\b(?:asked|asks|wondered|wonders|wants to know)\s+(?:us\s+)?(?:whether|if)\b|问(?:我们|了|过|一下)?[^，。]{0,8}(?:能不能|能否|可不可以|是否|有没有|会不会|行不行)/i;
const ENGLISH_QUESTION_START = /^(?:[^:：]{0,30}[:：]\s*)?["“']?(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|who|what|when|which|how|why|where)\b/i;
const CHINESE_ASKING = /吗|么$|能不能|能否|可不可以|是否|有没有|会不会|行不行|多少|几/;

function endsWithQuestionMark(ctx: Context, sentence: Span): boolean {
  let after = sentence.end;
  while (after < ctx.text.length && /[ \t"'”’」)）]/.test(ctx.text[after]!)) after++;
  return ctx.text[after] === '?' || ctx.text[after] === '？' || /(?:吗|么)$/.test(sentence.text);
}

/**
 * Whether a clause of a sentence only asks: every clause of an English question or of a
 * reported one ("asked whether…"), and in Chinese the clause that carries the question
 * ("预算就2个w，能做吗" states the budget and asks about the rest).
 */
function clauseAsks(ctx: Context, sentence: Span, clause: Span): boolean {
  if (asksIndirectly(sentence)) return true;
  if (!endsWithQuestionMark(ctx, sentence)) return false;
  if (ENGLISH_QUESTION_START.test(sentence.text)) return true;
  return clause.end === sentence.end || CHINESE_ASKING.test(clause.text);
}

/** ASKED_INDIRECTLY of a sentence, read once per sentence rather than once per clause and date in it. */
const askedIndirectly = new WeakMap<Span, boolean>();
function asksIndirectly(sentence: Span): boolean {
  let asks = askedIndirectly.get(sentence);
  if (asks === undefined) {
    asks = ASKED_INDIRECTLY.test(sentence.text);
    askedIndirectly.set(sentence, asks);
  }
  return asks;
}

/** The sentence around an offset. */
function sentenceAt(ctx: Context, offset: number): Span | null {
  return ctx.sentences.find((sentence) => sentence.start <= offset && offset < sentence.end) ?? null;
}

/** A wish, plan or intention: what they want to do is not what hurts today ("wants to wait until…", "打算换掉"). */
const WISH_OR_PLAN = /(?<!\b(?:nobody|no one|not|never)\s)\b(?:wants? to|wanted to|would (?:like|rather|love|prefer)|'d (?:like|rather|love|prefer)|plans? to|planning to|hop(?:e|es|ing) to|intends? to|(?:is|are) going to|looking to|hold(?:ing)? off|wait(?:ing)? (?:until|till|for)|prefers? to)\b|打算|计划|准备(?!好)|(?<!不)想要|希望|考虑(?:换|上|明年|年后|以后)|等到|要等|推迟|延后|观望|再说/i;
/** A worry about the project, not a problem they have today. */
const WORRY = /担心|害怕|怕(?!麻烦)|顾虑|\bworr(?:y|ied|ies)\b|\bafraid\b|\bnervous\b/i;
/** A condition: what follows only holds if it happens. */
const CONDITION = /如果|假如|假设|(?<![主需只重想])要是|万一|\bif\b|\bunless\b|\bin case\b/i;
/** An offer, not an agreement: "Happy to run a workshop on 20 March", "如贵司有意向…". */
const OFFER = /\b(?:happy to|glad to|would be glad|feel free|let me know|if (?:you|that|it)\b|can offer|could offer|offered to|open to)\b|如有需要|如果需要|如贵司|有意向|欢迎/i;

/** Not yet agreed: "maybe next week", "可能下周再约", "they might pilot in June". */
const TENTATIVE = /\b(?:maybe|might|perhaps|possibly|potentially)\b|可能|也许|或许|说不定|看情况|不一定/i;
/** A condition in an earlier clause governs the rest of its sentence: "If legal clears it, they could sign by 30 June". */
const CONDITION_LEADS = /(?:^|[,，;；]\s*)(?:如果|假如|假设|(?<![主需只重想])要是|万一|\bif\b|\bunless\b|\bin case\b)|的话\s*[,，]?\s*$/i;

const LEAD_FILLER = /^(?:[\s:：,，、;；\-—–*•·>]|and\s|then\s|also\s|but\s|so\s|the\s+(?=pain\b)|是|就是|为|在|也|都|还|但是|但|不过|而且|另外|并且|并|然后|再|先|主要是|主要)+/i;
const TRAIL_FILLER = /(?:[\s.。,，;；:：、!！?？)）(（\-—–]|等|了|的|呢|吧|哈|啊)+$/;

// ------------------------------------------------------------------------------------------
// Budget

const BUDGET_CUE = /预算|心理价位|是上限|为上限|封顶|budget|set aside|earmarked|approved (?:the business case )?at|board approved/i;
/** Clauses where an amount is somebody else's number, a condition or a negation. */
const NOT_A_BUDGET = new RegExp(
  [
    '报价', '报了', '我们报', '那时候', '当时', '以前', '之前', '我方', '我司', '刊例', '标准价', '底价', '营收', '营业额', '销售额', '去年', '花了', '已经花', '花在',
    '如果', '假设', '假如', '(?<![主需只重想])要是', '的话', '没批', '没有预算', '没预算', '还没预算', '预算没', '预算还没', '砍', '冻结', '用完', '总价', '回款', '完成率', '目标',
    '大盘子', '里面', '里有', '以下', '折',
    // The last round's figure, a main contractor's total, a figure not to go by.
    '上一期', '上期', '总包', '别按', '不要按',
    '\\blist price', '\\bour (?:price|quote|offer|standard)', '\\bquoted?\\b', '\\boffer\\b', '\\brevenue', '\\blast year', '\\bspent', '\\bspend\\b',
    '\\bif\\b', 'were there', '\\bwould\\b', '\\brequest', 'asking for', 'not approved', "isn't approved", 'hasn\'t been', '\\bfrozen', '\\bcut\\b',
    '\\bACV\\b', '\\bARR\\b', '\\bMRR\\b', 'funding', '\\braised\\b', 'valuation', 'Series [A-E]\\b', '融资', '估值', '\\bquota\\b', '\\bPO\\b', 'discount', '\\bpricing\\b', '\\bper (?:user|agent|seat|load)', '/(?:user|agent|seat|load)', '每人', '每用户',
    'subscribers', 'employees', '\\bno (?:formal )?budget', '\\bwhole\\b', '\\bentire\\b', '\\bnorth of\\b', '\\bmaybe a tenth\\b',
    // Asked for, not granted: "报了 200 万，还没最终批", "pending approval".
    '没[^，,。]{0,4}批', '未批', '待批', '待定', '还没定', '申请中', '在申请', '\\bpending\\b', '\\bawaiting\\b', '\\bunapproved\\b', '\\bTB[CD]\\b', 'not (?:yet )?(?:final|approved|signed off)',
    // Who may approve how much is an approval limit, not what they will spend.
    '(?:就能|就可以|可以|能|自己)(?:批|审批|签)', '审批权限', '权限', '\\bapprov(?:e|es|al) (?:anything|everything)', '\\bsigns? (?:anything|everything|off on anything)', 'approval limit', 'signing authority', 'threshold',
  ].join('|'),
  'i',
);
/** A count, not money: "500 万用户", "300k users", "2M subscribers". */
const COUNTED_AFTER = /^\s*(?:多|余)?\s*(?:用户|会员|人|名|个|家|台|条|张|件|单|次|户|笔|行|份|辆|吨|平|字|粉丝|users?|customers?|members?|employees?|people|subscribers?|devices?|endpoints?|seats?|licen[cs]es?|orders?|tickets?|records?|rows?|SKUs?|visits?|downloads?|followers?|transactions?|calls?|messages?)\b|^\s*(?:多|余)?\s*(?:用户|会员|人|名|个|家|台|条|张|件|单|次|户|笔|行|份|辆|吨|平|字|粉丝)/i;
/** A negation right before an amount: "is NOT 500k", "不是 300 万". */
const NEGATED_AMOUNT = /(?:\bnot|不是|并非|\bover|\babove|\bunder|(?<!不)超过)\s*$/i;
/** A sentence that says the figure still awaits approval: "about 150k, CFO still needs to approve". */
const AWAITING_APPROVAL = /还(?:需要|要|得|没)[^，。,]{0,8}(?:批|审批)|要等[^，。,]{0,10}(?:批|审批|approv|sign)|尚未(?:批|审批)|\bstill (?:needs?|has|have) to (?:be )?(?:approv|sign)|\bneeds? (?:to be )?approv|\bpending (?:approval|sign-off)|\bsubject to approval\b/i;
/** A sentence that states a condition: its amounts are hypothetical ("如果 ROI 能证明，budget 可以到 100 万"). */
const HYPOTHETICAL = /如果|假设|假如|(?<![主需只重想])要是|\bif\b|\bwere there\b/i;

/** A cue right before the amount: "approved €75k", "confirmed $2.1M", "批了 260 万", "已下达 460 万". */
const BUDGET_CUE_BEFORE = /(?:\b(?:approved|confirmed|allocated|earmarked|set aside|can (?:do|spend|stretch to|go to|afford)|willing to (?:spend|pay)|has|have|got)\s+(?:about|around|roughly|up to|maybe)?\s*["“]?|(?:批了|批下来|下达了?|拨了|拨付了?|预留了?|分给[^，。,]{0,8}?的?|有|最多|不超过|上限|金额|能接受)\s*(?:大概|大约|约|差不多)?\s*)$/i;
/** Weak cues ("has", "有") need a stated currency: "has 300k users" is no money. */
const WEAK_BUDGET_CUE = /(?:\b(?:has|have|got)\s+(?:about|around|roughly|up to|maybe)?\s*["“]?|有\s*(?:大概|大约|约|差不多)?\s*)$/i;

/** A sentence whose amount is a signed deal, a share of a wider pot, what they pay today or a figure still to be settled. */
const NOT_A_BUDGET_SENTENCE = /合同已签|已签合同|不全是|\bnot all (?:of it )?(?:for|on)\b|才(?:能)?确定|\bwhat (?:we|they) pay\b/i;

/** What this purchase gets out of a wider pot: "这个项目 allocated 90 万", "营销这块只给了 60 万", "其中终端安全 80 万", "this project is 300 万". */
const PART_OF_POT = /其中|这个项目|本项目|这次(?:的)?项目|这块|这部分|这一块|分给|留给|给了|只给|allocated|earmark|of which|for this (?:project|purchase)|this project/i;
/** A pot that pays for more than this purchase: "今年 HR digital 总预算", "数字化预算", "明年 MarTech 预算", "whole/total/overall budget". */
const WIDER_POT = /总预算|总盘子|整体预算|全年预算|年度预算|(?:数字化|信息化|科技|IT|网络安全|安全|MarTech|marketing|digital)\s*(?:总)?预算|\b(?:whole|total|overall|annual IT|entire)\b[^.。]{0,20}\bbudget/i;

/** Of a pot and this purchase's part of it in one sentence, the part is the budget (corpus README). */
function dropWiderPots(ctx: Context, sentence: Span, before: number): void {
  const found = ctx.out.slice(before).filter((p) => p.key === 'budget');
  if (found.length < 2) return;
  const drop = new Set<FactProposal>();
  for (const pot of found) {
    const partAfter = found.find((part) => part.start >= pot.end && PART_OF_POT.test(ctx.text.slice(pot.end, part.end)) && (part.value as BudgetValue).amount < (pot.value as BudgetValue).amount);
    if (partAfter && WIDER_POT.test(ctx.text.slice(Math.max(sentence.start, pot.start - 12), pot.end))) drop.add(pot);
  }
  if (drop.size > 0) ctx.out = ctx.out.filter((p) => !drop.has(p));
}

function extractBudget(ctx: Context): void {
  for (const sentence of ctx.sentences) {
    const before = ctx.out.length;
    extractBudgetOf(ctx, sentence);
    dropWiderPots(ctx, sentence, before);
  }
}

function extractBudgetOf(ctx: Context, sentence: Span): void {
  {
    if (HYPOTHETICAL.test(sentence.text) || AWAITING_APPROVAL.test(sentence.text) || NOT_A_BUDGET_SENTENCE.test(sentence.text)) return;
    const clauses = clausesOf(sentence, /[，,；;]|\s[—–-]\s/g);
    let cueWaiting: Span | null = null;
    let potBefore = false;
    for (const clause of clauses) {
      const candidates = within(ctx.money, clause.start, clause.end);
      // "今年数字化预算是三百万，但营销这块只给了 60 万": the part after a pot carries the pot's cue.
      const partOfPot = potBefore && PART_OF_POT.test(clause.text);
      const cuedBefore = candidates.some((m) => {
        const before = ctx.text.slice(Math.max(clause.start, m.start - 16), m.start);
        return BUDGET_CUE_BEFORE.test(before) && (m.currency !== null || !WEAK_BUDGET_CUE.test(before));
      });
      const hasCue = BUDGET_CUE.test(clause.text) || cuedBefore || partOfPot;
      if (!hasCue && !cueWaiting) continue;
      if (NOT_A_BUDGET.test(clause.text) || clauseAsks(ctx, sentence, clause)) {
        cueWaiting = hasCue ? clause : cueWaiting;
        continue;
      }
      const accepted = candidates.filter((m) => !NEGATED_AMOUNT.test(ctx.text.slice(Math.max(clause.start, m.start - 6), m.start)) && !COUNTED_AFTER.test(ctx.text.slice(m.end, m.end + 12)));
      if (accepted.length === 0) {
        cueWaiting = hasCue ? clause : cueWaiting;
        continue;
      }
      const cueStart = hasCue ? clause.start + (clause.text.search(BUDGET_CUE) ?? 0) : clause.start;
      for (const money of accepted) {
        const start = cueStart <= money.start ? cueStart : money.start;
        push(ctx, 'budget', { amount: money.amount, currency: money.currency }, start, money.end, hasCue ? 0.9 : 0.75);
      }
      potBefore = WIDER_POT.test(clause.text);
      cueWaiting = null;
    }
  }
}

// ------------------------------------------------------------------------------------------
// Decision maker

const ZH_ROLE = /总|董事|长$|长[^期]|主任|经理|总监|老板|VP|CEO|CFO|CTO|CIO|COO|CMO|CHO|CDO|CISO|负责人|合伙人|委员会|办公会|老师|律师|先生|女士|小姐|部$|总部|[A-Z][a-z]+/;
const ZH_DM_AFTER = /(?:拍板的(?:人)?(?:是|为)|真正拍板的是|决策人(?:就是|是|为|：|:|(?!之一|之|的|是|就))|最终决策(?:人)?(?:在|是)|决策(?:者)?(?:在|是|：|:|要看|得看)|真正做决定的是|做决定的是|说了算的是|决定权在|(?:final )?decision maker\s*(?:是|:|：|=|is)|\bDM\s*(?:是|:|：|=|is)|final decision\s*(?:在|是|is with|sits with|with)|决策\s*[—–]\s*|(?:decision|决策|决定)\s*由\s*|签字(?:还是|最终|最后)?(?:要|得|由))\s*/gi;
const ZH_DM_BEFORE = /(?:(?:亲自|最后|最终|一个人|自己)?(?:拍板|说了算|点头)|说(?:她|他)(?:来)?定|(?:是)?(?:最终)?决策人(?!是|为|就|：|:)|(?:最终)?决定(?![权了])|决策(?![人在是者：:])|(?:自己能|来|最终)?批(?![了下准复])|审批|sign off|拍板|签字|(?:一起|那里|那边)?定(?=\s*(?:[。，；;,！!]|$)))/g;
const ZH_WHO_CUT = /[，。；;,、（(：:\n]|但|只是|是对接|是联系|，|(?:来)?做(?:决定)?$|(?:来)?做(?=[，。]|$)/;

function cleanZhWho(who: string): string {
  let value = who.trim();
  const said = /^(.*?)(?:明确)?(?:说|表示|确认|提到)[了：:]?\s*(.*)$/.exec(value);
  if (said) {
    // "于总明确说这个项目他拍板": the speaker is the one, when what follows is only a pronoun.
    const after = said[2]!.replace(/(?:这个项目|这个事|这事|这单)?(?:他|她|他们|自己|本人)?$/, '').trim();
    value = after.length >= 2 ? said[2]! : said[1]!;
  }
  value = value.replace(/^(?:这事|这个事|这件事|这单|但是|但|不过|而且|最终还得|最终要|最后要|最终|最后|还得|要|需要|得|由|报|给|在|是|就是|真正的?|明确|这个项目)+/, '');
  value = value.replace(/(?:手里|手上|那里|那边|这里|一起)$/, '');
  // "买不买是 CFO 马丽定": who comes after the last 是.
  const copula = value.lastIndexOf('是');
  if (copula >= 0 && value.length - copula - 1 >= 2) value = value.slice(copula + 1);
  value = value.replace(/^(?:要?报到|报给|交给|到)\s*/, '');
  value = value.replace(/(?:本人|亲自|自己|一个人|一起|明确说这个项目他|说这个项目他|这个项目他|他|她|不|能|可以|来|最后|最终|就)+$/, '');
  return value.trim();
}

function pushWho(ctx: Context, who: string, whoStart: number, evidenceStart: number, evidenceEnd: number, confidence: number): void {
  for (const part of who.split(/\s*(?:\+|和|与|、|&)\s*/)) {
    const value = part.trim();
    if (value.length < 2 && !/[\u4e00-\u9fff]{1}总/.test(value)) continue;
    if (/^(?:我|我们|我方|他|她|他们|you|we|us|they|he|she|it|who|our|the|this|客户|对方|集团|总部)$/i.test(value)) continue;
    if (/^(?:OA|IT)$/i.test(value)) continue;
    const at = ctx.text.indexOf(value, whoStart);
    const start = at >= 0 ? Math.min(at, evidenceStart) : evidenceStart;
    const end = at >= 0 ? Math.max(at + value.length, evidenceEnd) : evidenceEnd;
    push(ctx, 'decisionMaker', value, start, end, confidence);
  }
}

// Tokens must not overlap (one way to match each word), or a run of capitals backtracks exponentially.
// Whole month names only: "Marketo" and "Junction" are no months.
const MONTH_WORD = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
// Lowercase particles belong to the name they precede: Pieter de Vries, Ingrid van der Berg, Ahmad bin Ismail.
const NAME_PARTICLES = '(?:(?:de|da|das|do|dos|du|del|della|di|van|von|der|den|ter|ten|la|le|bin|binti|bint|al|el|zu|y)\\s+){0,3}';
// Bounded: a word of a name is short and a name has few words. Unbounded repeats here make a long
// run of capitals (a pasted table) quadratic, every start position reading to its end.
const EN_NAME_TOKEN = `(?:${NAME_PARTICLES}[A-Z][\\w.'’&-]{0,30}|of|for|and|\\+|steering|committee|board|council)`;
const EN_WHO = `(${EN_NAME_TOKEN}(?:\\s+${EN_NAME_TOKEN}){0,7})`;
/** An English name (or a name and its role) opening the text after a cue; built once, not per cue found. */
const EN_WHO_AT_START = new RegExp(`^(?:the |their |your )?${EN_WHO}(?:,\\s+(${EN_NAME_TOKEN}(?:\\s+${EN_NAME_TOKEN})+))?`);
const EN_DM_AFTER = new RegExp(
  `(?:[Ff]inal (?:call|decision|say)(?: is| sits| rests| lies)? with|[Dd]ecision (?:sits|rests|lies) with|\\bDM\\s*(?:=|:|is)|[Dd]ecision[- ][Mm]aker\\s*(?:=|:|is)|\\bDecision\\s*(?:=|:)|\\b[Dd]ecision by|[Ss]ign-off (?:from|by)|[Aa]pproval from|[Ee]conomic buyer\\s*(?:=|:|is)|[Ff]inal approval\\s*[:=]|[Dd]ecision (?:will be |is |gets )?made by)\\s+(?:you and )?(?:our |their |the )?(?:owner,\\s+)?(?:the |their |your |his |her |its )?${EN_WHO}(?:,\\s+(${EN_NAME_TOKEN}(?:\\s+${EN_NAME_TOKEN})+))?(\\s*\\((?:Dr\\.?\\s+)?[A-Z][^)]{1,40}\\))?`,
  'g',
);
const EN_DM_BEFORE = new RegExp(
  `${EN_WHO}\\s*(\\([^)]{1,40}\\))?(?:,\\s+(?:the\\s+|their\\s+|our\\s+)?[a-z][\\w-]{0,20}(?:\\s+[a-z][\\w-]{0,20}){0,3},)?,?\\s+(?:who\\s+)?(?:(?:has|have) (?:the )?final (?:call|say)|makes? (?:all |the )+(?:final |purchasing )*(?:call|decisions?)|owns the decision|(?:is|are) (?:the |our |their )?(?:DM|decision[- ]maker|economic buyer|final decision[- ]maker|only decision maker)|decides?\\b(?! to\\b)(?: (?:jointly|together))?|takes? (?:all |the )+(?:final )?decisions?|(?:[a-z]+\\s+){1,3}and (?:decides?|signs)\\b(?! to\\b)|signs(?: off)?\\b(?! up for)|will sign\\b|can sign\\b|will approve\\b|can approve\\b|approves\\b(?! anything| everything)|will make the final decision|holds the budget)`,
  'g',
);

/** A body named with lowercase words after a decision cue: "the final call is with the investment committee". */
const EN_DM_BODY_AFTER = /(?:\b[Ff]inal (?:call|decision|say)(?: is| sits| rests| lies)? with|\b[Dd]ecision (?:sits|rests|lies) with|\b[Dd]ecision (?:is )?by|\bDecision\s*[:=]|\bDM\s*(?:=|:|is))\s+(?:the |their |an? )?((?:[A-Za-z-]+\s+){0,3}(?:committee|board|council|panel)\b)/g;
const DEPARTMENT = /^(?:Legal|Procurement|Purchasing|Finance|IT|Security|InfoSec|Compliance|HR|Risk|Audit|Operations|Ops)(?:\s+(?:team|department|dept))?$/i;
/** A body that approves or signs off is a step of how they buy, not who decides. */
const BODY = /\b(?:committee|board|council|panel|trustees|governors|directors)\b|委员会|办公会|董事会|党委会|上会/i;

/** A role named after a name, as in "Dato' Ahmad bin Ismail, your Managing Director, …". */
const ROLE_AFTER_NAME = new RegExp(`((?:[A-Z][\\w'’-]{0,20}\\s+)?${NAME_PARTICLES}[A-Z][\\w'’-]{1,20}(?:\\s+${NAME_PARTICLES}[A-Z][\\w'’-]{1,20}){0,2}),\\s*(?:(?:your|their|our|the|its)\\s+|[a-z][\\w-]{1,20}\\s+){0,2}$`);
const ROLE_WORD = /\b(?:Director|Manager|Officer|President|Chair(?:man|woman|person)?|Head|Owner|Partner|Founder|Principal|Superintendent|GM|MD|CEO|CFO|COO|CTO|CIO|CMO|CISO|VP)\b/;
/** Somebody named "decision maker" in brackets: "陈立 (decision maker)", "Rita Moreno (exec sponsor, final decision)". */
const DM_IN_BRACKETS = new RegExp(`((?:(?:Dr|Mr|Ms|Mrs)\\.?\\s+)?[A-Z][\\w'’-]{1,20}(?:\\s+${NAME_PARTICLES}[A-Z][\\w'’-]{1,20})?|[\\u4e00-\\u9fff]{2,4})\\s*[（(][^()（）]{0,30}?(?:decision[- ]maker|final (?:decision|call|say)|\\bDM\\b|决策人|拍板)[^()（）]{0,20}[)）]`, 'g');
/** "he signs everything", "他拍板", "啥都她定": a pronoun that decides stands for the last person named before it. */
const PRONOUN_DECIDES = /\b(?:he|she)\s+(?:signs(?! up)|decides\b(?! to\b)|has the final say|makes the (?:final )?call)|[他她](?:来)?(?:拍板|说了算|一个人定|定(?=\s*(?:[。，；;,！!]|$))|签字|做决定)/g;
const PERSON_BEFORE = /(?:(?:Dr|Mr|Ms|Mrs)\.?\s+)?[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|[\u4e00-\u9fff]{1,2}))?(?=[\s,，—–-]*$)|[\u4e00-\u9fff]总|老板娘|老板|董事长|总经理|校长|院长|厂长|主任|(?:CEO|CFO|COO|CTO|CIO|VP)\s?(?:[A-Z][a-z]+\s?)?[\u4e00-\u9fff]{0,3}/g;

/** Marks after which a Chinese cue's person is named: "审批流程：王总拍板". */
const WHO_AFTER_MARKS = '：:→>、+';

function extractDecisionMaker(ctx: Context): void {
  for (const sentence of ctx.sentences) {
    const text = sentence.text;
    // "Who will sign the order form now that Pat has left?" names nobody.
    if (clauseAsks(ctx, sentence, sentence)) continue;
    ZH_DM_AFTER.lastIndex = 0;
    for (let m = ZH_DM_AFTER.exec(text); m; m = ZH_DM_AFTER.exec(text)) {
      const from = m.index + m[0].length;
      const rest = text.slice(from);
      // An English name after an English cue: take the name tokens only.
      const english = EN_WHO_AT_START.exec(rest);
      let who: string;
      const upToDelimiter = rest.slice(0, Math.max(0, rest.search(/[，。；;,\n(（]|$/)));
      if (english && !/[\u4e00-\u9fff]/.test(upToDelimiter)) {
        who = english[2] ?? english[1]!;
      } else {
        const cut = rest.search(ZH_WHO_CUT);
        who = cleanZhWho(cut >= 0 ? rest.slice(0, cut) : rest);
        who = who.replace(/(?:拍板|决定|决策|说了算|点头|一起定|定|批|sign off)$/i, '').trim();
        who = cleanZhWho(who);
      }
      if (who.length > 24 || who.length === 0) continue;
      pushWho(ctx, who, sentence.start + from, sentence.start + m.index, sentence.start + from + who.length, 0.85);
    }
    for (const clause of clausesOf(sentence, /[，,；;]|\s[—–-]\s/g)) {
      // The last mark before each cue, found by one pass over the clause rather than a search back
      // from every cue (quadratic in a clause of many cues).
      let lastMark = -1;
      let scanned = 0;
      ZH_DM_BEFORE.lastIndex = 0;
      for (let m = ZH_DM_BEFORE.exec(clause.text); m; m = ZH_DM_BEFORE.exec(clause.text)) {
        const before = clause.text.slice(0, m.index);
        for (; scanned < m.index; scanned++) if (WHO_AFTER_MARKS.includes(clause.text[scanned]!)) lastMark = scanned;
        if (/拍板的|决策人是|决策在|说了算的是/.test(clause.text.slice(m.index, m.index + 6))) continue;
        if (!/[\u4e00-\u9fff]/.test(before + m[0])) continue;
        const cut = lastMark;
        let who = cleanZhWho(cut >= 0 ? before.slice(cut + 1) : before);
        who = who.replace(/[（(][^）)]*[）)]?$/, '').trim() || who;
        if (!who || who.length > 26 || !ZH_ROLE.test(who)) continue;
        if ((m[0].includes('批') || m[0].includes('审批')) && /会$|部$|集团|总部|OA|^(?:法务|采购|财务|IT|信息|技术)/.test(who)) continue;
        if (/没|不知道|做不了|只是|不是|并非/.test(clause.text)) continue;
        // "15 万以内项目经理自己就能批": an approval limit, not who decides this deal.
        if (/以内|以下|以上|之内|不超过|超过/.test(clause.text) && /批|签/.test(m[0])) continue;
        const whoAt = clause.text.lastIndexOf(who, m.index);
        pushWho(ctx, who, clause.start + Math.max(0, whoAt), clause.start + Math.max(0, whoAt), clause.start + m.index + m[0].length, 0.8);
      }
    }
    EN_DM_AFTER.lastIndex = 0;
    for (let m = EN_DM_AFTER.exec(text); m; m = EN_DM_AFTER.exec(text)) {
      let who = m[2] ?? m[1]!;
      if (m[3]) who = `${who}${m[3]}`;
      // "Decision: CMO Amy 陈": a Chinese surname written after an English given name.
      const hanTail = /^\s?[\u4e00-\u9fff]{1,2}(?![\u4e00-\u9fff])/.exec(text.slice(m.index + m[0].length));
      if (hanTail && !m[3]) who = `${who}${hanTail[0]}`;
      if (new RegExp(`^${MONTH_WORD}$`).test(who)) continue;
      who = who.replace(/\s+(?:of|for)$/, '').trim();
      if (/^(?:of|for|steering|committee|board|council)$/i.test(who)) continue;
      if (/^(?:sign-off|approval)/i.test(m[0]) && BODY.test(who)) continue;
      pushWho(ctx, who, sentence.start + m.index, sentence.start + m.index, sentence.start + m.index + m[0].length, 0.85);
    }
    EN_DM_BODY_AFTER.lastIndex = 0;
    for (let m = EN_DM_BODY_AFTER.exec(text); m; m = EN_DM_BODY_AFTER.exec(text)) {
      const who = m[1]!.trim();
      if (/^(?:the|a|an|their|our|no)\s/i.test(who)) continue;
      pushWho(ctx, who, sentence.start + m.index + m[0].length - m[1]!.length, sentence.start + m.index, sentence.start + m.index + m[0].length, 0.8);
    }
    EN_DM_BEFORE.lastIndex = 0;
    for (let m = EN_DM_BEFORE.exec(text); m; m = EN_DM_BEFORE.exec(text)) {
      let who = m[1]!.trim();
      // "Head of Data Engineering (Aaron Lee) can approve": the name in brackets is the person.
      const bracketName = m[2] ? /^\((?:Dr\.?\s+|Mr\.?\s+|Ms\.?\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\)$/.exec(m[2]) : null;
      if (bracketName) who = bracketName[1]!;
      // Sentence-initial capitals that are not names.
      who = who.replace(/^(?:(?:Next|Then|And|and|\+|But|So|Decision|Process|Budget|Current|Also|Champion|Who|Today)\b\s*|\+\s*)+/, '');
      if (!who || /^(?:I|We|You|They|He|She|It|Our|The|This|That|Who)(?:['’](?:ll|d|re|ve|s))?$/.test(who)) continue;
      // "Dato' Ahmad bin Ismail, your Managing Director, will make the final decision": the name
      // written before the role it is given.
      const named = ROLE_AFTER_NAME.exec(text.slice(Math.max(0, m.index - 60), m.index));
      if (named && ROLE_WORD.test(who) && !/^(?:The|Our|Their|Your)$/.test(named[1]!)) who = named[1]!;
      // "They'll sign by March 30 if the GM approves": an approval that is only a condition.
      if (/\b(?:if|unless|once)\s+(?:the\s+|their\s+|our\s+)?$/i.test(text.slice(Math.max(0, m.index - 14), m.index))) continue;
      if (/\b(?:board|council)\b/i.test(who) && !/\b(?:Executive Board)\b/.test(who)) continue;
      if (/sign|approv/i.test(m[0]) && BODY.test(who)) continue;
      // A department that approves its part (legal, procurement) is a step, not who decides.
      if (/sign|approv/i.test(m[0]) && DEPARTMENT.test(who)) continue;
      who = who.replace(/^(?:The|the)\s+/, '');
      if (new RegExp(`^${MONTH_WORD}(?:\\s|$)`).test(who)) continue;
      // "The CEO, who used to work at Oracle, makes the final call": the object of a preposition is nobody's subject.
      if (/\b(?:at|for|from|with|of|to|in|on|by|about|into)\s+$/i.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
      if (/approv|sign/i.test(m[0]) && /^\s*(?:over|above|anything|everything)\b/i.test(after)) continue;
      // "Jim is the decision maker for anything under $50k": a limit, not this deal's decision.
      if (/^\s*(?:for|on)\s+(?:anything|deals?|purchases?|spend|contracts?)\s+(?:under|below|up to|less than|over|above)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
      pushWho(ctx, who, sentence.start + m.index, sentence.start + m.index, sentence.start + m.index + m[0].length, 0.8);
    }
    DM_IN_BRACKETS.lastIndex = 0;
    for (let m = DM_IN_BRACKETS.exec(text); m; m = DM_IN_BRACKETS.exec(text)) {
      if (/(?:\bnot\b|不是|并非|isn't)/i.test(m[0])) continue;
      pushWho(ctx, m[1]!.trim(), sentence.start + m.index, sentence.start + m.index, sentence.start + m.index + m[0].length, 0.75);
    }
    PRONOUN_DECIDES.lastIndex = 0;
    for (let m = PRONOUN_DECIDES.exec(text); m; m = PRONOUN_DECIDES.exec(text)) {
      const before = text.slice(Math.max(0, m.index - 80), m.index);
      if (/没|不是|并非|\bnot\b|只是/.test(before.slice(-12)) || /\bif\b|如果/.test(before)) continue;
      let person: RegExpExecArray | null = null;
      PERSON_BEFORE.lastIndex = 0;
      for (let p = PERSON_BEFORE.exec(before); p; p = PERSON_BEFORE.exec(before)) person = p;
      if (!person || /^(?:He|She|They|We|I|It|The|This|That|Our|Their|Owner|Next|Budget)$/.test(person[0].trim())) continue;
      const at = sentence.start + Math.max(0, m.index - 80) + person.index;
      pushWho(ctx, person[0].trim().replace(/(?:说|表示|讲|提到|也)+$/, ''), at, at, sentence.start + m.index + m[0].length, 0.7);
    }
  }
}

// ------------------------------------------------------------------------------------------
// Competitors

const NOT_A_VENDOR = /^(?:MDR|XDR|EDR|SIEM|SOC|CRM|ERP|SaaS|DLP|BI|CDP|MES|WMS|TMS|IM|HR|IT|POC|ROI|us|we|ourselves|our product|them|someone else|anyone(?: else)?|others?|other vendors?|it|one|a few|the|我们|我方|我们公司|别家|国产|本地|几家|其他|其他家|其他厂商|他们|客户|对方)$/i;
const EN_COMPETITOR_CUE = /\b(?:also talking to|talking to|talking with|(?:also )?speaking (?:to|with)|evaluating|evaluate|comparing (?:us |you )?(?:with|to|against)|competing (?:with|against)|(?:also )?(?:trialed|trialled|demoed)|compared (?:us )?(?:with|to)|compared with|shortlist(?: is| includes|:| =)?|short-list|(?:also )?looking at|also considering|considering|up against|bake-off (?:against|with)|(?:also )?trialing|trialling|demos? from|quote from|competitors?(?: in the process)?\s*:|comp\s*:|alongside|\bvs\.?|versus|against)\s*:?\s*/gi;
const EN_COMPETITOR_AFTER = /^\s*(?:is|are)\s+(?:also\s+|already\s+|still\s+)?(?:on the shortlist|in the running|running a trial|in with a pilot|under consideration|in the mix|being (?:considered|evaluated)|on site for a (?:trial|pilot|POC))|^\s*(?:also\s+)?submitted/i;
const ZH_VENDORS_CAME = /(?:^|[，,：:—–\s]|对手是|竞品是)([^，。；;：:]{2,24}?)(?:也|都)(?:来|已经来)(?:交流|演示|讲方案|讲过|拜访|过)/g;
const ZH_VENDORS_BETWEEN = /在([^，。；;]{2,20}?)之间(?:犹豫|选|摇摆|纠结)/g;
const ZH_COMPETITOR_CUE = /(?:对手是|竞争对手是|竞品是|竞争\s*[—–:：]|竞品在谈的有|在谈的有|(?:已经)?在\s*POC\s*的有|同时在测|并行测试|在测试|在测|同时接触|也在看|还在看|在看的还有|在看|在对比|对比的还有|对比了|对比|在比较|比较了|同时在接触|在接触|还在接触|在评估|评估|比价的有|竞品\s*[：:]|候选\s*[：:]|也邀请了|邀请了|在试|也在试|也在谈|在谈|也在跟|在跟|在和|Evaluating\s*:|Competitors?\s*:|Competitor\s*:|竞品有|在看的有|三家\s*PK\s*[：:])\s*/g;
const CURRENT_OR_GONE = /放弃|没继续|没续|\bfound it too\b|在用|用的是|现在用|目前用|目前使用|当前使用|现在是|现有|用了|还在用|自己就在用|正在用|出局|淘汰|签了|选了|同业|隔壁|行业里|竞争对手（|\bcurrently\b|\btoday\b|they(?:'re| are) on|\brunning\b|\bruns? on\b|migrating off|moving off|moving from|replacing|incumbent|stay on|happy with|dropped|ruled out|didn't work out|\bchose\b|signed with|lost to|\bpeers\b|\brivals\b|\bwe won\b|\bran\b|last month|only vendor/i;
const ITEM_TRIM_LEAD = /^(?:[\s:：,，、]|(?:an?\s+)?(?:local\s+|small\s+|smaller\s+|big\s+)?(?:shop|vendor|company|player|firm|startup|outfit|one)\s+called\s|一家叫|叫|maybe\s|possibly\s|perhaps\s|probably\s|the\s|us\s+and\s|ourselves|us\s|also\s|both\s|还有|的还有|有|了|也|都|就剩|我们和|我们、|我们|和|与|跟|及|以及|vs\.?\s|against\s|alongside\s|with\s|to\s)+/i;
const ITEM_TRIM_TAIL = /(?:[\s.。,，;；:：、]|['’]s\s+[a-z][\w\s-]{0,30}|的OCR|的\s*OCR|的$|\s*\([^)]*\)|\s*（[^）]*）|as well|too|also|in the process|in with a pilot|as a replacement|等|的产品|的演示|的代理商|的人|的销售|来讲方案|交流|都已经交流过|已经交流过|在跟|聊|谈|比|在|那边|这家)+$/i;

function listItems(ctx: Context, start: number, end: number): Array<{ value: string; start: number; end: number }> {
  const items: Array<{ value: string; start: number; end: number }> = [];
  const segment = ctx.text.slice(start, end);
  const separator = /\s*(?:,|，|、|和|与|及|\band\b|&|\+|\bvs\.?\s|\bor\b|\/(?!\d))\s*/g;
  let last = 0;
  const pieces: Array<[number, number]> = [];
  for (let m = separator.exec(segment); m; m = separator.exec(segment)) {
    pieces.push([last, m.index]);
    last = m.index + m[0].length;
  }
  pieces.push([last, segment.length]);
  for (const [from, to] of pieces) {
    let pieceStart = start + from;
    let pieceEnd = start + to;
    // "在和三家供应商接触：金蝶": the names come after the colon.
    // Looked for within the piece only: from the piece's end back through the whole note, a note
    // with no colon was scanned once per list item (quadratic in a long list).
    const piece = segment.slice(from, to);
    const colon = Math.max(piece.lastIndexOf('：'), piece.lastIndexOf(':'), piece.lastIndexOf('—'), piece.lastIndexOf('–'));
    if (colon >= 0) pieceStart += colon + 1;
    // "在和华为云谈折扣": the vendor ends where the talking begins.
    const talk = ctx.text.slice(pieceStart, pieceEnd).search(/谈|聊|接触|沟通|交流|商量|讨论|对接/);
    if (talk > 0) pieceEnd = pieceStart + talk;
    const span = narrow(ctx.text, pieceStart, pieceEnd, ITEM_TRIM_LEAD, ITEM_TRIM_TAIL);
    const value = ctx.text.slice(span.start, span.end);
    if (value.length < 2 || value.length > 30 || NOT_A_VENDOR.test(value)) continue;
    // People and departments of their own are talked to, not evaluated: "在跟财务对数", "在和老板商量".
    if (/^(?:老板|领导|财务|同事|部门|团队|总部|集团|一下|下)|老板|领导|同事|部门|团队|对数|经理|总监|主任/.test(value)) continue;
    items.push({ value, start: span.start, end: span.end });
  }
  return items;
}

const NOT_A_VENDOR_WORD = new RegExp(
  `^(?:Q[1-4]|H[12]|FY\\d*|${MONTH_WORD}|(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?|Last|Next|This|Legal|Marketing|Sales|Finance|Procurement|Purchasing|Security|InfoSec|Compliance|Operations|Ops|Support|Engineering|Management|Leadership|Board|Option|Plan|Phase|Tier|Package|SSO|SCIM|API|APIs|SLA|KPI|RFP|RFI|SOW|PO|QA|UX|UI|AI|ML|MFA|SAML|LDAP|GDPR|HIPAA|SOX|ISO)\\b`,
);

function looksLikeVendor(ctx: Context, value: string): boolean {
  if (ctx.products.some((product) => value.toLowerCase().includes(product.toLowerCase()))) return false;
  if (ctx.competitors.some((name) => value.toLowerCase().includes(name.toLowerCase()))) return true;
  if (/[\u4e00-\u9fff]/.test(value)) {
    // Chinese vendor names are short nouns; a clause with verbs is not a name.
    return value.length <= 10 && !/[我你他她们是要会能说在看给做了的吗吧呢很太都也还就才再又没不想把被让]|报价|价格|方案|系统|产品|公司|客户|厂商|供应商|友商|几家|规划|材料|两套|几套|资料|文档|报告|结果|清单|去年|以前|之前|上次/.test(value.replace(/[A-Za-z0-9 .-]+/g, ''));
  }
  const words = value.split(/\s+/);
  // "9 days vs 3 at competitors": a count is no vendor.
  if (/^\d[\d.,%]*(?:\s|$)/.test(value)) return false;
  // Capitalised words that are times, teams or requirements: "looking at Q3", "talking to Legal", "evaluating SSO".
  if (NOT_A_VENDOR_WORD.test(value)) return false;
  // A name is capitalised words ("Salesforce Field Service", "iManage"); lowercase words mean a phrase ran on.
  if (words.some((word) => /^[a-z]/.test(word) && !/^[a-z]{1,2}[A-Z0-9]/.test(word) && !/^(?:of|and|de|la|for|by|&)$/.test(word))) return false;
  return words.length <= 5 && /^[A-Z0-9]|^[a-z]+\d/.test(value) && !/^(?:Budget|Process|Decision|Next|Pain|Current|Timeline|They|We|The|Our|Their|Both|All|None|Nothing|Not|No)\b/.test(value);
}

const DROPPED_AFTER = /放弃|没继续|没续|不了了之|\bfound it too\b|\bdidn't (?:continue|renew|work out)\b|\bdropped (?:it|them)\b/i;

/** The system they run today is no rival, even when a list of rivals names it ("Competitors: Salesforce, Zendesk (expansion)"). */
function dropIncumbents(ctx: Context): void {
  const current = ctx.out.filter((p) => p.key === 'currentSolution').map((p) => (p.value as string).toLowerCase());
  ctx.out = ctx.out.filter((p) => p.key !== 'competitors' || !current.some((c) => c === (p.value as string).toLowerCase() || new RegExp(`(?:^|\\s)${escapeRegExp((p.value as string).toLowerCase())}(?:\\s|$)`).test(c)));
}

function extractCompetitors(ctx: Context): void {
  const seen = new Set<string>();
  const vocabulary = ctx.competitors.map((name) => [name, new RegExp(`(?<![A-Za-z])${escapeRegExp(name)}(?![A-Za-z])`, 'gi')] as const);
  const add = (value: string, start: number, end: number, confidence: number) => {
    const key = value.toLowerCase().replace(/\s+/g, '');
    if (seen.has(key)) return;
    seen.add(key);
    push(ctx, 'competitors', value, start, end, confidence);
  };
  for (const sentence of ctx.sentences) {
    const commaClauses = clausesOf(sentence, /[，,；;]/g);
    // "Are you still looking at Gong?": a vendor asked about is not one being evaluated.
    const asked = (offset: number) => commaClauses.some((c) => c.start <= offset && offset < c.end && clauseAsks(ctx, sentence, c));
    for (const clause of clausesOf(sentence, /[;；]|。/g)) {
      const cues = [ZH_COMPETITOR_CUE, EN_COMPETITOR_CUE];
      for (const cue of cues) {
        cue.lastIndex = 0;
        for (let m = cue.exec(clause.text); m; m = cue.exec(clause.text)) {
          const from = clause.start + m.index + m[0].length;
          // The list runs to the end of the clause or the next full stop of a thought.
          const restText = ctx.text.slice(from, clause.end);
          const labelled = /[:：]\s*$/.test(m[0]);
          const stop = labelled ? restText.search(/[。；;\n]/) : restText.search(/[，,](?!\s*(?:[A-Z]|and\s|us\b|我们))|\s(?:but|because|which|who|on cost|for|in a|in round|though)\b|，|因为|但|，?觉得|倾向|报价比|来讲/);
          const to = stop >= 0 ? from + stop : clause.end;
          const before = clause.text.slice(0, m.index);
          if (CURRENT_OR_GONE.test(before.slice(-12)) && !/also|也|还/.test(m[0])) continue;
          for (const item of listItems(ctx, from, to)) {
            if (!looksLikeVendor(ctx, item.value) || asked(item.start)) continue;
            if (CURRENT_OR_GONE.test(ctx.text.slice(item.end, Math.min(clause.end, item.end + 16)))) continue;
            // "Notion也试了一下但国内访问慢，放弃了", "trialled Notion for a month and found it too loose": tried and let go.
            const itemClause = commaClauses.findIndex((c) => c.start <= item.start && item.start < c.end);
            if (itemClause >= 0 && DROPPED_AFTER.test(ctx.text.slice(item.end, (commaClauses[itemClause + 1] ?? commaClauses[itemClause]!).end))) continue;
            // "They plan to evaluate Asana too": not yet in the running.
            if (/\b(?:plans?|planning|intends?|going) to\s*$|打算|准备/i.test(before.slice(-16))) continue;
            add(item.value, item.start, item.end, 0.85);
          }
        }
      }
      // "Databricks is also on the shortlist", "Snowflake submitted too"
      // "Veeva Vault and Florence are also under consideration": each name of the list.
      const nameBefore = /((?:[A-Z][\w.&-]{0,30}(?:\s+[A-Z][\w.&-]{0,30}){0,4})(?:\s*(?:,|and|&)\s*[A-Z][\w.&-]{0,30}(?:\s+[A-Z][\w.&-]{0,30}){0,4}){0,3})(?=\s+(?:is|are)\s+(?:also\s+|already\s+|still\s+)?(?:on the shortlist|in the running|running a trial|in with a pilot|under consideration|in the mix|being (?:considered|evaluated)|on site for a (?:trial|pilot|POC))|\s+(?:also\s+)?submitted)/g;
      for (let m = nameBefore.exec(clause.text); m; m = nameBefore.exec(clause.text)) {
        if (!EN_COMPETITOR_AFTER.test(clause.text.slice(m.index + m[0].length)) || asked(clause.start + m.index)) continue;
        for (const item of listItems(ctx, clause.start + m.index, clause.start + m.index + m[1]!.length)) {
          if (looksLikeVendor(ctx, item.value) && !/^(?:We|They|It|Only|I|You)$/.test(item.value)) add(item.value, item.start, item.end, 0.8);
        }
      }
      // "三川和新天也来交流过", "浪潮、曙光都来过", "在积加和马帮之间犹豫": names before what they did.
      for (const pattern of [ZH_VENDORS_CAME, ZH_VENDORS_BETWEEN]) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(clause.text); m; m = pattern.exec(clause.text)) {
          const from = clause.start + m.index + m[0].indexOf(m[1]!);
          for (const item of listItems(ctx, from, from + m[1]!.length)) if (looksLikeVendor(ctx, item.value) && !asked(item.start)) add(item.value, item.start, item.end, 0.75);
        }
      }
    }
    // The team's competitor list: a named rival in a clause that talks about competing.
    for (const clause of clausesOf(sentence, /[;；，,]|。/g)) {
      for (const [name, pattern] of vocabulary) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(clause.text); m; m = pattern.exec(clause.text)) {
          const around = clause.text.slice(Math.max(0, m.index - 12), m.index + name.length + 14);
          if (CURRENT_OR_GONE.test(around) || asked(clause.start + m.index)) continue;
          // "之前trial过HubSpot": a product tried before.
          if (/(?:之前|以前|去年)[^，。]{0,4}(?:试|trial|用|买)过?\s*$/i.test(clause.text.slice(0, m.index))) continue;
          const at = clause.start + m.index;
          const itemClause = commaClauses.findIndex((c) => c.start <= at && at < c.end);
          if (itemClause >= 0 && DROPPED_AFTER.test(ctx.text.slice(at + name.length, (commaClauses[itemClause + 1] ?? commaClauses[itemClause]!).end))) continue;
          if (!/也|还|在跟|在谈|比|PK|报价|便宜|贵|送|换|投|去了|pitch|quote|trial|demo|shortlist|evaluat|compar|looking|talking|against|\bvs\b|considering|competitor|竞品|候选|对比|接触|评估|在看|邀请/i.test(around)) continue;
          let end = m.index + name.length;
          const tail = /^(?:\s?[A-Z][\w/-]*){1,2}/.exec(clause.text.slice(end));
          if (tail && /^\s?(?:[A-Z][\w-]*[a-z0-9]|S\/4HANA|\d\w*)/.test(tail[0]) && !/^\s?(?:And|The|Our|For|To)\b/.test(tail[0])) end += tail[0].length;
          add(clause.text.slice(m.index, end), clause.start + m.index, clause.start + end, 0.75);
        }
      }
    }
  }
}

// ------------------------------------------------------------------------------------------
// Current solution

const ZH_CURRENT = /(?:现在|目前|当前|现有的?|还是|已经|而家)[^，。；;,\n]{0,8}?(?:用的是|使用的是|使用|在用的是|在用|用(?![友户得不])|是|全靠|靠|还在用)\s*|(?:用的是|在用的是|正在用|还在用|全员在用|都在用|在用(?![户友得不]))\s*|都在(?=[^，。]{1,20}里)|(?:财务|仓库|销售|生产|车间|人事|客服|营销|市场|活动报名|调度|排班|考勤|国内|海外|报表)(?:现在|目前|还|都)?用(?![户友得不])(?:的是)?\s*|(?:ERP|CRM|EDR|BI|数仓|防火墙|系统)\s*(?:用的)?是\s*|外包给\s*|(?:现在|目前|现状\s*[：:])\s*(?=[A-Za-z])|[：:]\s*用(?![户友得不])\s*|(?:资料|档案|数据|记录|台账|订单|工单)(?:都|全|全都)?(?:在|放在|存在)(?=[^，。]{1,20}(?:里|上))|都是(?=纸质|手工|Excel|表格)|(?:仍在|仍然在?|还在)使用\s*|(?:现在|目前)走\s*(?=[^，。]{2,12}(?:流|系统|平台|OA))|(?<=[\u4e00-\u9fff])是用(?![户友来于])\s*/g;
const EN_CURRENT = /\b(?:currently|today)\s*(?:on|using|uses|use|runs? on|running)\s+|\b(?:they|we|team|you)(?:'re| are)\s+(?:currently\s+|still\s+)?(?:on|using)\s+|\b(?:they|team|you)\s+(?:currently\s+)?(?:use|run|runs)\s+(?:on\s+|\w+\s+out\s+of\s+)?|\bstill\s+on\s+|\b(?:running|run|runs)(?: on)?\s+(?=[A-Z])|\bprotected by\s+|\b(?:agents|users|staff|reps|endpoints|devices|machines)\s+(?:on|using)\s+|\bthrough\s+(?=[A-Z][\w-]*\s+today)|\bCurrent(?:ly| state| stack)?\s*[:：]\s*|\bToday\s*[:：]\s*|\bincumbent(?: is)?\s+|\bmigrating off\s+|\bmoving (?:off|from)\s+|\breplacing\s+|\b(?:track|tracks|manage|manages|tracked|managed|worked|done|logged|handled|planning|kept|stored|recorded|tabulated|booked)\s+(?:\w+\s+){0,2}?(?:on|in|with|using)\s+(?=[A-Za-z])|(?<=\b(?:\w+ing|data|records?|tickets?|everything|files?|documents?|schedules?|rosters?|inventory|orders?|leads?|contacts?|cases|claims|samples)\s+)(?:lives?|living|sits?|is|are)\s+(?:all\s+|still\s+|kept\s+)?in\s+(?=(?:an?\s+)?(?:old\s+|legacy\s+|ancient\s+|homegrown\s+)?[A-Z][\w-]*[a-z])|\bcurrent (?:tool|system|platform|provider|vendor|stack|solution)\s+(?:is\s+|\(\s*)|\bToday it's\s+|\busing\s+|\buses\s+|\bthey're on\s+|\bwarehouse is\s+|\b(?:are|is) on\s+|\bon\s+(?=[A-Z][\w+.-]{0,30}(?:\s+[A-Z][\w+.-]{0,30}){0,4}\s+(?:today|for))|\b(?:dispatch|scheduling|rostering|planning)\s+(?:is\s+)?(?:still\s+)?(?:done\s+)?(?:on|in)\s+/gi;
const CURRENT_TAIL = /(?:[\s.。,，;；:：、]|\s+(?:today|now)\b|(?:做分析|来管|管客户|管|算|填|做|报表里|里|(?<!纸)上|的|了|来做|处理))+$/i;

const EVERYDAY_TOOL = /\b(?:on|in|via|with|using|through|is all|are all|all on|all in)\s+((?:a |an )?(?:shared |giant |big |single |huge |old |homegrown |home-grown )?(?:paper(?:\s+(?:timesheets?|forms?|lists?|picking lists?|travell?ers?|records?|files?|charts?|logs?|tickets?|work orders?|job sheets?|calendars?|maps?|invoices?|clipboards?|binders?|logbooks?|registers?|batch books?|notebooks?))?|spreadsheets?|Excel(?:\s+(?:sheets?|files?|workbooks?|trackers?|macros?))?(?:\s+on\s+a\s+(?:shared|network)\s+drive)?|Google Sheets?|whiteboards?|clipboards?|notebooks?|WhatsApp(?:\s+groups?)?|WeChat(?:\s+groups?)?|shared (?:Outlook |Gmail )?inbox(?:es)?))\b/gi;
const ZH_EVERYDAY_TOOL = /(?:全靠|主要靠|基本靠|都靠|都是|都在|还在用)\s*((?:纸质|手工|手写)[\u4e00-\u9fff]{0,4}|Excel(?:表格?)?|表格|(?:个人|企业)?微信群?(?:和电话|加电话)?|电话(?:和微信)?|白板|小本子|本子)/g;
/** "X is currently used for repairs logging", "current contract with Civica", "keyed into an AS/400 system". */
const EN_SYSTEM_USED = /([A-Z][\w.-]{1,30}(?:\s+[A-Z][\w.-]{1,30}){0,2})\s+(?:is|are)\s+(?:currently\s+|still\s+)?used\s+(?:for|to)\b|\bcurrent contract with\s+([A-Z][\w.-]{1,30}(?:\s+[A-Z][\w.-]{1,30}){0,2})|\b(?:keyed|typed|entered|loaded|uploaded|re-?keyed)\s+(?:\w+\s+)?into\s+((?:an?\s+|the\s+)?(?:old\s+|legacy\s+)?[A-Z][\w./-]{1,30}(?:\s+[A-Z][\w./-]{1,30})?(?:\s+system)?)/g;
const NAMED_TODAY = /(?:^|[:：;；]\s*)((?:[A-Z][\w.-]{0,30})(?:\s+[A-Z][\w.-]{0,30})?(?:\s*(?:\+|&|and)\s*[A-Z][\w.-]{0,30}(?:\s+[A-Z][\w.-]{0,30})?){0,2})\s+today\b(?!\s*[:：])/g;
const THEIR_SYSTEM_IS = /\b(?:[Tt]heir|[Yy]our|[Tt]he)\s+(?:[a-z]+\s+){0,3}(?:system|tool|platform|stack|provider|vendor|software)\s+is\s+([A-Z][\w.-]{0,30}(?:\s+[A-Z][\w.-]{0,30}){0,2}|[a-z]{1,2}[A-Z][\w.-]{0,30})/g;

function describesAPain(value: string): boolean {
  for (const pattern of [ZH_PAIN_ALL, EN_PAIN_ALL]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(value); m; m = pattern.exec(value)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      // Manual work is how they do the job today ("manual attendance registers").
      if (!/^(?:manual|by hand)$/i.test(m[0])) return true;
    }
  }
  return false;
}

/** Words after a "today they use/run/are on" cue that are no system. */
const NOT_A_SYSTEM = /^(?:(?:Marketing|Sales|IT|Operations|Ops|Finance|HR|Procurement|Engineering|Support|Customer Service|Product|Legal|Security|Facilities|Logistics)(?:\s+(?:and|&)\s+\w+)?(?:\s+(?:at|for|in)\b.*)?|PTO|OOO|leave|vacation|holiday|break|Christmas(?: break)?|Easter|Thanksgiving|Late|NDA|board|the fence)$|\bas (?:the\s+|our\s+|their\s+)?(?:main\s+)?(?:contact|champion|lead|manager|owner|point of contact|DM|decision maker)\b|(?:在负责|负责|淡季|旺季|观望|倾向|试用版)|\bstage\s*\d|\bdemo (?:done|held|completed)\b|第.轮|阶段|\bexports? from\b|(?:流程|审批|招标)$/i;

const SOLUTION_LEAD = /^(?:[\s:：,，、]|的|了)+/;

/**
 * Today's system as named. A phrase running on into what they do with it ("clipboards and
 * typed into MarginEdge") ends where the doing begins. Systems named together are split into
 * one proposal each afterwards (splitSolutions): the card lists them itself.
 */
function pushSolutions(ctx: Context, from: number, to: number, confidence: number): void {
  const doing = /\s(?:and|then)\s+(?=[a-z]+ed\b)/.exec(ctx.text.slice(from, to));
  if (doing) to = from + doing.index;
  // "a shared Excel workbook and drivers call in their stops": a new subject starts a new thought.
  const next = /\s(?:and|but|while|so)\s+(?:the\s+|their\s+)?[a-z]+s\s+(?:call|text|phone|email|send|write|type|key|enter|print|use|keep|track|do|have|are|get|fill|hate|complain|wait|need|want)\b/.exec(ctx.text.slice(from, to));
  if (next) to = from + next.index;
  // "HubSpot and routing is done by hand", "a spreadsheet and PMs get missed": after "and" a subject with its verb is what happens, not a second system.
  const clause = /\s(?:and|but|while|so)\s+(?:the\s+|their\s+)?(?:[\w-]+\s+){1,2}(?:is|are|was|were|run|runs|get|gets|got|take|takes|go|goes)\b/i.exec(ctx.text.slice(from, to));
  if (clause) to = from + clause.index;
  // "Trellix (ex-McAfee": an aside cut off by the clause's end is no part of the name.
  const open = ctx.text.slice(from, to).search(/\s*[（(][^)）]*$/);
  if (open > 0) to = from + open;
  phrase(ctx, 'currentSolution', from, to, confidence, SOLUTION_LEAD, CURRENT_TAIL);
}

const MONTH_OR_DAY = new RegExp(`^(?:${MONTH_WORD}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Q[1-4]|H[12]|FY\\d*)(?:\\s|$)`);

/** Apps calls are held on: "Met Dana on Zoom for 30 minutes", "thanks for joining on Webex today". */
const MEETING_CHANNEL = /^(?:Zoom|(?:Microsoft\s+)?Teams|Webex|Google Meet|Meet|Skype|GoToMeeting|腾讯会议|飞书会议|钉钉会议)$/i;
const MEETING_VERB = /\b(?:met|meet|meeting|spoke|speak|speaking|joining|joined|join|talked|chatted|call)\b|\bfor (?:an hour|\d+ min)|通了|开了|开会|会议/i;

function isMeetingChannel(ctx: Context, sentence: Span, value: string): boolean {
  return MEETING_CHANNEL.test(value.trim()) && MEETING_VERB.test(sentence.text);
}

/** A list whose first item is a person named earlier in the note ("Call with Rachel Kim … Today: Rachel, Omar from IT"). */
function isAttendeeList(ctx: Context, start: number, end: number): boolean {
  const first = /^[A-Z][a-z]+(?=\s*[,，、]|\s+(?:and|和)\s)/.exec(ctx.text.slice(start, end));
  if (first && new RegExp(`\\b${first[0]}\\b(?=\\s+[A-Z]|\\s*[（(])`).test(ctx.text.slice(0, start))) return true;
  return /\bfrom (?:IT|Finance|Ops|Procurement|Legal)\b|\btheir (?:lead|head)\b|合规部|(?:^|[,，、\s])财务\s/.test(ctx.text.slice(start, end));
}

const CURRENT_LIST = /^(?:[\s*•-]|\d+[.)、]\s*)*(?:Current(?: state| stack| setup| systems?| tools?)?|Today|现状)\s*[:：—–]\s*/i;

function extractCurrentSolution(ctx: Context): void {
  // "Today: Freshdesk for email, Five9 for phones, nothing connects": each named system of a labelled list.
  for (const sentence of ctx.sentences) {
    const label = CURRENT_LIST.exec(sentence.text);
    if (!label) continue;
    const items = listItemsOf(ctx, sentence.start + label.index + label[0].length, sentence.end, /\s*(?:,|，|;|；|、|\bbut\b)\s*/g);
    // "Today: Rachel, Omar from IT and their lead scheduler": who was in the room, not what they run.
    if (items.length > 0 && isAttendeeList(ctx, items[0]!.start, sentence.end)) continue;
    for (const item of items) {
      let end = item.end;
      const purpose = ctx.text.slice(item.start, end).search(/\s(?:for|on)\s|\s*[（(]|做|用于|来/);
      if (purpose > 0) end = item.start + purpose;
      let itemStart = item.start;
      // "管网压力数据靠 SCADA 看": what the data is read with, not the sentence about it.
      const by = /^[^，。；]{1,12}?(?:靠|用)(?![户友得不])\s*/.exec(ctx.text.slice(itemStart, end));
      if (by && /[\u4e00-\u9fff]/.test(by[0]) && !/^(?:自研|自建|自己)/.test(ctx.text.slice(itemStart, end))) {
        itemStart += by[0].length;
        end = itemStart + ctx.text.slice(itemStart, end).replace(/\s*(?:看|查|管|做|算|记|填)\s*$/, '').length;
      }
      const value = ctx.text.slice(itemStart, end).trim();
      // "营销 journey 配置要 IT 排期 2 周": a complaint in the list, not a system.
      if (/要|需要|得等|排期|\d+\s*(?:天|周|小时|个月)/.test(value)) continue;
      if (!/^[A-Z]|^[a-z]{1,2}[A-Z]|^(?:an?\s+)?(?:homegrown|home-grown|in-house|legacy|old|paper|spreadsheets?|Excel|email|whiteboards?)\b|[\u4e00-\u9fff]/.test(value)) continue;
      if (NOT_A_VENDOR_WORD.test(value) || NOT_A_SYSTEM.test(value) || describesAPain(value) || value.length > 40 || /^(?:nothing|no|none|没有|无)\b/i.test(value)) continue;
      // A Chinese item is a system only when it says so: "大用户远传表" is, "厂家已经倒闭" is not.
      if (/[\u4e00-\u9fff]/.test(value) && (!/系统|平台|软件|表|纸质|手工|微信|钉钉|自研|自己(?:开发|写|做)的|[A-Za-z]{2,}/.test(value) || /到期|续|倒闭|\d+\s*人|人$|[了过]/.test(value))) continue;
      if (ctx.out.some((p) => p.key === 'currentSolution' && p.start < end && itemStart < p.end)) continue;
      phrase(ctx, 'currentSolution', itemStart, end, 0.7, SOLUTION_LEAD, CURRENT_TAIL);
    }
  }
  for (const sentence of ctx.sentences) {
    for (const clause of clausesOf(sentence, /[，,；;]|\s[—–]\s|\s-\s|，/g)) {
      if (/同业|\bpeers?\b|隔壁|竞争对手|母公司|供应商|合作伙伴|\bparent (?:company|group)\b|\b(?:their|its|a|the) (?:competitors?|suppliers?|partners?|distributors?)\b|rivals|他们的竞品|\banother (?:hospital|company|customer|client|bank|school|firm)\b|\bother (?:hospitals|companies|customers|clients|banks|schools|firms)\b/i.test(clause.text)) continue;
      for (const cue of [ZH_CURRENT, EN_CURRENT]) {
        cue.lastIndex = 0;
        for (let m = cue.exec(clause.text); m; m = cue.exec(clause.text)) {
        if (m[0].length === 0) {
          cue.lastIndex++;
          continue;
        }
        const from = clause.start + m.index + m[0].length;
        let to = clause.end;
        const rest = ctx.text.slice(from, to);
        // The system's name ends where its schedule, a relative clause or the next thought begins:
        // "a spreadsheet every Monday", "Tableau over a MySQL replica that falls over".
        const cut = rest.search(/还有|到期|快到期|\s(?:but|and (?:they|want|wants|hate|hates|need|needs|are|is|it|only|the)|because|which|that|who|where|when|so|for (?!Endpoint)|to (?!the)|with (?!a\b)|on most|across|contract|missed|is their|are their|every|each|daily|weekly|nightly|monthly|since|today|now|currently|at the moment|these days|for now)\b|[:：，)）]|(?:来管|来做)|但|想|而且|觉得|感觉|准备|打算|经常|每天|每周|每月|每个月|, /);
        if (cut > 0) to = from + cut;
        // "店小秘管 Amazon 和 TikTok 店铺": the system, not what it is used to run.
        // Looked for only when there is a 管: the lookbehind costs a try at every character, and a
        // clause of many cues has the rest of itself read once per cue.
        const head = ctx.text.slice(from, to);
        const runs = head.includes('管') ? head.search(/(?<=[\u4e00-\u9fffA-Za-z]{2})管(?![理家控道线网委辖培])/) : -1;
        if (runs > 0) to = from + runs;
        // "靠人工每天抄表再录到 Excel": "by hand" alone names nothing; the manual routine as written does.
        if (/^\s*(?:人工|手工)\s*$/.test(ctx.text.slice(from, to))) {
          const routine = ctx.text.slice(from, clause.end).search(/[，。；;,]|但|而且|觉得/);
          to = routine > 0 ? from + routine : clause.end;
        }
        const value = ctx.text.slice(from, to);
        if (/^(?:us|our|我们|没有|nothing|a ticket|it\b|them\b|[~≈]?\d|另外|另一|一家|某)/i.test(value)) continue;
        // A time is no system: "kept in March", "on Tuesday".
        if (within(ctx.dates, from, from + value.length).length > 0 || MONTH_OR_DAY.test(value)) continue;
        // "领导定了用帆软", "decided to use X": a choice just made, not what they use today.
        if (/(?:定了|选了|决定|打算|准备)\s*(?:用|使用|上)?\s*$|\b(?:decided to|chose to|will|plan to|want to)\s*(?:use\s*)?$/i.test(ctx.text.slice(Math.max(clause.start, clause.start + m.index - 8), from))) continue;
        if (value.length > 60 || value.length < 2) continue;
        if (/^[a-z]/.test(value) && !/^[a-z]{1,2}[A-Z]/.test(value) && !/^(?:(?:a|an)\s+(?:shared|homegrown|home-grown|mix|legacy|old|DOS|\d|whiteboard|Cerner|custom|spreadsheet|Google|in-house|on-prem)|paper|spreadsheets?|email|excel|free|self|on-prem|whiteboards?|clipboards?|shared|legacy|logged)/.test(value)) continue;
        if (/^[A-Z]/.test(m[0]) === false && /^(?:running|run|runs|through)\b/i.test(m[0]) && !/^[A-Z0-9]/.test(value)) continue;
        if (/预算|报价|budget|\bquote\b|决策|拍板/i.test(value)) continue;
        // Our tools ("We're using Zoom for the call"), a person running a department, somebody
        // on leave, a role handed over, a state of mind ("目前还是观望", "现在是淡季").
        if (/(?:^|\s)(?:we|I)(?:'re|'m|'ve|'ll|\s+are|\s+am)?\s+(?:\S+\s+){0,2}$/i.test(ctx.text.slice(clause.start, clause.start + m.index) + m[0]) || (/^\s*using\b/i.test(clause.text) && /\b(?:I|we)\b/.test(sentence.text))) continue;
        if (NOT_A_SYSTEM.test(value)) continue;
        if (isMeetingChannel(ctx, sentence, value)) continue;
        // "spend ~$40k/mo on AWS": where money goes, not the tool for the job.
        if (/\b(?:spend|spends|spent|spending|pay|pays|paid)\b/i.test(ctx.text.slice(clause.start, from)) && /^\s*on\s*$/i.test(m[0])) continue;
        if (/^(?:Today|Current)/i.test(m[0]) && isAttendeeList(ctx, from, sentence.end)) continue;
        // "之前用的是校宝，现在是晓黑板": the system they had before.
        if (/(?:之前|以前|原来|过去|曾经|去年)[^，。；;,]{0,4}$/.test(ctx.text.slice(Math.max(clause.start, clause.start + m.index - 6), clause.start + m.index + 1))) continue;
        // "Anyone know if Fairlane still uses Oracle?": a question names no system.
        if (clauseAsks(ctx, sentence, clause) || /\b(?:anyone know|does anyone|any idea)\b/i.test(sentence.text)) continue;
        const systemNamed = /[A-Za-z]{2,}|系统|平台|软件|工具|防护|防火墙|表|纸|手工|手写|微信|钉钉|自研|自己(?:开发|做|写)|外包|定制/;
        if (/^(?:现在|目前|当前|还是|已经)\s*(?:还|也|都)?是\s*$/.test(m[0]) && !systemNamed.test(value) && !systemNamed.test(ctx.text.slice(clause.start, clause.start + m.index))) continue;
        // "现在用的系统 license 太贵": a phrase that runs into a complaint is the pain, not the system.
        if (describesAPain(value)) continue;
        pushSolutions(ctx, from, to, 0.75);
        cue.lastIndex = Math.max(cue.lastIndex, to - clause.start);
        }
      }
      // The everyday tools named as such ("AP is all paper", "leads in a Google Sheet",
      // "订货靠微信和电话"), and a named system said to be today's ("Defender + Splunk today").
      if (/\b(?:send|sent|share|export|attach|deliver|email (?:it|them))\b|发给|导出|形式|不再|不用|换掉|\b(?:off|from|away from|no longer|instead of|replace|replacing)\s*$/i.test(clause.text)) continue;
      for (const pattern of [EVERYDAY_TOOL, ZH_EVERYDAY_TOOL, NAMED_TODAY, THEIR_SYSTEM_IS, EN_SYSTEM_USED]) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(clause.text); m; m = pattern.exec(clause.text)) {
          let value = m[1] ?? m[2] ?? m[3]!;
          if (pattern === EN_SYSTEM_USED && (NOT_A_VENDOR_WORD.test(value) || /^(?:It|This|That|They|We|Which|What)$/.test(value))) continue;
          const at = clause.start + m.index + m[0].indexOf(value);
          // "a Google Sheet and everyone's phone": a short second tool joined to the first.
          const joined = /^\s*(?:and|plus|\+|&|和|加)\s*(?:[\w'’-]+\s*){1,3}$/.exec(ctx.text.slice(at + value.length, clause.end));
          // ... unless what follows "and" is a clause of its own ("a spreadsheet and PMs get missed").
          if (joined && pattern === EVERYDAY_TOOL && !/\b(?:is|are|was|were|get|gets|got|run|runs|go|goes|take|takes)\b/i.test(joined[0])) value += joined[0].trimEnd();
          // "Excel exports from Guidewire": a file format out of another system.
          if (/^\s+exports?\b/i.test(ctx.text.slice(at + value.length, clause.end))) continue;
          if (/\b(?:off|from|away from|no longer|instead of|replace|replacing|move to|moving to|switch to)\s*$|不再|换掉|换成/i.test(ctx.text.slice(clause.start, at))) continue;
          if (ctx.out.some((p) => p.key === 'currentSolution' && p.start < at + value.length && at < p.end)) continue;
          phrase(ctx, 'currentSolution', at, at + value.length, 0.7, /^(?:[\s:：,，、]|的|了)+/, CURRENT_TAIL);
        }
      }
    }
  }
}

/**
 * Where systems named together part: "+", "&", "and", "plus", 和, 加, 及, 、, a comma. Not the
 * "+" of a product name ("用友T+", "C++"), nor 加 inside a word (加班, 增加, 加密).
 */
const SOLUTION_JOINER = /\s*(?<!(?<![A-Za-z])[A-Z]|\+)\+(?!\+)\s*|\s*&\s*|\s+(?:and|plus)\s+|(?<![增参附追叠外])加(?![班密工盟速油拿强上入])\s*|\s*(?<![总温共缓])和(?![解平谐睦])\s*|\s*及\s*|\s*、\s*|\s*[,，]\s*/g;
/** "loads in McLeod": what is kept in a system, then the system. */
const KEPT_IN = /^(?:[a-z]+\s+){1,2}(?:in|on)\s+(?=[A-Z])|^(?:a\s+)?(?:mix|combination) of\s+/;
/** "腾讯会议做线上培训", "微信 沟通 case", "容联七陌 call center": the system, not what it is for. */
const ITEM_PURPOSE = /(?<=[\u4e00-\u9fffA-Za-z0-9])(?<!自己|自|己)(?:\s*(?:来|用来)?(?:做|管|沟通|处理|接单|派单|审批(?=\s*里))|\s+(?:call cent(?:er|re)|for)\b).*$/s;
/** A kind of system with no product named: "EDR", "HR 系统", "the CRM". */
const CATEGORY_ONLY = /^(?:the\s+|their\s+|an?\s+)?(?:MDR|XDR|EDR|SIEM|SOC|CRM|ERP|HRIS|HR|BI|CDP|MES|WMS|TMS|OA|HIS|LIS|PACS|IT|DMS|CMS|LMS|ATS)(?:\s*(?:系统|平台|system|platform|tool))?$|^(?:业务|管理|信息|办公|财务|人事|客服|营销)?\s*(?:系统|平台|软件)$/i;

/**
 * One proposal per system (the corpus rule "one label per item"): "Excel + QuickBooks" is
 * `Excel` and `QuickBooks`, "海典的系统加 Excel 对账" is `海典的系统` and `Excel 对账`, "Carrier Lynx
 * and loads in McLeod" is `Carrier Lynx` and `McLeod`. A part that is not a system on its own
 * ("gut feel", a clause after "and") stays out; if no part is, the proposal stays whole.
 */
function splitSolutions(ctx: Context): void {
  const out: FactProposal[] = [];
  for (const proposal of ctx.out) {
    if (proposal.key !== 'currentSolution') {
      out.push(proposal);
      continue;
    }
    const parts: Array<{ start: number; end: number }> = [];
    let from = proposal.start;
    SOLUTION_JOINER.lastIndex = 0;
    const text = ctx.text.slice(proposal.start, proposal.end);
    for (let m = SOLUTION_JOINER.exec(text); m; m = SOLUTION_JOINER.exec(text)) {
      if (m[0].length === 0) {
        SOLUTION_JOINER.lastIndex++;
        continue;
      }
      parts.push({ start: from, end: proposal.start + m.index });
      from = proposal.start + m.index + m[0].length;
    }
    parts.push({ start: from, end: proposal.end });
    // A kind of system alone names nothing the rep can act on.
    if (parts.length === 1) {
      if (CATEGORY_ONLY.test(String(proposal.value))) continue;
      const purpose = ITEM_PURPOSE.exec(text);
      const trimmed = purpose && purpose.index > 0 ? narrow(ctx.text, proposal.start, proposal.start + purpose.index, SOLUTION_LEAD, CURRENT_TAIL) : null;
      const value = trimmed ? ctx.text.slice(trimmed.start, trimmed.end) : '';
      // The whole already passed as a system: what is left of it once the purpose is cut still names it.
      out.push(trimmed && value.length >= 2 && !CATEGORY_ONLY.test(value) ? { ...proposal, value, start: trimmed.start, end: trimmed.end } : proposal);
      continue;
    }
    const items: FactProposal[] = [];
    for (const part of parts) {
      let start = part.start;
      const kept = KEPT_IN.exec(ctx.text.slice(start, part.end));
      if (kept) start += kept[0].length;
      let end = part.end;
      const purpose = ITEM_PURPOSE.exec(ctx.text.slice(start, end));
      if (purpose && purpose.index > 0) end = start + purpose.index;
      const span = narrow(ctx.text, start, end, SOLUTION_LEAD, CURRENT_TAIL);
      const value = ctx.text.slice(span.start, span.end);
      if (!isSolutionItem(value)) continue;
      items.push({ ...proposal, value, start: span.start, end: span.end });
    }
    if (items.length === 0) out.push(proposal);
    else out.push(...items);
  }
  ctx.out = out;
}

/** A part of a joined setup that names a tool: a name, a kind of system, or an everyday means. */
function isSolutionItem(value: string): boolean {
  if (value.length < 2 || value.length > 40) return false;
  if (/^(?:gut feel|instinct|memory|experience|luck|hope)$/i.test(value) || CATEGORY_ONLY.test(value)) return false;
  if (/[\u4e00-\u9fff]/.test(value)) return /[A-Za-z]|系统|平台|软件|工具|表|纸|本|手工|手写|人工|微信|钉钉|电话|短信|邮件|网盘|白板|终端|掌机|闸机|条码枪|考勤机|小程序|脚本|群|后台|会议|自研|自建|自己|云/.test(value);
  return /^(?:an?\s+|the\s+)?(?:[a-z]+\s+(?=[A-Z]))?(?:[A-Z0-9]|[a-z]{1,2}[A-Z]|(?:shared|legacy|old|homegrown|home-grown|in-house|on-prem|custom|local)\b|paper|spreadsheets?|email|e-mail|phones?|phone calls|calls|radio|whiteboards?|clipboards?|notebooks?|pen|fax|texts?|SMS|WhatsApp|WeChat|everyone['’]s phone)/.test(value) && !/\b(?:is|are|was|were|get|gets|got|take|takes|runs?|goes?)\b/.test(value);
}

// ------------------------------------------------------------------------------------------
// Key pains

const ZH_PAIN = /痛点|问题是|头疼|抱怨|投诉|不满|太贵|太慢|太重|太复杂|很卡|很慢|很难用|难用|不够|不支持|做不了|无法|没法|不准|对不上|算错|出错|漏看|加班|隔天|要一周|要\s*[\d一二三四五六七八九十两半]+\s*(?:天|小时)|要半天|一晚上|排队|混乱|没人(?:跟|维护|愿意)|打不通|不通|停止支持|带走客户|看不到|看不清|风险(?!合规|管理|控制|管控|评估|部)|涨价|不稳定|很弱|不顺手|不灵活|(?<!慢)慢(?![慢病性])|(?<![员行用打值工禁刷磁关发])卡(?![车片号包位])|太高|只有一个人|只有\s*\d+%|不会用|处理不了|处理不过来|花\s*[\d一二三四五六七八九十两]+\s*(?:小时|天)|费用太高|不愿意用|隐私有问题|散在|(?:[误错漏损故障闲置流失差]|欠费|逾期|退货|返修|空置|缺勤|不良)\S{0,2}率(?:高|超过|达到|\s*[\d一二三四五六七八九十])|压力大|严重|做不到|(?:追|查|找|收|拼|对|管|跟|算|搞|录|派)不(?:到|齐|起来|住|上|清|过来|全)|不及时|跟不上|来不及|延迟|延误|超卖|超售|爆仓|(?<!不)崩|宕机|经常断|漏派|纠纷|重复(?:录入|订|下单|劳动)|二次录入|来回切换|分散|费劲|麻烦|(?<!不)复杂|太差|太简单|太少|太多|效率低|低效|停止(?:维护|更新)|不维护|全靠(?:人|记忆|打电话|手工|经验)|(?:经常|老是|总是|频繁)(?!用|去|来|出差|开会|联系|沟通|合作)|要等|等(?:[两三四五六七八九十\d]+|半)\s*(?:天|小时|周)|要(?:跑|到)?第二天|平均\s*[\d一二三四五六七八九十两半]+\s*(?:个)?(?:小时|天|分钟)|T\+\d|嫌/;
const EN_PAIN = /\bpain\b|struggl|frustrat|complain|\bhate|nightmare|can't|cannot|couldn't|\bno (?:proper|omnichannel|visibility|call recording|lead scoring|SLA|QA|attribution)|too (?:expensive|rigid|limited|slow|complex)|\bslow\b|times? out|\btakes?\s+(?:\d|a\s|an\s)|\bspends?\s+(?:about\s+|around\s+|up to\s+|over\s+)?(?:\d|an?\s+(?:day|week|hour|lot|third|quarter|half)|half|hours|days|weeks|too much|ages|two|three|four|five|six|several|[a-z]+\s+(?:hours|days))|\bwaste|\berrors?\b|\bmissed\b|\blost\b|falls? over|\bbreaks\b|unreliable|blowing out|through the roof|double-booked|outgrown|killing|scares|tripled|grew \d+%|fortune|copy-paste|re-keys?|\bwait\b|late fees|no-shows|nobody|only one|only \d+ people|manual(?:ly)?\s+(?:re-?\w+|copy|match|chas\w+|reconcil\w+)|(?:re-?entered|re-?typed|hand-keyed|keyed) by hand|hand-keyed|re-?enter|retyp|passed between|gets lost|repeat themselves|failed|cost them|overtime|end-of-life|out of support|leaving|just quit|dropped to|came in \d+% higher|can't keep up|unmanaged|weak on|nothing managed|double[- ]?(?:entry|entered|key|keying|keyed|book|booking|booked|handl|work|count|charg|bill|data)|\btakes?\s+(?:two|three|four|five|six|several|most|weeks|days|hours|weekends|forever|ages)\b|\btake\s+(?:\d|a\s|weeks|days|hours|weekends)|balloon|out of control|\bhell\b|\bstuck\b|\bcrash|\bincidents?\b|near-miss|\bflagged\b|\bmissing\b|\bfines\b|\bfined\b|\b(?:a|the|regulatory|late|parking|GDPR|FCA|EPA|OSHA|compliance)\s+fine\b|\bbacklog\b|slip(?:s|ping)? through|through the cracks|aren't tracked|not tracked|isn't tracked|\bnoisy\b|hard to (?:use|tune|find|read|track|manage)|\bmis-?picks?\b|\bmispric|\boften (?:arrive|miss|fail|lose|break|wait|run out|get lost|crash|go down)|\blos(?:e|es|ing)\b|rate is (?:around |about |over |nearly |almost |roughly )?\d|\d+-hour|\bversions everywhere|\bdelays\b|\bdelayed\b|\blate (?:fees|deliver\w*|shipments?|payments?)|\b(?:arrive|running|runs) late\b|\bchurn|\boutages?\b|\bdowntime\b|\bbottleneck|\bpainful\b|\bclunky\b|\bcumbersome\b|\bcomplain/i;
const ZH_PAIN_ALL = new RegExp(ZH_PAIN.source, 'g');
const EN_PAIN_ALL = new RegExp(EN_PAIN.source, 'gi');
const NOT_A_PAIN = /价格|你们|演示|试用|\bI\b|\bI'(?:ll|ve|m|d)\b|\bno (?:real )?(?:complaints|issues|problems)\b|没有?(?:什么|啥)?(?:问题|抱怨|投诉)|没问题|\bcan(?:no|')t (?:make|attend|join|meet)\b|(?:没法|无法|不能)(?:参加|出席|来|去|见)|\bprices?\b|\b(?:can(?:no|')t|not able to|unable to)\s+(?:approve|sign|decide)\b|recap|can't sign|said no|\bclos(?:ed|ing)[- ]lost\b|\bpick(?:ing|ed)? up\b|没人接|不接电话|\bapprove\b|\b(?:is|are) (?:logged|tracked|kept|recorded|stored) (?:on|in) (?!an?\b)(?:\w+\s*){1,2}$|^lost$|需求\s*[：:]|没法批|做不了主|很明确|觉得太重|预算|报价|决策|拍板|竞品|在看|对比|budget|quote|pricing|decid|DM\b|shortlist|evaluat|我们|我方|\bwe\b|\bour\b|\bus\b|demo|下一步|next step|\bnext:|follow up|left voicemail|no answer|\bsigned\b|revenue|not a fit|didn't work out|nothing concrete|\b(?:joined|attended|attend|join)\b|\bthe call\b(?!\s*(?:center|centre|queue|volume))|\bthe deal\b|\bmeetings?\b|开完会|开会|来现场|展厅|can(?:no|')t wait to|cannot wait to|lose nothing|nothing to lose|(?:风险|问题|压力|影响)(?:不大|很小|可控|不高|较小|较低)|配合|满意|积极|热情|主动|很好|不错|看得(?:很|比较|非常)?(?:重|严重)|重视/i;

/**
 * Whether a pain word of the clause lies outside what they use today: "done in Tally with
 * manual attendance registers" describes the current solution; its "manual" is no pain.
 */
function painCueOutside(ctx: Context, clause: Span): boolean {
  const solutions = ctx.out.filter((p) => p.key === 'currentSolution' && p.start < clause.end && clause.start < p.end);
  if (solutions.length === 0) return true;
  for (const pattern of [ZH_PAIN_ALL, EN_PAIN_ALL]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(clause.text); m; m = pattern.exec(clause.text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const at = clause.start + m.index;
      if (!solutions.some((p) => p.start <= at && at + m![0].length <= p.end)) return true;
    }
  }
  return false;
}

/**
 * An English clause of two statements joined by "and", "because", "but" or "while", each of
 * three words or more, read as its statements: "operatives still get job sheets on paper and
 * around 18% of appointments are missed" holds one pain, "hosting costs ballooned and upgrades
 * take weekends" two. Short pairs ("noisy and hard to tune") stay whole.
 */
function statementsOf(ctx: Context, clause: Span): Span[] {
  if (/[\u4e00-\u9fff]/.test(clause.text)) return [clause];
  // A clause naming a rival is about the rival, whichever half holds the pain word.
  if (ctx.out.some((p) => p.key === 'competitors' && p.start >= clause.start && p.end <= clause.end)) return [clause];
  // "because" splits off a cause that is how they work ("… because settlement files are reconciled in Excel")
  // or a thing named ("closed the books late because of billing errors");
  // a cause that is itself what went wrong stays with its effect ("lost a full tank because a transfer was missed").
  const cause = /\sbecause\s(.*)$/.exec(clause.text);
  const causeIsWork = cause !== null && /^of\b|\b(?:Excel|spreadsheets?|paper|by hand|manual(?:ly)?|reconciled|keyed|typed|logged|tracked|on|in)\b/i.test(cause[1]!);
  const joint = causeIsWork ? /\s(?:and|because|but|while|whereas)\s/g : /\s(?:and|but|while|whereas)\s/g;
  const parts: Span[] = [];
  let from = 0;
  for (let m = joint.exec(clause.text); m; m = joint.exec(clause.text)) {
    parts.push({ start: clause.start + from, end: clause.start + m.index, text: clause.text.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  if (parts.length === 0) return [clause];
  parts.push({ start: clause.start + from, end: clause.end, text: clause.text.slice(from) });
  // "noisy and hard to tune": what follows the joint only describes, it states nothing new.
  const describes = /^(?:hard|easy|slow|too|very|not|difficult|expensive|costly|unreliable|clunky|noisy|painful|error-prone|outdated|limited|rigid|complex|complicated|impossible)\b/i;
  if (!parts.every((part, index) => part.text.trim().split(/\s+/).length >= 3 && (index === 0 || !describes.test(part.text)))) return [clause];
  // "customers calling for ETAs and nobody has an answer": when only the last statement names the
  // trouble, the one before it says what goes wrong, and the pain is both.
  // "… is 6 days and the regulator has flagged it": a statement about "it" is about the one before.
  if (/\bit\s*[.!]?\s*$|^\s*it(?:'s|’s| is)\b/i.test(parts[parts.length - 1]!.text)) return [clause];
  const cued = parts.map((part) => EN_PAIN.test(part.text));
  const namesSystem = ctx.out.some((p) => p.key === 'currentSolution' && p.start < parts[0]!.end && parts[0]!.start < p.end) || /\b(?:logged|kept|tracked|recorded|stored|instance|system)\b/i.test(parts[0]!.text);
  return cued.length === 2 && !cued[0] && cued[1] && !namesSystem && /^\s*(?:nobody|no one|admin|staff|they|it)\b/i.test(parts[1]!.text) ? [clause] : parts;
}

/** Our own project's length: "Onboarding usually takes 2 weeks", "实施大概要 3 个月". */
const OUR_DURATION = /\b(?:implementation|onboarding|set-?up|roll-?out|deployment|installation|migration|go-live|training|pilot|POC|trial|integration|configuration)\s+(?:\w+\s+)?(?:takes?|took|would take|will take|should take|can take)\b|(?:实施|上线|部署|培训|试点|迁移|对接|配置)(?:周期)?(?:大概|大约|一般|预计)?(?:要|需要)\s*[\d一二三四五六七八九十两半几]+\s*(?:个)?(?:月|周|天|星期|小时)/i;
/** A problem denied: "they have never had an outage", "从来没出过问题". */
const NEVER_HAD = /\bnever (?:had|has|have|been|seen|experienced)\b|从(?:来)?没(?:有)?(?:出过|遇到过|发生过)|没出过|\bno (?:outages?|downtime|errors?|incidents?)\b/i;
/** A problem already solved: "reporting used to be slow but it's fine now", "以前很慢，换了系统以后好多了". */
const RESOLVED = /\b(?:fine|ok(?:ay)?|better|good|sorted) now\b|好多了|已经解决|\b(?:was|were|been|is|are|got) (?:now |since )?(?:fixed|resolved|sorted out)\b|no longer an? (?:issue|problem)|不再是问题/i;

/** A product they tried or bought and let go: its faults are history. */
const DROPPED_PRODUCT = /没续|没继续|没做|没买|放弃了?|不了了之|\b[Dd]ropped (?:it|them|[A-Z])|\b(?:ran|did) an? (?:\w+\s){0,2}trial\b|\btrial(?:l)?ed\b.{0,40}\b(?:found|dropped|didn't)|\bdidn't (?:renew|continue)\b/;
/** A clause that names the clause before it as the pain: "这是他最头疼的", "that's the biggest headache". */
const POINTS_BACK = /^\s*(?:这|这个|那|this|that)\s*(?:是|就是|才是|'s|is)?\s*(?:他|她|他们|客户|老板)?(?:最)?(?:头疼|痛点|大的问题|biggest (?:headache|problem|pain))/i;

function extractPains(ctx: Context): void {
  const competitorSpans = ctx.out.filter((p) => p.key === 'competitors');
  for (const sentence of ctx.sentences) {
    let previous = null as FactProposal | null;
    if (/竞品|在看|对比/.test(sentence.text) && !/痛点/.test(sentence.text)) continue;
    // What put them off a product they tried and dropped is no pain of today: "嫌门店端不好用就没续", "ran a Databricks trial … hated the cost model".
    if (DROPPED_PRODUCT.test(sentence.text)) continue;
    const clauses = clausesOf(sentence, /[，,；;]|\s[—–]\s|\s-\s|:\s|\sand\s(?=\w+(?:\s\w+)?\s(?:is|are|breaks|takes|spends?)\b)/g).flatMap((clause) => statementsOf(ctx, clause));
    for (const [index, statement] of clauses.entries()) {
      let clause = statement;
      // "客户资料全在手机里，人一走客户就带走了，这是他最头疼的": the pain is the clause pointed back to.
      if (index > 0 && POINTS_BACK.test(clause.text) && !ctx.out.some((p) => p.key === 'keyPains' && p.end > clauses[index - 1]!.start && p.start < clauses[index - 1]!.end)) {
        const back = clauses[index - 1]!;
        phrase(ctx, 'keyPains', back.start, back.end, 0.6);
        previous = null;
        continue;
      }
      const zh = ZH_PAIN.test(clause.text);
      const en = EN_PAIN.test(clause.text);
      const last: FactProposal | null = previous;
      previous = null;
      if (!zh && !en) continue;
      // What they fear or ask about is not what hurts today.
      if (WORRY.test(clause.text) || CONDITION.test(clause.text) || clauseAsks(ctx, sentence, clause)) continue;
      // How long our own work takes, a problem they never had, one they had and solved: none hurts today.
      if (OUR_DURATION.test(clause.text) || NEVER_HAD.test(clause.text) || /\bused to\b/i.test(clause.text) || RESOLVED.test(sentence.text)) continue;
      // Nor what they want or plan: "wants to wait until after the holidays" is no pain, and in
      // "太贵打算换掉" the pain ends where the plan begins.
      const plan = WISH_OR_PLAN.exec(clause.text);
      if (plan) {
        const head = clause.text.slice(0, plan.index);
        if (!ZH_PAIN.test(head) && !EN_PAIN.test(head)) continue;
        // "license 太贵不打算扩": the negation belongs to the plan.
        const headText = head.replace(/(?:不|没|没有|不会)\s*$/, '');
        clause = { start: clause.start, end: clause.start + headText.length, text: headText };
      }
      if (!painCueOutside(ctx, clause)) continue;
      if (competitorSpans.some((c) => c.start >= clause.start && c.end <= clause.end)) continue;
      if (ctx.competitors.some((name) => clause.text.toLowerCase().startsWith(name.toLowerCase()))) continue;
      // "数据打不通，没法做归因", "no proper reporting, no SLA tracking": one pain in two short clauses.
      const short = /[\u4e00-\u9fff]/.test(clause.text) ? clause.text.length <= 8 : clause.text.length <= 20;
      if (last && short && last.end < clause.start && clause.start - last.end <= 2 && !NOT_A_PAIN.test(clause.text)) {
        last.end = clause.end;
        last.value = ctx.text.slice(last.start, clause.end).replace(/[\s.。,，;；]+$/, '');
        // Two clauses make one pain; a third short one is a pain of its own ("分给顾问全靠手工派，跟进不及时，转化率只有3%").
        previous = null;
        continue;
      }
      if (NOT_A_PAIN.test(clause.text)) continue;
      // "your BI runs on Tableau over a MySQL replica that falls over": the pain is the relative clause.
      const relative = /\b(?:that(?:'s)?|which)\s+/.exec(clause.text);
      if (/\b(?:runs?|running|use|uses|using|ran|on)\b/i.test(clause.text.slice(0, relative?.index ?? clause.text.length)) && /^(?:\w+\s){0,4}(?:runs?|running|use|uses|using|ran)\b/i.test(clause.text)) {
        if (!relative) continue;
        phrase(ctx, 'keyPains', clause.start + relative.index + relative[0].length, clause.end, 0.6, /^\s+/, TRAIL_FILLER);
        continue;
      }
      if (within(ctx.dates, clause.start, clause.end).some((d) => !d.past && d.day !== null)) continue;
      if (within(ctx.money, clause.start, clause.end).length > 0 && !/lost|cost them|downtime|A\/R|fortune/i.test(clause.text)) continue;
      // Who said it is not part of the pain: "Saskia says the team is frustrated…", "张总说报表太慢".
      const lead = /^(?:[\s:：*•-]|[^：:，,]{0,10}[：:]|(?:[A-Z][\w'’-]{0,20}\s+){0,2}(?:says|said|mentioned|noted|told us|reported|feels|thinks)(?: that)?\s+|[\u4e00-\u9fffA-Za-z]{1,6}?\s?(?:说|表示|提到|觉得|认为|反映)(?=[^，。]{2,})|(?:Main\s+)?pain(?: point)?s?\s*(?:is|:|：)?|痛点\s*[：:]?|问题是|主要问题是|客户反馈\s*[：:]|现状\s*[：:]|the pain is|and|but|so|also|of(?=\s)|但是|但|而且|还|并且|因为|他们|就是|they(?:'re| are|'ve| have)?|their|they find it|which your team described as)+/i;
      const before = ctx.out.length;
      // "they've outgrown it", "hate it": what "it" is names the pain, and it is not in this clause.
      if (/^(?:[\s-]*[\w'’]+\s+){1,3}it[\s.!]*$/i.test(clause.text.replace(lead, ''))) continue;
      phrase(ctx, 'keyPains', clause.start, clause.end, 0.65, lead, TRAIL_FILLER);
      // A clause cut from its subject ("Their CFO, Linda Marsh, is leaving in June") is no statement.
      if (ctx.out.length > before && /^(?:is|are|was|were|has|have|had|will|would)\b/i.test(ctx.out[ctx.out.length - 1]!.value as string)) ctx.out.pop();
      previous = ctx.out.length > before ? ctx.out[ctx.out.length - 1]! : null;
    }
  }
}

// ------------------------------------------------------------------------------------------
// Buying process

const ZH_PROCESS = /政府采购(?:平台)?(?:公开)?招标|(?:公开|邀请|院内|集团统一|集团|政府|统一)?招标(?!文件|公告)|(?:三|3)\s*(?:家|方)(?:比价|报价|PK)|三家\s*PK|至少三家(?:报价)?|先做\s*POC(?:，再走商务谈判)?|比价流程|采购比价|询价采购|竞争性磋商|单一来源|政府采购(?:网上商城)?|集采|集团招采平台|集团电子招标平台|法务(?:审核|审|要审|看|review)|合同需要法务看|法务和财务都要审合同|(?:上|过|走)?(?:董事会|党委会|采购委员会|总经理办公会|院长办公会|院办会|预算会)(?:审批|通过|过|再议)?|OA\s*审批|全球采购流程|(?:信息)?安全(?:评估|评审)|报集团立项|集团\s*IT\s*评审|数据出境评估|先做测试|总部批|上会(?:审批|决策)?|法务还?在?看|统一采购|(?:院内|公开)?遴选|先做[^，。；]{0,8}?(?:试点|POC|pilot|测试)|[\d一二三四五六两]+\s*个月\s*(?:的\s*)?(?:pilot|POC|试点|试用)|由\s*[^，。；]{2,12}?(?:审批|批准)/g;
const EN_PROCESS = /\b(?:RFP(?: through [a-z ]*procurement)?|RFI|(?:public|open|competitive|formal)\s+tender|tender|(?:three|3|two|five|5)[- ]quotes?(?:[- ]process)?|(?:three|five|5) references|legal review(?: of (?:the|our) [A-Z]{2,4}(?: and (?:the )?[A-Z]{2,4})?)?|contract review by [A-Z][\w ]+|legal finishes redlines|security (?:review|questionnaire)|\d+ page security questionnaire|(?:management |co-op |school )?board (?:approval|approve\b|sign-off|vote|approves(?: anything over \$[\d.]+[kKmM]?)?|approved(?!\s*(?:[$£€¥]|\d|the\b|an?\b|their\b|our\b|its\b)))|board's risk committee|board risk committee|InfoSec review|vendor risk (?:assessment|review)|SOC 2(?: Type II)?(?: report)?|DPIA|sealed bid|works council must approve|(?:\d+-day|\d+-week|two-week)\s+(?:POC|trial|pilot)|pilot(?: on \d+ \w+| in one \w+|(?=,? then))|POC\s+\d+\s+weeks|(?<=(?:\+|then|and)\s)procurement(?!\s+(?:policy|team|wants|process requires|requires|needs|goes))|(?:IT|investment|technology|value analysis|architecture review)\s+(?:committee|board)|architecture board|state contract purchase|G-Cloud framework call-off|\bGPO\b|MSA review|vendor due diligence|model risk review|vendor setup|purchase via [A-Z]+|CFO (?:approval|sign-off(?: above \$[\d.]+[kKmM])?)|global (?:procurement|RFP)|Contracts over £[\d.]+[kKmM] go to the board|depends on the board|Board decision)\b/gi;

/** Said before a step in its clause, it is not theirs: "we are not running a tender", "unlike the last RFP". */
const STEP_NEGATED_OR_ELSEWHERE = /不用|不需要|不走|无需|免于|没有|不是|\b(?:no|not|never|without|won't|don't|doesn't|isn't|aren't|skip(?:ped|ping|s)?|instead of|unlike|last|previous|prior|usually|typically|normally|other customers)\b|上次|以前|之前|通常|一般|去年|前年/i;
/** A step that may never happen or is behind them: "they might do an RFP", "招标的话", "security review done last week". */
const STEP_MAYBE = /\b(?:maybe|might|perhaps|possibly)\b|可能|也许|或许/i;
const STEP_PASSED_AFTER = /^\s*(?:(?:is|was|were|has been|have been)\s+)?(?:already\s+)?(?:done|completed|complete|passed|cleared|finished|signed off)\b|^\s*(?:已经|已)?(?:审完|做完|完成了|通过了|过了|结束了)/i;
/** Documents that are only a step when they are demanded: a SOC 2 report we attach is no gate. */
const DOCUMENT_STEP = /^(?:SOC 2|\d+ page security questionnaire|security questionnaire|DPIA)/i;
const DEMANDED = /requir|\bneeds?\b|\bmust\b|\bwants?\b|\bhave to\b|\bhas to\b|\bpass\b|\bcomplete\b|go through|\bProcess\s*[:：]|流程|需要|要求|必须|要过/i;

const PROCESS_LIST = /^(?:[\s*•-]|\d+[.)、]\s*)*(?:(?:buying |procurement |purchasing |approval )?process|采购流程|流程|审批流程)\s*(?:[:：]|—|–|-\s)\s*/i;
const PROCESS_ITEM_SEPARATOR = /\s*(?:,|，|、|;|；|→|->|=>|>|\+|\bthen\b|然后|再|之后|最后)\s*/g;
const PROCESS_HEAD = '(?:review|approval|assessment|audit|committee|board|vote|quotes|quotations|tender|RFP|due diligence|evaluation|pilot|POC|check|consultation|redlines)(?!\\s+(?:paper|pack|deck|presentation|member|meeting))';
const EN_PROCESS_DEMANDED = new RegExp(`\\b(?:requires?|needs?|must (?:pass|go through|get|have|be consulted|approve)|has to (?:pass|go through|get)|have to (?:pass|go through|get)|goes? (?:through|to))\\s+(?:an?\\s+|the\\s+|their\\s+)?((?:[\\w'’-]+\\s+){0,3}${PROCESS_HEAD}(?:\\s+of\\s+[A-Z][\\w-]+)?)\\b`, 'gi');
/** A body that approves or signs off is a step: "the clinical governance committee must approve…", "IT steering committee signs off on the vendor". */
const EN_BODY_APPROVES = /\b((?:(?!(?:and|or|the|their|but|so|also|who|which)\b)[A-Za-z][\w'’-]*\s+){0,3}(?:committee|board|council)(?:\s+of\s+[A-Z][\w-]+)?)\s+(?:must|will|needs to|has to|also)?\s*(?:approve|approves|sign off|signs off|be consulted|vote)\b/gi;
const ZH_PROCESS_DEMANDED = /(?:要|需要|必须|得|还要|先)(?:先)?(?:过|走|经过|上|报|做)\s*([^，。；;,\s]{0,10}?(?:审批|审核|评审|论证会?|备案|遴选|比价|招标|评估|测评|可研|准入审核|上会|委员会|办公会))|(?:要|需要|得|还要)\s*((?:[A-Za-z][\w]*\s?){1,3}|[\u4e00-\u9fff]{2,6})\s*批(?![准了])/g;

/** Items of a labelled list from `start` to `end`, trimmed of articles, dates and asides. */
function listItemsOf(ctx: Context, start: number, end: number, separator: RegExp): Array<{ start: number; end: number }> {
  const items: Array<{ start: number; end: number }> = [];
  const segment = ctx.text.slice(start, end);
  separator.lastIndex = 0;
  let last = 0;
  const cut = (from: number, to: number) => {
    let itemEnd = start + to;
    // "a purchasing committee in January", "POC（至少 4 周）": the step without its time.
    const date = within(ctx.dates, start + from, itemEnd)[0];
    if (date) itemEnd = Math.min(itemEnd, date.start);
    const aside = ctx.text.slice(start + from, itemEnd).search(/[（(]/);
    if (aside > 0) itemEnd = start + from + aside;
    const span = narrow(ctx.text, start + from, itemEnd, /^(?:[\s:：*•-]|an?\s|the\s|then\s|and\s|先|再|然后|最后|走)+/i, /(?:[\s.。,，;；:：、]|\s(?:in|by|on|before|after|at)$)+$/i);
    const value = ctx.text.slice(span.start, span.end);
    if (value.length >= 2 && value.length <= 40 && /[\p{L}]/u.test(value)) items.push(span);
  };
  for (let m = separator.exec(segment); m; m = separator.exec(segment)) {
    if (m[0].length === 0) {
      separator.lastIndex++;
      continue;
    }
    cut(last, m.index);
    last = m.index + m[0].length;
  }
  cut(last, segment.length);
  return items.length <= 6 ? items : [];
}

function addProcess(ctx: Context, seen: Set<string>, start: number, end: number, confidence: number): void {
  const value = ctx.text.slice(start, end).trim();
  const key = value.toLowerCase();
  if (!value || [...seen].some((other) => other.includes(key) || key.includes(other))) return;
  if (ctx.out.some((p) => p.key === 'buyingProcess' && p.start < end && start < p.end)) return;
  // A body that decides is who decides, not a step: proposed as the decision maker already.
  if (ctx.out.some((p) => p.key === 'decisionMaker' && p.start <= start && start < p.end)) return;
  if (NOT_A_PROCESS.test(value) || /^(?:[Tt]hey|[Ww]e|I|[Hh]e|[Ss]he|[Ii]t|[Yy]ou|[Tt]heir|[Oo]ur|他们|我们|对方|客户)(?![\w])/.test(value)) return;
  seen.add(key);
  push(ctx, 'buyingProcess', value, start, end, confidence);
}

/** A purchase that is not this deal: "不是你们的", "(not our deal)". */
const NOT_OUR_DEAL = /\bnot our (?:deal|project|opportunity)\b|\bnot (?:for )?us\)|不是(?:你们|我们)的|不是(?:我们)?这单|(?:跟|和|与)这单无关|(?:跟|和|与)我们(?:无关|没关系)/i;
/** A gate the deal does not reach: "anything above £75k would need board approval", "500万以上才需要上会，我们这单不用". */
const THRESHOLD_NOT_MET = /\bwould (?:need|require|have to)\b|以上才|才需要|这单不用|最好[^，。；]{0,12}以内|\bbelow that\b/i;

/** Items of a process list that are no step: a price, a person, a vague word. */
const NOT_A_PROCESS = /负责|推荐|\brecommend|^(?:TBD|TBC|unknown|unclear|none|n\/a|不清楚|未知|待定|无|not sure)$|[$¥£€]|\d+\s*(?:万|k\b)|^(?:contract|contracting|signature|signing|sign|PO|purchase order|签约|签合同|合同)$|\bsigns?\b|^(?:大概|一般|大约|预计|about|roughly|usually|typically|around)|(?:周|天|个月|weeks?|days|months)$/i;

function extractBuyingProcess(ctx: Context): void {
  const seen = new Set<string>();
  for (const pattern of [ZH_PROCESS, EN_PROCESS]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(ctx.text); m; m = pattern.exec(ctx.text)) {
      const value = m[0].trim();
      if (!value) continue;
      const around = ctx.text.slice(Math.max(0, m.index - 14), m.index);
      if (/不用|不需要|no |not |without |无需/i.test(around)) continue;
      const sentence = sentenceAt(ctx, m.index);
      if (sentence) {
        const clause = clausesOf(sentence, /[，,；;]/g).find((c) => c.start <= m!.index && m!.index < c.end) ?? sentence;
        if (clauseAsks(ctx, sentence, clause)) continue;
        // Somebody else's purchase ("是集团统一采购的费控，不是你们的") or a threshold this deal stays under.
        if (NOT_OUR_DEAL.test(sentence.text) || THRESHOLD_NOT_MET.test(sentence.text)) continue;
        // "I'll send the SOC 2 report": what we hand over is no gate of theirs.
        if (DOCUMENT_STEP.test(value) && /\b(?:send|sending|share|sharing|provide|attach|forward)\s+(?:the\s+|our\s+)?$/i.test(ctx.text.slice(Math.max(0, m.index - 20), m.index))) continue;
        if (STEP_NEGATED_OR_ELSEWHERE.test(ctx.text.slice(clause.start, m.index))) continue;
        const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 20);
        if (STEP_MAYBE.test(clause.text) || STEP_PASSED_AFTER.test(after) || /^\s*的话/.test(after)) continue;
        if (DOCUMENT_STEP.test(value) && !DEMANDED.test(clause.text)) continue;
      }
      if (/不现实|不行|不可能|没必要/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 6))) continue;
      // "send RFI response", "提交 RFP response": our answer to their request is our step, not theirs.
      if (/^RF[PIQ]$/i.test(value) && /^\s*(?:response|responses|reply)\b/i.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12))) continue;
      // A body already proposed as the one who decides ("the final call is with the Value Analysis Committee").
      if (ctx.out.some((p) => p.key === 'decisionMaker' && p.start <= m!.index && m!.index < p.end)) continue;
      // A step already passed: "已经过了董事会".
      if (/已经过了?|已过|已通过|已经通过/.test(ctx.text.slice(Math.max(0, m.index - 5), m.index))) continue;
      if (/会$/.test(value) && /拍板的是|决策在|决策人是|决策：|决策:/.test(ctx.text.slice(Math.max(0, m.index - 6), m.index))) continue;
      const key = value.toLowerCase();
      if ([...seen].some((other) => other.includes(key))) continue;
      seen.add(key);
      push(ctx, 'buyingProcess', value, m.index, m.index + m[0].length, 0.8);
    }
  }
  // Steps named in a labelled list: "Process: clinical evaluation, then IT security review, then
  // supply chain contracting", "流程：POC（至少 4 周）→ 信息技术委员会 → 招标".
  for (const sentence of ctx.sentences) {
    const label = PROCESS_LIST.exec(sentence.text);
    if (label) {
      const listStart = sentence.start + label.index + label[0].length;
      for (const item of listItemsOf(ctx, listStart, sentence.end, PROCESS_ITEM_SEPARATOR)) addProcess(ctx, seen, item.start, item.end, 0.7);
    }
    // A step they must pass: "must pass a privacy impact assessment", "必须先过公安的备案", "要走国资委的采购审批".
    for (const pattern of [EN_PROCESS_DEMANDED, ZH_PROCESS_DEMANDED, EN_BODY_APPROVES]) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(sentence.text); m; m = pattern.exec(sentence.text)) {
        const body = (m[1] ?? m[2])!;
        const from = sentence.start + m.index + (pattern === EN_BODY_APPROVES ? 0 : m[0].lastIndexOf(body));
        const clause = clausesOf(sentence, /[，,；;]/g).find((c) => c.start <= from && from < c.end) ?? sentence;
        if (clauseAsks(ctx, sentence, clause) || STEP_NEGATED_OR_ELSEWHERE.test(ctx.text.slice(clause.start, from)) || STEP_MAYBE.test(clause.text)) continue;
        if (NOT_OUR_DEAL.test(sentence.text) || THRESHOLD_NOT_MET.test(sentence.text)) continue;
        // Our own homework is not their process ("we need a review of the SOW", "我们要做评估").
        if (/\b(?:we|I|us|our)\b|我们|我方|咱们/i.test(ctx.text.slice(clause.start, from))) continue;
        // A bare "approval" or "review" says nothing about whose; a step needs its own name.
        const named = body.replace(/^(?:the|their|a|an|and|but|so|also)\s+/i, '').trim();
        if (/^(?:approval|review|assessment|evaluation|check|sign-off|审批|审核|评审|评估)$/i.test(named)) continue;
        const at = ctx.text.indexOf(named, from);
        if (at < 0) continue;
        addProcess(ctx, seen, at, at + named.length, 0.65);
      }
    }
  }
}

// ------------------------------------------------------------------------------------------
// Next step, its due date, and the expected close

/** A close that is no deal: the books, the month, an RFP's deadline. */
const NOT_A_DEAL_CLOSE = /\b(?:applications?|registration|window|enrol?ments?|submissions?|nominations?|entries|voting|polls?|survey|office|store|shop|books)\s+(?:will\s+|is\s+|are\s+)?(?:close|closes|closed|closing)\b|\b(?:merger|acquisition|buyout|funding round|raise|sale of (?:the|their) \w+)\b[^.;]{0,30}\bclos|(?:month|year|quarter|period)[- ]end close|\bclose (?:the |their |its )?(?:[\w-]+\s+){0,2}books|\bbooks close|\bfinancial close|\bclose out\b|\bclose of business\b|\bCOB\b/i;
const CLOSE_CUE = /签约|签合同|签掉|签下来|签单|签了|签\b|签(?![字到])|盖章|用印|回传|成交|合同签署|完成签约|\bsign(?:ed|ing|ature)?\b|\bclose\b|\bclosing\b|\baward\b|\bdecision by\b|\ba decision\b|\bdecision in\b|\bcontract by\b|\bpaperwork\b|expected close|target close|\bsign\b|公布|出结果|定标|中标|选定|定供应商|确定供应商|完成选型|定下来|拍板|\bdecid(?:e|es|ing)\b(?! to)|\bvendor selection\b|\b(?:select|choose|pick)(?:s|ing)? (?:a |the |their )?(?:vendor|supplier|partner)\b|\bawarded\b|\bpurchase order\b|\bPO\b(?= *(?:这周|本周|下周|月底|预计|issued|by|on|before|will|is|to be))|\bDocuSign\b|\be-?sign(?:ed|ing|ature)?\b|\bcontract before\b/i;
/** A decision or a slip of it: the close, whatever papers the clause also mentions ("legal review + board approval push it to end of April"). */
const DECISION_CUE = /\bdecision\b(?![- ]?makers?|\s+criteria|\s+(?:is|sits|rests|lies)\s+with)|\b(?:be|is|gets|get|being) decided\b|(?:前|之前|底|中旬|内|时)\s*(?:做|作)?出?决定|决定(?=\s*(?:[。，；,.]|$))|(?:做|作)出?决定|决定是否|再定(?![价])|再决定|给结果|前定|之前定|(?:开会|上会)(?:批|审批|定|决定)|(?:董事会|委员会|办公会)[^，。；]{0,14}(?:过|审|批)合同|上[\u4e00-\u9fff]{0,6}会\s*(?:批|审批|定|决定)|\b(?:board|committee|council)\s+(?:will\s+)?(?:approves?|votes?|decides?)\b|完成招标|招标完成|\bpush(?:es|ed|ing)? (?:it|this|the deal|the close|signing|the decision) (?:out |back )?to\b|\bslip(?:s|ped)? to\b|推迟到|延到|延期到|\bwill approve\b|\bapproves? the (?:spend|purchase|budget|contract|deal)\b/i;
/** A meeting of the body that decides: "the board meets 20 May and will approve the spend", "下次会议是 5 月 8 日". */
const BODY_MEETING = /\b(?:board|committee|council|panel|partners'? meeting)\b[^.;]{0,30}\b(?:meets?|meeting|is on|convenes)\b|\bnext (?:board|committee)\b|(?:董事会|委员会|办公会|合伙人会|会议)[^。；]{0,8}(?:是|开|在|定在)|下次(?:会|开会)/i;
/** Buying is closing too: an order, a purchase, a commitment, a final answer ("PO expected by end of June", "预计 7 月中旬下单"). */
const PURCHASE_CUE = /\bplace (?:the |an |their )?orders?\b|\bPO\b|\bpurchase\b(?! (?:history|price|order form))|\bgo\/no-go\b|\bgo-ahead\b|\bgreen light\b|\bcommit(?:ment)?\b|\bunder contract\b|\bfinal (?:answer|verdict|word)\b|\bmake (?:the|their|a final) call\b|\bget (?:this|it|the deal|the purchase) approved\b|完成采购|采购结果|下单|落单|敲定|确定合作|定合作|最终答复|最终结果|拿下/i;
const DECIDES = /decid|approv|sign(?:s|ed)? off|\bsigns?\b|决定|拍板|审批|批准|定下/i;
const NOT_A_DUE_DATE = /(?<!把[^，。]{0,12})签了|再启动|再议|\brestart|\bevery\b|每周|每个?星期|每个?月|每逢|已签|(?<!\b(?:to be|will be|be|being|get|gets|getting)\s)\bsigned\b|revisit|到期|续约(?!合同)|\brenew(?:s|ed)\b|renewal date|up for renewal|开标|挂网|上线|完成部署|部署完|试用期到|拖到|才能|\blive\b|go-live|renewal (?:is|due)|fiscal year|\bvacation\b|\buntil\b|\bstarts? July 1|立项|付款(?!方案)|开始|用起来|投入使用|启用|expir|\bon hold\b|publish|\bhave budget\b|\bquota\b|\bpayments?\b(?!\s+(?:terms|plan|schedule|options))|付[^，。；]{0,4}款(?!方案)|首付|回款|到货|装机|并网|\bdelivery\b|\b(?:implementation|rollout|project|contract|subscription)\s+(?:starts?|begins?|start date)\b|\bclose (?:the |their |its )?(?:[\w-]+\s+){0,2}books\b/i;
/** Staff joining or leaving: their calendar, not a step of the deal. */
const PERSON_EVENT = /\bnew\s+(?:[\w-]+\s+)?(?:CFO|CEO|CTO|CIO|COO|CISO|VP|director|manager|head|hire|lead|boss|GM|MD|owner|principal|president|chair(?:man|woman)?)(?:\s+[\w-]+)?\s+(?:starts|joins|begins)\b|\b(?:retires?|retiring|resigns?|resigning|is leaving|are leaving|leaves the (?:company|business|firm)|maternity|paternity|parental leave|last day)\b|入职|离职|退休|到岗|产假/i;
/** The customer's own calendar: openings, moves, shows, audits, payroll, a trial or contract ending. */
const THEIR_EVENT = /\b(?:audit|payroll|trade ?show|expo|conference(?! call)|offsite|off-site|town ?hall|all-hands|stocktake|inventory count|grand opening|opens|re-?opens|relocat\w*|office move|moves? (?:office|offices|warehouse|premises)|(?:is|are) closed|ends|ending|wraps? up|merger|acquisition)\b|开业|展会|搬家|搬迁|年会|团建|装修|审计|下达|发工资|发薪|\bannual (?:plan|budget|accounts|report)\b|\bOKRs?\b|大会|院庆|校庆|店庆|开学|放假|年度(?:预算|计划)/i;
/** We take part: "we present at their town hall", "我们去展会演示". */
const OUR_PART = /\b(?:we|I|I'll|we'll|us|our team|present|presenting|demo)\b|我们|我方|咱们|我(?!们)|演示|汇报/i;
/** Away until a date: the date is when they are back, not a step. */
const AWAY_UNTIL = /(?:出差|休假|请假|放假|在外地?|不在|住院|培训|外出)[^，。,]{0,4}(?:到|至|直到)\s*$/;
/** Somebody away then: "厂长下周出差", "Priya is on leave next week". */
const AWAY = /出差|休假|请假|放假|不在公司|外出|住院|\b(?:out of (?:the )?office|OOO|on (?:vacation|holiday|leave|PTO)|(?:back|return(?:s|ing)?) from (?:vacation|holiday|leave|PTO|a trip)|travel(?:l)?ing|away)\b|^\s*(?:waiting|awaiting)\b/i;
/** A meeting that already took place: "from our call on Tuesday", "following the demo on 3 March". */
const PAST_MEETING_BEFORE = /\b(?:from|since|following|after|recap of|thanks for|thank you for|per)\s+(?:(?:our|the|your|their|this|last)\s+)?(?:[\w-]+\s+){0,2}(?:call|meeting|session|demo|chat|visit|workshop|discussion|conversation|review)\s+(?:on|last)\s*$/i;
const PAST_MEETING_LEAD = /\b(?:from|since|following|after|recap of|thanks for|thank you for|per|during|at|in)\s+(?:the\s+)?$/i;
const PAST_MEETING_POSSESSIVE = /^['’]s\s+(?:[\w-]+\s+)?(?:call|meeting|session|demo|chat|visit|workshop|discussion|conversation|review)\b/i;
const STEP_CUE_ZH = /(?:下一步|下一步骤|行动项|待办|跟进|提醒|next\s*step|next)\s*[：:]\s*/gi;
const STEP_CUE_EN = /\b(?:next steps?|next|NS|action(?: items?)?|actions|follow-up|todo|to do|agreed|we agreed|promised)\s*[:：]\s*/gi;
const STEP_LEAD = /^(?:[\s:：,，、*•-]|next steps?\s*(?:是|is)?|[^:：，。]{0,40}[:：](?=\s*\S)|(?:they(?:'ve| have)|he|she|[A-Z]\w+(?:\s+[A-Z]\w+)?)\s+(?:asked for|said (?:they'd|they will) have|wants?|needs?)\s+(?:(?:us|me)\s+to\s+)?|我这边|我们这边|我方|我们|我|咱们|客户|对方|他们|需要|要|会|将|就|先|请|记得|必须|可以|希望|准备|安排好?(?=[^排])|在|于|前|之前|以前|内|之内|上午|下午|晚上|中午|早上|\d{1,2}\s*点半?(?:前)?|[一二三四五六七八九十]{1,3}点半?(?:前)?|一早|一大早|\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|I'll|I will|we'll|we will|we\b|I\b|they'll|they will|she'll|he'll|will\b|to\b|and\b|then\b|as agreed|as promised|also\b|by\b|on\b|before\b|is\b|are\b|scheduled for|owe (?:her|him|them|you)|our next step is|next step is|(?:said|promised|agreed|offered)(?: that)?(?: to| I'd| we'd| I would| we would)?|答应|承诺|说好|(?:she|he|they) would like|(?:could|can|would) you(?: please)?|asked (?:us|me) for|so\b|关键是)+/i;
const STEP_TRAIL = /(?:[\s.。,，;；:：、!！?？]|\b(?:by|on|before|due|is|are|scheduled for|scheduled|set for|at|this|next|the|AM|PM|am|pm|\d{1,2}(?::\d{2})?\s?(?:am|pm))\b|前|之前|以前|内|之内|了|哈|吧|啊)+$/i;

const STEP_DOER = /^\s*(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:will|to|'ll|’ll)\s+(?=(?:send|share|set|book|introduce|confirm|arrange|get|provide|schedule|check|follow|review|run|prepare|draft|call|email|loop|connect|organi[sz]e|circulate|forward|update|finali[sz]e|present|pull|walk|intro)\b)/;

const ATTRIBUTIVE_PERIOD = /^\s*(?:books|results|numbers|earnings|revenue|planning|targets?|forecasts?|reports?|reporting|OKRs?|roadmap|pipeline)\b/i;

const OTHER_DEAL = /\b(?:other|another|separate|different)\s+(?:deal|project|opportunity|contract|order|RFP|tender)\b|\bsister (?:company|co-?op|site|hospital|school|clinic|brand)\b|另(?:一|外一)?个(?:项目|单子|合同|订单)|(?:其他|别的|上一个|上个|之前的)(?:项目|单子|合同|订单)/i;

/** Another vendor's contract: "Their Oracle contract is up for signature", "签另外一家的续约合同". */
const OTHER_VENDOR_CONTRACT = /\b(?:[Tt]heir|[Tt]he|[Cc]urrent|[Ee]xisting)\s+(?:[A-Z][\w-]+\s+){1,2}(?:contract|renewal|licen[cs]e|subscription)\b|(?:另(?:外)?一家|别家|其他(?:家|厂商))的[^，。；]{0,6}(?:合同|协议|续约)/;

/** The text around a date, widened to whole words so that a cue is never cut ("Purchase order expected Nov 6"). */
function wordWindow(ctx: Context, clause: Span, from: number, to: number): string {
  let blanked = blankedDecisionIsWith.get(clause);
  if (blanked === undefined) {
    // "…Nov 17 and the decision is with the COO" names who decides, not when: no cue for the date.
    blanked = clause.text.replace(DECISION_IS_WITH, (m) => ' '.repeat(m.length));
    blankedDecisionIsWith.set(clause, blanked);
  }
  let start = Math.max(clause.start, from);
  let end = Math.min(clause.end, to);
  for (let i = 0; i < 12 && start > clause.start && /[A-Za-z]/.test(ctx.text[start - 1]!); i++) start--;
  for (let i = 0; i < 12 && end < clause.end && /[A-Za-z]/.test(ctx.text[end]!); i++) end++;
  return blanked.slice(start - clause.start, end - clause.start);
}

const DECISION_IS_WITH = /\b(?:final\s+)?decision\s+(?:is|sits|rests|lies)\s+with\b/gi;

/** A clause's text with DECISION_IS_WITH blanked, made once per clause rather than once per date in it. */
const blankedDecisionIsWith = new WeakMap<Span, string>();

function extractSteps(ctx: Context): void {
  const dueSeen = new Set<number>();
  // Disjoint and sorted by start (so by end too): an overlap check is a binary search, not a
  // scan of every step so far, which was quadratic in a long note's dates.
  const stepSpans: Array<[number, number]> = [];
  /** Where [start, end) goes among the steps, or -1 when it overlaps one. */
  const stepSlot = (start: number, end: number): number => {
    let lo = 0;
    let hi = stepSpans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (stepSpans[mid]![1] > start) hi = mid;
      else lo = mid + 1;
    }
    return lo < stepSpans.length && stepSpans[lo]![0] < end ? -1 : lo;
  };
  const rivals = ctx.out.filter((p) => p.key === 'competitors' && typeof p.value === 'string').map((p) => p.value as string);
  const addStep = (start: number, end: number, confidence: number) => {
    // "带上POC报告", "记得开录屏": a reminder after the step is not the step.
    const cutAt = ctx.text.slice(start, end).search(/，|带上|记得/);
    if (cutAt > 0) end = start + cutAt;
    // "send proposal before the office closes": when is said by the date, not by the event.
    const when = ctx.text.slice(start, end).search(/\s(?:before|until|once|when|after)\s+(?:the|their|our|they|we|he|she|it)\b/i);
    if (when > 0) end = start + when;
    // "Sarah to send the SOW", "Mark will introduce us": who does it is not the step.
    const doer = STEP_DOER.exec(ctx.text.slice(start, end));
    if (doer) start += doer[0].length;
    const span = narrow(ctx.text, start, end, STEP_LEAD, STEP_TRAIL);
    const value = ctx.text.slice(span.start, span.end);
    if (value.length < 2 || value.length > 80 || !/[\p{L}]/u.test(value)) return;
    if (/^(?:签|sign|close|decision|paperwork|expected close|target close)/i.test(value)) return;
    // A one-word step is a thing to deliver or hold ("Demo", "发报价"); a lone name or word
    // ("Sam", "结束", "决定") is what a date's clause said about something else.
    if (/^[A-Za-z]+$/.test(value) && !/^(?:demo|proposal|quote|pricing|workshop|site|call|meeting|visit|onsite|kickoff|presentation|review|trial|pilot|POC|SOW|contract|references?|follow-?up|check-?in|recap|training|walkthrough|deck|docs)$/i.test(value)) return;
    if (/^[\u4e00-\u9fff]{1,3}$/.test(value) && !/^[发给出去约再做开交报带提回见聊打拜讲送安试签]|会$|演示|方案|报价|材料|合同/.test(value)) return;
    // Waiting is not an action: "Next: waiting on legal", "下一步：等客户反馈".
    if (/^(?:wait|waiting|await|awaiting|pending|hold|on hold|TBD|TBC|none|nothing|n\/a|see|等|等待|待定|无|暂无|看情况|再说|休息|放假|结束|完成$)/i.test(value)) return;
    const slot = stepSlot(span.start, span.end);
    if (slot < 0) return;
    stepSpans.splice(slot, 0, [span.start, span.end]);
    push(ctx, 'nextStep', value, span.start, span.end, confidence);
  };

  for (const sentence of ctx.sentences) {
    const clauses = clausesOf(sentence, /[，,；;]|\s[—–]\s/g);
    for (const wholeClause of clauses) {
      // "They close Q3 books on Sept 30": a period naming a thing of theirs is no date of the deal.
      const dates = within(ctx.dates, wholeClause.start, wholeClause.end).filter((d) => !(d.period && ATTRIBUTIVE_PERIOD.test(ctx.text.slice(d.end, d.end + 16))));
      for (const [index, date] of dates.entries()) {
        if (date.day === null || date.past || date.day < ctx.today) continue;
        // Two dates in one clause each have their own part of it: "the RFP response is due Oct 10
        // and the award is expected Nov 20".
        const clause = dates.length > 1 ? dateSegment(ctx, wholeClause, dates, index) : wholeClause;
        const near = clause === wholeClause ? wordWindow(ctx, clause, date.start - 20, date.end + 14) : clause.text;
        if (NOT_A_DUE_DATE.test(wordWindow(ctx, clause, date.start - 24, date.end + 14))) continue;
        // "Our other deal with their parent is expected to close this Friday", "另一个项目 9 月 30 日签": not this deal.
        if (OTHER_DEAL.test(ctx.text.slice(sentence.start, date.start)) || OTHER_VENDOR_CONTRACT.test(clause.text)) continue;
        // "Payment for the pilot would be due April 15": a payment or a delivery is due, not a step.
        if (/^[\s\-*•]*(?:the\s+|their\s+|our\s+)?(?:first\s+|final\s+|second\s+|next\s+)?(?:payment|invoice|delivery|installation|go-live)\b/i.test(clause.text)) continue;
        if (date.day === ctx.today && /[\u4e00-\u9fff]/.test(clause.text) && !/要|会|将|记得|去|点|[上下]午|晚上|前|提醒/.test(ctx.text.slice(date.end, clause.end))) continue;
        // "今天见了三个客户", "Thanks for today": today in a report of what already happened.
        if (date.day === ctx.today && /了|过|感谢|谢谢|\b(?:thanks|thank you|recap|confirm|per our|as discussed|spoke|talked|met|had)\b/i.test(clause.text) && !/提醒|记得|reminder|\bat \d|点/i.test(clause.text)) continue;
        if (/\b(?:met|sent|had|was|were|did|thanks for|thank you for|following|signed|ago|missed|spoke|talked|visited|presented|demoed|attended|went|came|cancell?ed|gave|showed|discussed|received|delivered|submitted|launched)\b|已经|已|发的|上次/i.test(clause.text.slice(0, date.start - clause.start)) && !/\bwill\b|\bto be\b|要|将/.test(clause.text)) continue;
        // "Could you send integration docs by end of week?" asks us for something: our next step.
        const requestToUs = /^(?:[\w ]{0,20}[:：]\s*)?(?:could|can|would) you (?:please )?(?:send|share|provide|get|have|prepare)\b/i.test(clause.text);
        if (/\?|？|would you|could we|can we|open to|if you'd like|let me know/i.test(clause.text) && !requestToUs) continue;
        // Asked, offered or conditional: "Happy to run a workshop on 20 March if that helps".
        if ((clauseAsks(ctx, sentence, clause) && !requestToUs) || OFFER.test(clause.text) || CONDITION.test(clause.text)) continue;
        // Maybe, or only if something else happens first: neither agreed nor expected.
        if (TENTATIVE.test(clause.text) || CONDITION_LEADS.test(ctx.text.slice(sentence.start, wholeClause.start))) continue;
        // Their people coming and going ("their new CFO starts Monday", "王经理下月离职") and their
        // own calendar ("新店 7 月 1 日开业", "their audit starts next Monday"), unless we take part.
        if (PERSON_EVENT.test(clause.text)) continue;
        if ((THEIR_EVENT.test(clause.text) || (BODY_MEETING.test(clause.text) && !DECIDES.test(sentence.text) && !DECISION_CUE.test(clause.text))) && !OUR_PART.test(clause.text)) continue;
        // Where somebody is until then ("刘总休假到下周五") or a meeting already held
        // ("next steps from Monday's workshop", "from our call on Tuesday").
        const beforeDate = ctx.text.slice(clause.start, date.start);
        const afterDateText = ctx.text.slice(date.end, clause.end);
        if (AWAY_UNTIL.test(beforeDate) || AWAY.test(clause.text)) continue;
        if (PAST_MEETING_BEFORE.test(beforeDate) || (PAST_MEETING_LEAD.test(beforeDate) && PAST_MEETING_POSSESSIVE.test(afterDateText))) continue;
        // "10月8号之后再约demo", "installed within two weeks after that": a date that only bounds from below, or counts from another event.
        const fromThen = /^\s*(?:之后|以后|过后)/.exec(afterDateText);
        if (fromThen) {
          // The action is still agreed, only its date is open: "10月8号之后再约demo".
          if (/[\u4e00-\u9fff]{2,}/.test(afterDateText.slice(fromThen[0].length))) addStep(date.end + fromThen[0].length, clause.end, 0.6);
          continue;
        }
        if (/^\s*(?:after that\b|afterwards\b)/i.test(afterDateText) || /\bafter\s*(?:the\s+)?$/i.test(beforeDate)) continue;
        // "Marcus wants us in front of the exec team Nov 17": where they want us, not an action agreed.
        if (/\bwants?\s+us\s+(?!to\b)/i.test(beforeDate)) continue;
        // "安恒下周来做POC": a rival's step, not ours.
        // "安捷下周来做 POC": a vendor coming to them is a rival; we go ("我们去").
        if (/^\s*来(?:做|演示|讲|交流|测试|装)/.test(afterDateText) && !OUR_PART.test(clause.text)) continue;
        // Competitors are all proposed before the steps, so `rivals` is ctx.out's list of them.
        const lead = rivals.length > 0 ? ctx.text.slice(clause.start, date.start).trim() : '';
        const rivalFirst = rivals.some((rival) => lead.startsWith(rival));
        if (rivalFirst && !OUR_PART.test(clause.text)) continue;
        const iso = isoOf(date.day);
        // "Yard planning today:", "(they use Arbor today)": today as the present, not a deadline.
        if (/^(?:today|now)$/i.test(ctx.text.slice(date.start, date.end)) && (/^\s*(?:[:：)]|is\b|are\b)/.test(afterDateText) || (/\b(?:use|uses|using|runs?|running|on|in)\b/i.test(beforeDate) && !/\b(?:will|'ll|send|sending|call|calling|by)\b/i.test(beforeDate)))) continue;
        // The deciding body meets that day: when they expect to decide, unless we present there.
        const bodyMeets = BODY_MEETING.test(beforeDate) && DECIDES.test(sentence.text) && !/\b(?:we|I|I'll|we'll|our|us|you'll|present|presenting)\b|我们|我方|汇报/i.test(beforeDate);
        const decision = DECISION_CUE.test(near) || (PURCHASE_CUE.test(near) && !/\b(?:we|I|I'll|we'll|our)\b|我们|我方/i.test(near));
        if (date.period && !CLOSE_CUE.test(near) && !decision && !bodyMeets) continue;
        if (bodyMeets || decision) {
          push(ctx, 'expectedClose', iso, date.start, date.end, 0.7);
          continue;
        }
        // A signing date is the expected close, unless the clause is about sending papers for it.
        if (CLOSE_CUE.test(near) && !NOT_A_DEAL_CLOSE.test(near) && !/NDA|保密协议|confidentiality/i.test(near) && !/发|send|带|quote|proposal|过合同|review|报价|方案|提交/i.test(clause.text.replace(/合同|contract/gi, ''))) {
          push(ctx, 'expectedClose', iso, date.start, date.end, 0.8);
          continue;
        }
        // "3 月 20 日决定培训时间", "will decide on the full rollout by Nov 20": a decision is the close when it is about buying, else nothing to do.
        if (/\bdecid(?:e|es|ing)\b(?!\s+to\b)|(?<!决)决定(?![权了])/i.test(beforeDate + afterDateText)) {
          if (/\b(?:rollout|roll-out|purchase|vendor|supplier|deal|contract|us|platform|solution)\b|合作|采购|选型|供应商|方案|合同/i.test(beforeDate + afterDateText)) push(ctx, 'expectedClose', isoOf(date.day), date.start, date.end, 0.7);
          continue;
        }
        // "明早九点半去客户那边签字": going to sign is the close, not a step.
        if (/签字|签约|签合同|\bsign (?:the )?(?:contract|agreement|order form|MSA)\b/i.test(afterDateText) && !/发|send|带|寄|盖章|review|准备/i.test(afterDateText)) {
          push(ctx, 'expectedClose', isoOf(date.day), date.start, date.end, 0.7);
          continue;
        }
        // A due date needs an action in its clause: the clause minus the date must say something.
        const afterDate = afterDateText;
        // Words that only look like actions: 出差 is a trip, 回来 a return, 会员 a member.
        const actionText = (beforeDate + afterDate).replace(/出差|回来|来电|会员|机会|不会/g, ' ');
        const cueInClause = /下一步|行动项|next|NS:|action|follow|I'll|I will|we'll|will|owe|due|scheduled|starts|发|给|出|交|提交|提供|安排|约|去|拜访|演示|报|做|完成|准备|带|递交|确认|反馈|上门|开|过|见|打|聊|来|回|会|call|send|demo|call|meet|workshop|review|trial|pilot|proposal|quote|kickoff|onsite|visit|submit|respond|answers|reconvene|presentation|briefing|survey|reach|check|follow|schedule|set up|run|introduce|try|feedback|questions|decision|plan|paper|sow|order form|asked (?:us |me )?for|request|agreed|promised|ping|nudge|chase|remind|touch base|draft|docs|references|share|book|prepare/i.test(
          actionText,
        );
        const hanAction = /^[\s前之以内,，:：]*(?:[上下]午|晚上|早上)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*点?\s*[\u4e00-\u9fff]{2,}/.test(afterDate) && !date.period;
        // What happens to them that day is no step of the deal: a return, an upgrade, their own board.
        if (/^[\s前之以内,，:：]*(?:他们|对方|客户|公司)?(?:要|会|将)?(?:休息|回来|回京|回公司|返回|出差|放假|休假|升级|维护|割接|停机|开董事会|开党委会|开会讨论|内部(?:开会|讨论|评审|沟通|开个会)|结束)/.test(afterDate)) continue;
        // A chore that comes round every month is a pain, not a step: "月底要加班", "月底对账".
        if (/^[\s,，]*(?:都|就|总|经常|又)?(?:要|得)?(?:加班|对账|结账|关账|月结|盘点|核算|忙)/.test(afterDate)) continue;
        if (!cueInClause && !hanAction) continue;
        if (!dueSeen.has(date.day)) {
          dueSeen.add(date.day);
          push(ctx, 'dueDate', iso, date.start, date.end, 0.75);
        }
        // The step is what the clause says around the date: after it in Chinese, before it in English.
        const afterText = afterDate.replace(/^[\s前之以内,，:：]+/, '');
        const cleanedAfter = narrow(ctx.text, date.end, clause.end, STEP_LEAD, STEP_TRAIL);
        const cleanedBefore = narrow(ctx.text, clause.start, date.start, STEP_LEAD, STEP_TRAIL);
        const afterLength = cleanedAfter.end - cleanedAfter.start;
        const beforeLength = cleanedBefore.end - cleanedBefore.start;
        const chineseAfter = /[\u4e00-\u9fff]/.test(afterText) && afterLength >= 2;
        const beforeHan = /[\u4e00-\u9fff]{2,}$/.test(ctx.text.slice(cleanedBefore.start, cleanedBefore.end)) && beforeLength <= 10;
        // "标书6月10日前递交": a short verb after the date takes its object from before it.
        if (chineseAfter && afterLength <= 3 && beforeHan && !/(?:说|表示|要求|让|请|改到|改成|推到|延到|挪到)$/.test(ctx.text.slice(cleanedBefore.start, cleanedBefore.end))) addStep(cleanedBefore.start, clause.end, 0.7);
        else if (chineseAfter) addStep(date.end, clause.end, 0.7);
        else if (beforeLength >= 2) addStep(stripStepCue(ctx, clause.start, date.start), date.start, 0.7);
        else if (afterLength >= 2) addStep(date.end, clause.end, 0.65);
      }
    }
    // Steps after a holiday or promised without a date: 国庆后给试用账号, I'll check back in January.
    const vague = /(?:国庆|元旦|春节|十一|年|节)后(?:第一周|上班第一天)?\s*((?:给|发|安排|去|约|出|提交)[\u4e00-\u9fffA-Za-z ]{1,14})|\b(?:I'll|I will|[Ss]he'll|[Hh]e'll|will)\s+((?:check (?:back|in)|follow up|reach out|introduce|set up a meeting)\b[^.;,]*)/g;
    for (let m = vague.exec(sentence.text); m; m = vague.exec(sentence.text)) {
      const group = m[1] ? 1 : 2;
      const value = m[group]!;
      const from = sentence.start + m.index + m[0].length - value.length;
      let end = from + value.length;
      const firstDate = within(ctx.dates, from, end + 64)[0];
      if (firstDate && firstDate.start < end) end = firstDate.start;
      const cut = ctx.text.slice(from, end).search(/\s(?:in|on|by|next|this|when|until|once)\s*$|\s(?:in|on|by|when|until|once)\s/);
      addStep(from, cut > 0 ? from + cut : end, 0.6);
    }
    // Steps named as such, without a date.
    for (const cue of [STEP_CUE_ZH, STEP_CUE_EN]) {
      cue.lastIndex = 0;
      for (let m = cue.exec(sentence.text); m; m = cue.exec(sentence.text)) {
        const from = sentence.start + m.index + m[0].length;
        const firstClause = clausesOf({ start: from, end: sentence.end, text: ctx.text.slice(from, sentence.end) }, /[，,；;]|\s[—–]\s|\bthen\b/g)[0];
        if (!firstClause) continue;
        const datesIn = within(ctx.dates, firstClause.start, firstClause.end);
        let end = firstClause.end;
        let start = firstClause.start;
        for (const d of datesIn) {
          // "ACTION: Sam 本周五前发合规材料": who does it stands before the date, the step after it.
          const who = /^\s*(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?|[\u4e00-\u9fff]{2,3})\s*$/.test(ctx.text.slice(start, d.start)) && !/[发给做交约带]/.test(ctx.text.slice(start, d.start));
          if (d.start - start > 1 && !who) end = Math.min(end, d.start);
          else start = d.end;
        }
        addStep(start, end, 0.7);
      }
    }
  }
}

/** The part of a clause that belongs to one of its dates: from the previous date (or the
 * conjunction after it) to the next date (or the conjunction before it). */
function dateSegment(ctx: Context, clause: Span, dates: DateMention[], index: number): Span {
  const joint = /\s(?:and|then|while)\s|然后|并且|同时|；|;/g;
  const date = dates[index]!;
  let start = index > 0 ? dates[index - 1]!.end : clause.start;
  let end = index < dates.length - 1 ? dates[index + 1]!.start : clause.end;
  if (index > 0) {
    joint.lastIndex = 0;
    const between = ctx.text.slice(start, date.start);
    for (let m = joint.exec(between); m; m = joint.exec(between)) start = dates[index - 1]!.end + m.index + m[0].length;
  }
  if (index < dates.length - 1) {
    joint.lastIndex = 0;
    const m = joint.exec(ctx.text.slice(date.end, end));
    if (m) end = date.end + m.index;
  }
  return { start, end, text: ctx.text.slice(start, end) };
}

/** The clause text before a date, without a leading "Next step:" or "Action:" cue. */
function stripStepCue(ctx: Context, start: number, end: number): number {
  const head = ctx.text.slice(start, end);
  const m = /^(?:.*?(?:next steps?|next|NS|action(?: items?)?|follow-up|reminder(?: to self)?|todo)\s*[:：]\s*)/i.exec(head);
  return m ? start + m[0].length : start;
}

// ------------------------------------------------------------------------------------------

/**
 * Facts proposed from one note. Pure and deterministic: the same text, `now` and zone give
 * the same proposals. Proposals are sorted by position; `text.slice(start, end)` is the
 * evidence. Throws a RangeError for an unknown time zone.
 */
export function extractFacts(text: string, options: ExtractOptions): FactProposal[] {
  if (typeof text !== 'string') throw new TypeError('extractFacts: text must be a string');
  if (!Number.isFinite(options.now)) throw new RangeError(`extractFacts: now must be epoch milliseconds, got ${String(options.now)}`);
  const note = text.length > MAX_NOTE_CHARS ? text.slice(0, MAX_NOTE_CHARS) : text;
  const today = dayInZone(options.now, options.timeZone);
  const ctx: Context = {
    text: note,
    today,
    timeZone: options.timeZone,
    sentences: sentencesOf(note),
    dates: findDates(note, today),
    money: findMoney(note, options.timeZone),
    competitors: [...(options.vocabulary?.competitors ?? [])].filter((name) => name.trim().length >= 2).sort((a, b) => b.length - a.length),
    products: [...(options.vocabulary?.products ?? [])].filter((name) => name.trim().length >= 2),
    out: [],
  };
  extractBudget(ctx);
  extractDecisionMaker(ctx);
  extractCompetitors(ctx);
  extractCurrentSolution(ctx);
  splitSolutions(ctx);
  dropIncumbents(ctx);
  extractPains(ctx);
  extractBuyingProcess(ctx);
  dropThresholdsNotCrossed(ctx);
  extractSteps(ctx);
  return dedupe(ctx.out).sort((a, b) => a.start - b.start || FACT_KEYS.indexOf(a.key) - FACT_KEYS.indexOf(b.key));
}

/** "anything over $100k", "> $250k", "超过 50 万", "above CHF 250k": an approval that only applies above an amount. */
const THRESHOLD_BEFORE = /(?:\b(?:anything|everything|all (?:spend|contracts|purchases)|contracts|purchases|spend)\s+)?(?:\bover|\babove|>|超过|以上(?=要|需))\s*$/i;

/**
 * An approver or approval that applies only above a threshold this deal's budget is under is
 * neither a decision maker nor a step (corpus README, sharpened 2026-12-02): "the Executive
 * Board approves anything above CHF 250k. Budget CHF 180k." Without a budget the deal is not
 * known to be under, and the proposal stays.
 */
function dropThresholdsNotCrossed(ctx: Context): void {
  const budgets = ctx.out.filter((p) => p.key === 'budget').map((p) => p.value as BudgetValue);
  if (budgets.length === 0) return;
  const deal = Math.max(...budgets.map((b) => b.amount));
  const drop = new Set<FactProposal>();
  for (const sentence of ctx.sentences) {
    for (const money of within(ctx.money, sentence.start, sentence.end)) {
      if (!THRESHOLD_BEFORE.test(ctx.text.slice(Math.max(sentence.start, money.start - 30), money.start))) continue;
      if (deal >= money.amount) continue;
      for (const clause of clausesOf(sentence, /[，,；;]|\s[—–-]\s|\bbut\b/g)) {
        if (money.start < clause.start || money.end > clause.end) continue;
        for (const p of ctx.out) if ((p.key === 'decisionMaker' || p.key === 'buyingProcess') && p.start >= clause.start && p.end <= clause.end) drop.add(p);
      }
    }
  }
  if (drop.size > 0) ctx.out = ctx.out.filter((p) => !drop.has(p));
}

function valueKey(proposal: FactProposal): string {
  const value = proposal.value;
  if (typeof value === 'string') return `${proposal.key}|${value.toLowerCase().replace(/\s+/g, '')}`;
  return `${proposal.key}|${value.amount}|${value.currency}`;
}

/** One proposal per key and value; of overlapping phrases of one key, the more confident. */
function dedupe(proposals: FactProposal[]): FactProposal[] {
  const byValue = new Map<string, FactProposal>();
  for (const proposal of proposals) {
    const key = valueKey(proposal);
    const existing = byValue.get(key);
    if (!existing || proposal.confidence > existing.confidence) byValue.set(key, proposal);
  }
  const kept: FactProposal[] = [];
  const nameOf = (p: FactProposal) => (typeof p.value === 'string' ? p.value.toLowerCase().replace(/[\s\p{P}]+/gu, '') : '');
  const ordered = [...byValue.values()].sort((a, b) => b.confidence - a.confidence || nameOf(b).length - nameOf(a).length || a.start - b.start);
  for (const proposal of ordered) {
    // "VP Clinical Ops" beside "VP Clinical Ops (Dr. Alan Reyes)": one person, the fuller name.
    const nameKey = proposal.key === 'decisionMaker' || proposal.key === 'competitors';
    if (nameKey && kept.some((other) => other.key === proposal.key && nameOf(other).includes(nameOf(proposal)) && proposal.start < other.end + 2 && other.start < proposal.end + 2)) continue;
    const phraseKey = ['currentSolution', 'keyPains', 'buyingProcess', 'nextStep'].includes(proposal.key);
    if (phraseKey && kept.some((other) => other.key === proposal.key && proposal.start < other.end && other.start < proposal.end)) continue;
    kept.push(proposal);
  }
  return kept;
}
