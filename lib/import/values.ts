/**
 * Reading one cell as a field value, with the spellings spreadsheets contain: amounts with
 * currency signs, thousands separators and 万/亿; dates as 2025/3/5 or 2025年3月5日 or an
 * Excel serial number; stages and roles in English or Chinese. A cell that cannot be read
 * gives a reason the rep can act on; nothing is guessed silently.
 */
import { registrableDomain } from '../context/domain';
import type { ContactRole, SizeTier, Stage } from '../schemas';
import { describeSchemaIssues, type SchemaIssue } from '../i18n/messages/write-errors';

/** Why a cell or row was refused, in both UI languages: the rep may read either. */
export interface ImportReason {
  en: string;
  'zh-CN': string;
}
export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: ImportReason };

/**
 * A schema's refusal of a value (Zod issues), said in both languages: the schema's own
 * English messages (they say how to fix it), and field and problem in Chinese.
 */
export function reasonOfIssues(issues: ReadonlyArray<SchemaIssue & { message: string }>): ImportReason {
  return { en: issues.map((issue) => issue.message).join('; '), 'zh-CN': describeSchemaIssues(issues, 'zh-CN') };
}

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(en: string, zh: string): CellResult<T> => ({ ok: false, reason: { en, 'zh-CN': zh } });

/** Full-width digits and letters to half-width; trims. */
export function cleanCell(value: string): string {
  return value.normalize('NFKC').replace(/[\u200b\ufeff]/g, '').trim();
}

const CURRENCY_SIGNS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:¥|￥|rmb|cny|元|人民币)|(?:元|rmb|cny|人民币)$/i, 'CNY'],
  [/^(?:us\$|usd|\$)|usd$/i, 'USD'],
  [/^(?:€|eur)|eur$/i, 'EUR'],
  [/^(?:£|gbp)|gbp$/i, 'GBP'],
  [/^(?:hk\$|hkd)|hkd$/i, 'HKD'],
  [/^(?:jpy|円)|(?:jpy|円)$/i, 'JPY'],
];

const UNIT_MULTIPLIERS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8, k: 1e3, m: 1e6, mm: 1e6, bn: 1e9, b: 1e9 };

/** `¥1,200,000`, `120万`, `1.2亿元`, `$50k`, `USD 3,000.50` → amount and, when written, currency. */
export function readAmount(raw: string): CellResult<{ amount: number; currency: string | null }> {
  let value = cleanCell(raw).replace(/\s+/g, '');
  if (!value) return fail('empty', '为空');
  let currency: string | null = null;
  for (const [pattern, code] of CURRENCY_SIGNS) {
    if (pattern.test(value)) {
      currency = code;
      value = value.replace(pattern, '');
      break;
    }
  }
  value = value.replace(/元$/, '');
  const match = /^(-?)([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)(万|萬|亿|億|k|mm|m|bn|b)?$/i.exec(value);
  if (!match) return fail(`"${raw.trim()}" is not an amount; write a number such as 120000, 12万 or ¥120,000`, `“${raw.trim()}”不是金额，请写成数字，例如 120000、12万 或 ¥120,000`);
  if (match[1]) return fail('an amount cannot be negative', '金额不能为负数');
  const number = Number(match[2]!.replace(/,/g, ''));
  const unit = match[3]?.toLowerCase();
  const amount = unit ? number * UNIT_MULTIPLIERS[unit]! : number;
  if (!Number.isFinite(amount) || amount > 1e13) return fail(`"${raw.trim()}" is too large for an amount`, `“${raw.trim()}”作为金额太大`);
  return ok({ amount: Math.round(amount * 100) / 100, currency });
}

export function readCurrency(raw: string): CellResult<string> {
  const value = cleanCell(raw).toUpperCase();
  const named: Record<string, string> = { 人民币: 'CNY', RMB: 'CNY', 元: 'CNY', 美元: 'USD', 欧元: 'EUR', 英镑: 'GBP', 港币: 'HKD', 港元: 'HKD', 日元: 'JPY', '¥': 'CNY', '￥': 'CNY', $: 'USD', '€': 'EUR', '£': 'GBP' };
  const code = named[value] ?? value;
  return /^[A-Z]{3}$/.test(code) ? ok(code) : fail(`"${raw.trim()}" is not a currency; write a code such as CNY or USD`, `“${raw.trim()}”不是币种，请写币种代码，例如 CNY 或 USD`);
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * `2025-03-05`, `2025/3/5`, `2025.3.5`, `2025年3月5日`, an ISO timestamp, or an Excel serial
 * day (45721). Day-first and month-first dates (`05/03/2025`) are refused: the file cannot
 * say which it means.
 */
export function readDate(raw: string): CellResult<string> {
  const value = cleanCell(raw);
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(value);
  if (ymd) {
    const date = isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
    return date ? ok(date) : fail(`"${value}" is not a real date`, `“${value}”不是有效日期`);
  }
  if (/^\d{5}(?:\.\d+)?$/.test(value)) {
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
    const serial = Math.floor(Number(value));
    if (serial > 20000 && serial < 80000) {
      const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
      return ok(date.toISOString().slice(0, 10));
    }
  }
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(value)) {
    return fail(`"${value}" could be day/month or month/day; write the date as YYYY-MM-DD`, `“${value}”无法判断是日/月还是月/日，请写成 YYYY-MM-DD`);
  }
  return fail(`"${value}" is not a date; write it as YYYY-MM-DD`, `“${value}”不是日期，请写成 YYYY-MM-DD`);
}

function lookup<T extends string>(table: Record<string, T>, raw: string, what: { en: string; zh: string }, allowed: readonly T[], zhAllowed: string): CellResult<T> {
  const key = cleanCell(raw).toLowerCase().replace(/[\s_-]+/g, ' ');
  const value = table[key] ?? (allowed as readonly string[]).find((option) => option.replace(/_/g, ' ') === key);
  return value ? ok(value as T) : fail(`"${raw.trim()}" is not a ${what.en}; use one of: ${allowed.join(', ')}`, `“${raw.trim()}”不是有效的${what.zh}，请使用：${zhAllowed}`);
}

const STAGES: readonly Stage[] = ['lead', 'qualified', 'proposal', 'negotiation', 'onboarding', 'adoption', 'renewal', 'won', 'lost', 'churned'];
/** The UI's zh-CN stage names, in order (lib/i18n/messages/funnel.ts). */
const STAGES_ZH = ['线索', '商机确认', '方案', '谈判', '交付', '价值运营', '续约增购', '赢单', '输单', '流失'];
const STAGE_WORDS: Record<string, Stage> = {
  线索: 'lead', 潜在客户: 'lead', 初步接洽: 'lead', 'new': 'lead', prospect: 'lead', prospecting: 'lead',
  商机: 'qualified', 商机确认: 'qualified', 已验证: 'qualified', 需求确认: 'qualified', qualification: 'qualified', sql: 'qualified', discovery: 'qualified',
  方案: 'proposal', 方案报价: 'proposal', 报价: 'proposal', 方案阶段: 'proposal', 'proposal/price quote': 'proposal', quote: 'proposal', demo: 'proposal',
  谈判: 'negotiation', 商务谈判: 'negotiation', 谈判审核: 'negotiation', 'negotiation/review': 'negotiation', closing: 'negotiation',
  交付: 'onboarding', 实施: 'onboarding', 上线: 'onboarding', 合同交付: 'onboarding', implementation: 'onboarding',
  价值运营: 'adoption', 使用: 'adoption', 客户维护: 'adoption', active: 'adoption', customer: 'adoption',
  续约: 'renewal', 续约增购: 'renewal', 增购: 'renewal', upsell: 'renewal',
  赢单: 'won', 成交: 'won', 已成交: 'won', 签约: 'won', 'closed won': 'won', 'closed/won': 'won',
  输单: 'lost', 丢单: 'lost', 失败: 'lost', 'closed lost': 'lost', 'closed/lost': 'lost',
  流失: 'churned', 已流失: 'churned', churn: 'churned',
};
export function readStage(raw: string): CellResult<Stage> {
  return lookup(STAGE_WORDS, raw, { en: 'stage', zh: '阶段' }, STAGES, STAGES_ZH.join('、'));
}

const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
const DEAL_STAGES_ZH = ['线索', '商机确认', '方案', '谈判', '赢单', '输单'];
export function readDealStage(raw: string): CellResult<(typeof DEAL_STAGES)[number]> {
  const stage = readStage(raw);
  if (!stage.ok) return fail(stage.reason.en.replace(/use one of: .*/, `use one of: ${DEAL_STAGES.join(', ')}`), stage.reason['zh-CN'].replace(/请使用：.*/, `请使用：${DEAL_STAGES_ZH.join('、')}`));
  return (DEAL_STAGES as readonly string[]).includes(stage.value)
    ? ok(stage.value as (typeof DEAL_STAGES)[number])
    : fail(`"${raw.trim()}" is an account stage; a deal's stage is one of: ${DEAL_STAGES.join(', ')}`, `“${raw.trim()}”是客户阶段，商机阶段只能是：${DEAL_STAGES_ZH.join('、')}`);
}

const SIZE_TIERS: readonly SizeTier[] = ['strategic', 'growth', 'smb'];
const SIZE_WORDS: Record<string, SizeTier> = {
  战略: 'strategic', 战略客户: 'strategic', 大客户: 'strategic', ka: 'strategic', enterprise: 'strategic', key: 'strategic', 'key account': 'strategic',
  成长: 'growth', 成长客户: 'growth', 中型: 'growth', 腰部客户: 'growth', 'mid market': 'growth', midmarket: 'growth',
  中小: 'smb', 中小客户: 'smb', 小客户: 'smb', 普惠: 'smb', 普惠客户: 'smb', small: 'smb', 'small business': 'smb',
};
export function readSizeTier(raw: string): CellResult<SizeTier> {
  return lookup(SIZE_WORDS, raw, { en: 'size tier', zh: '规模' }, SIZE_TIERS, '战略客户、成长客户、普惠客户');
}

const ROLES: readonly ContactRole[] = ['decision_maker', 'influencer', 'champion', 'user', 'contact_person'];
const ROLE_WORDS: Record<string, ContactRole> = {
  决策者: 'decision_maker', 决策人: 'decision_maker', 拍板人: 'decision_maker', 'decision maker': 'decision_maker', 'economic buyer': 'decision_maker', dm: 'decision_maker',
  影响者: 'influencer', 影响人: 'influencer', 评估者: 'influencer',
  支持者: 'champion', 内部支持者: 'champion', 教练: 'champion', coach: 'champion',
  使用者: 'user', 用户: 'user', 'end user': 'user',
  联系人: 'contact_person', 对接人: 'contact_person', 'contact': 'contact_person', 'contact person': 'contact_person',
};
export function readRole(raw: string): CellResult<ContactRole> {
  return lookup(ROLE_WORDS, raw, { en: 'decision role', zh: '决策角色' }, ROLES, '决策人、影响者、支持者、使用者、对接人');
}

/** A health input: a number from 0 to 100, optionally written with a percent sign (`85`, `72.5%`). */
export function readScore(raw: string): CellResult<number> {
  const value = cleanCell(raw).replace(/\s*%$/, '');
  if (!/^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(value)) return fail(`"${raw.trim()}" is not a number; write a score from 0 to 100`, `“${raw.trim()}”不是数字，请填写 0 到 100 之间的分数`);
  const score = Number(value);
  if (score < 0 || score > 100) return fail(`${value} is outside 0–100; write a score from 0 to 100`, `${value} 超出 0–100，请填写 0 到 100 之间的分数`);
  return ok(score);
}

/** One or more websites or domains (`https://www.acme.com/about; acme.cn`) as registrable domains. */
export function readDomains(raw: string): CellResult<string[]> {
  const parts = cleanCell(raw).split(/[\s,;，；、|]+/).filter(Boolean);
  const domains: string[] = [];
  for (const part of parts) {
    const domain = registrableDomain(part.replace(/^mailto:/i, ''));
    if (!domain) return fail(`"${part}" is not a website or domain; write it like acme.com`, `“${part}”不是网站或域名，请写成 acme.com 这样的形式`);
    if (!domains.includes(domain)) domains.push(domain);
  }
  return domains.length ? ok(domains.slice(0, 20)) : fail('empty', '为空');
}
