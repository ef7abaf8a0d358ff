/**
 * Deterministic generated sales data for the browser benchmarks: English and Chinese
 * company names, .com/.com.cn/.cn domains, contacts with pinyin or English email
 * addresses, deals, and activities whose bodies read like reps' notes. Records are shaped
 * as they are stored after a sync (every field stamped in `clock`), so rows have the real
 * size. The same seed always gives the same data.
 */
import { v7 as uuidv7 } from 'uuid';
import { newActivityFields } from '../../lib/schemas';
import type { StoredRecord } from '../../lib/sync/merge';

/** Bump when the seeding code in harness.ts changes what is stored: kept profiles are keyed by this file. */
export const SEED_FORMAT = 1;

export interface DatasetSize {
  accounts: number;
  contacts: number;
  activities: number;
  /** Accounts that get exactly `bigAccountActivities` activities each (the 1,000-activity timelines). */
  bigAccounts: number;
  bigAccountActivities: number;
}

/**
 * 330k activities (a team's two years at ~3 per contact), not 1M: nothing measured here reads
 * more than one account's timeline, and seeding the extra 670k rows took most of the 15 minutes
 * the whole bench may take on 2 cores.
 */
export const FULL_DATASET: DatasetSize = { accounts: 100_000, contacts: 300_000, activities: 330_000, bigAccounts: 20, bigAccountActivities: 1_000 };
export const QUICK_DATASET: DatasetSize = { accounts: 10_000, contacts: 30_000, activities: 100_000, bigAccounts: 20, bigAccountActivities: 1_000 };

/** mulberry32: small, fast, good enough to make data that does not repeat in patterns. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof createRandom>;

const EN_FIRST = [
  'Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne', 'Tyrell',
  'Blue Harbor', 'Silver Peak', 'Red Oak', 'Greenfield', 'Summit', 'Pioneer', 'Keystone', 'Horizon', 'Atlas', 'Beacon', 'Cascade',
  'Evergreen', 'Falcon', 'Granite', 'Harbor', 'Ironwood', 'Juniper', 'Lakeside', 'Meridian', 'Nova', 'Orion', 'Pinnacle', 'Quantum',
  'Redwood', 'Sterling', 'Titan', 'Unity', 'Vertex', 'Westbrook', 'Zenith', 'Apex', 'Bright', 'Crescent', 'Delta', 'Echo', 'Frontier',
  'Golden Gate', 'Highland', 'Insight', 'Jade', 'Kinetic', 'Liberty', 'Maple', 'Northstar', 'Oakridge', 'Polaris', 'Riverside',
  'Sapphire', 'Trident', 'Union', 'Valley', 'Willow', 'Yellowstone', 'Alpine', 'Bluewater', 'Cobalt', 'Driftwood', 'Emerald',
  'Fairview', 'Gateway', 'Hudson', 'Ivory', 'Jupiter', 'Kestrel', 'Lighthouse', 'Monarch', 'Nimbus', 'Oasis', 'Phoenix', 'Radiant',
  'Sequoia', 'Tundra', 'Upland', 'Vanguard', 'Windward', 'Bayview', 'Clearwater', 'Dunmore', 'Eastgate', 'Foxglove', 'Greystone',
];
const EN_INDUSTRY = [
  'Robotics', 'Logistics', 'Software', 'Systems', 'Analytics', 'Health', 'Medical Devices', 'Foods', 'Energy', 'Solar', 'Networks',
  'Security', 'Materials', 'Biotech', 'Pharma', 'Capital', 'Consulting', 'Retail', 'Manufacturing', 'Automotive', 'Aerospace',
  'Telecom', 'Media', 'Labs', 'Data', 'Cloud', 'Semiconductors', 'Packaging', 'Textiles', 'Chemicals', 'Freight', 'Insurance',
  'Learning', 'Hospitality', 'Agritech', 'Water', 'Instruments', 'Electronics', 'Payments', 'Fintech',
];
const EN_SUFFIX = ['Inc', 'Ltd', 'LLC', 'GmbH', 'Corp', 'Group', 'Co', 'PLC', 'AG', 'Pte Ltd', '', ''];
const EN_TLDS = ['com', 'com', 'com', 'io', 'co.uk', 'de', 'net', 'com.sg'];

/** Brand syllables with their pinyin, so domains look like the real ones (huaxin-tech.com.cn). */
const ZH_BRANDS: ReadonlyArray<[string, string]> = [
  ['华信', 'huaxin'], ['腾达', 'tengda'], ['中科', 'zhongke'], ['汇通', 'huitong'], ['星辰', 'xingchen'], ['博远', 'boyuan'],
  ['金桥', 'jinqiao'], ['天宇', 'tianyu'], ['恒瑞', 'hengrui'], ['东方', 'dongfang'], ['新锐', 'xinrui'], ['卓越', 'zhuoyue'],
  ['宏达', 'hongda'], ['万向', 'wanxiang'], ['长城', 'changcheng'], ['海纳', 'haina'], ['瑞祥', 'ruixiang'], ['鼎盛', 'dingsheng'],
  ['云图', 'yuntu'], ['智联', 'zhilian'], ['远航', 'yuanhang'], ['明德', 'mingde'], ['嘉禾', 'jiahe'], ['盛世', 'shengshi'],
  ['创维', 'chuangwei'], ['力拓', 'lituo'], ['安泰', 'antai'], ['飞鸿', 'feihong'], ['蓝海', 'lanhai'], ['银河', 'yinhe'],
  ['同创', 'tongchuang'], ['永信', 'yongxin'], ['正泰', 'zhengtai'], ['九州', 'jiuzhou'], ['光大', 'guangda'], ['启明', 'qiming'],
  ['睿思', 'ruisi'], ['锦程', 'jincheng'], ['众诚', 'zhongcheng'], ['凯撒', 'kaisa'], ['华晨', 'huachen'], ['联创', 'lianchuang'],
  ['泰和', 'taihe'], ['德康', 'dekang'], ['友邦', 'youbang'], ['精工', 'jinggong'], ['百川', 'baichuan'], ['千帆', 'qianfan'],
];
const ZH_CITIES: ReadonlyArray<[string, string]> = [
  ['北京', 'bj'], ['上海', 'sh'], ['深圳', 'sz'], ['杭州', 'hz'], ['广州', 'gz'], ['成都', 'cd'], ['苏州', 'suzhou'], ['南京', 'nj'],
  ['武汉', 'wh'], ['西安', 'xa'], ['天津', 'tj'], ['重庆', 'cq'], ['厦门', 'xm'], ['青岛', 'qd'], ['宁波', 'nb'], ['合肥', 'hf'],
];
const ZH_INDUSTRY: ReadonlyArray<[string, string]> = [
  ['科技', 'tech'], ['网络技术', 'net'], ['信息技术', 'it'], ['医疗器械', 'med'], ['物流', 'logistics'], ['智能制造', 'mfg'],
  ['电子', 'elec'], ['软件', 'soft'], ['新能源', 'energy'], ['生物医药', 'bio'], ['食品', 'food'], ['贸易', 'trade'],
  ['教育科技', 'edu'], ['数据服务', 'data'], ['汽车零部件', 'auto'], ['环保科技', 'eco'], ['金融服务', 'fin'], ['包装材料', 'pack'],
];
const ZH_SUFFIX = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];
const ZH_TLDS = ['com.cn', 'com.cn', 'cn', 'com'];

const EN_GIVEN = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Susan', 'Richard',
  'Jessica', 'Thomas', 'Sarah', 'Daniel', 'Karen', 'Matthew', 'Nancy', 'Anthony', 'Lisa', 'Mark', 'Emily', 'Paul', 'Laura', 'Oliver',
  'Sophie', 'Lukas', 'Anna', 'Priya', 'Arjun', 'Hannah', 'Noah', 'Chloe', 'Ethan', 'Grace', 'Ryan', 'Olivia', 'Lucas',
];
const EN_FAMILY = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Garcia', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore',
  'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young', 'King', 'Wright', 'Scott', 'Green',
  'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Schmidt', 'Patel',
];
const ZH_FAMILY: ReadonlyArray<[string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'],
  ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'],
];
const ZH_GIVEN: ReadonlyArray<[string, string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'],
  ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'],
  ['超', 'chao'], ['秀英', 'xiuying'], ['晓东', 'xiaodong'], ['海燕', 'haiyan'], ['志强', 'zhiqiang'], ['建华', 'jianhua'],
  ['雪梅', 'xuemei'], ['子涵', 'zihan'], ['浩然', 'haoran'], ['思远', 'siyuan'],
];
const FREE_MAIL = ['qq.com', '163.com', '126.com', 'gmail.com', 'outlook.com', 'foxmail.com'];
const TITLES_EN = ['VP Sales', 'CTO', 'Head of Procurement', 'IT Manager', 'Operations Director', 'CFO', 'Product Manager', 'Buyer'];
const TITLES_ZH = ['采购经理', '技术总监', '总经理', '财务总监', 'IT主管', '运营总监', '副总裁', '项目经理'];
const ROLES = ['decision_maker', 'influencer', 'champion', 'user', 'contact_person', null] as const;
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'onboarding', 'adoption', 'renewal', 'won', 'lost', 'churned'] as const;
const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
const INDUSTRIES = ['Manufacturing', 'Software', 'Healthcare', 'Logistics', 'Retail', 'Finance', 'Education', 'Energy', '制造业', '互联网', '医疗'];

const NOTE_EN = [
  'Spoke with {p} about the renewal; they want a 3-year term if we can hold the price.',
  'Demo went well. {p} asked for SSO and an on-premise option; follow up with the security questionnaire.',
  'Budget confirmed for Q3. Procurement needs our vendor form and the latest pricing sheet.',
  'Left a voicemail for {p}. Will try again Thursday morning.',
  'They are comparing us with two competitors; main concern is integration with their ERP.',
  'Sent the proposal. {p} will review with the CFO next week.',
  'Onboarding kickoff scheduled; 40 seats in the first wave, another 120 after the pilot.',
  'Champion moved to a new role; need to find the new decision maker in IT.',
];
const NOTE_ZH = [
  '和{p}沟通了续约事宜，对方希望签三年，前提是价格不变。',
  '演示效果不错，{p}提出需要单点登录和私有化部署，下周发安全问卷。',
  '三季度预算已确认，采购部需要供应商登记表和最新报价单。',
  '给{p}打电话没人接，周四上午再联系。',
  '客户在对比我们和另外两家供应商，主要顾虑是和他们的ERP系统对接。',
  '已发送方案，{p}下周和财务总监一起评审。',
  '上线启动会已安排，第一批40个账号，试点后再开120个。',
  '对接人调岗了，需要在IT部门找到新的决策人。',
  '微信上和{p}确认了拜访时间，周三下午两点到对方办公室。',
];
const ACTIVITY_TYPES = ['note', 'note', 'note', 'note', 'call', 'call', 'call', 'email', 'email', 'meeting', 'visit', 'message', 'task'] as const;
const OUTCOMES = ['connected', 'voicemail', 'no_answer', 'wrong_number'] as const;
const CHANNELS = ['wechat', 'wecom', 'dingtalk', 'feishu', 'whatsapp', 'linkedin'] as const;

const DAY_MS = 86_400_000;
/** Fixed "now" for generated history, so runs are comparable. Records span the two years before it. */
export const DATASET_NOW_MS = Date.UTC(2026, 9, 1);
const NODE = 'benchseed';

function stamp(ms: number): string {
  return `${String(ms).padStart(15, '0')}:0000:${NODE}`;
}

function synced<T extends Record<string, unknown>>(id: string, createdAt: number, updatedAt: number, fields: T): StoredRecord {
  const s = stamp(updatedAt);
  const clock: Record<string, string> = {};
  for (const key of Object.keys(fields)) clock[key] = s;
  clock.deletedAt = s;
  return { id, createdAt, updatedAt, deletedAt: null, updatedBy: 'rep-1', clock, ...fields };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export interface GeneratedAccount {
  record: StoredRecord;
  name: string;
  domain: string;
  chinese: boolean;
}

/** What the benchmarks need to know about the data they did not keep in memory. */
export interface DatasetPlan {
  size: DatasetSize;
  /** Indexes of the big accounts; their names are unique and searchable. */
  bigAccountIndexes: number[];
}

export function planDataset(size: DatasetSize): DatasetPlan {
  const step = Math.floor(size.accounts / size.bigAccounts);
  return { size, bigAccountIndexes: Array.from({ length: size.bigAccounts }, (_, i) => i * step + Math.floor(step / 2)) };
}

/** Names of the big accounts: real-looking and unique, half English, half Chinese. */
export function bigAccountName(n: number): { name: string; domain: string } {
  if (n % 2 === 0) {
    const first = EN_FIRST[(n * 7) % EN_FIRST.length]!;
    const industry = EN_INDUSTRY[(n * 3) % EN_INDUSTRY.length]!;
    return { name: `${first} ${industry} Holdings`, domain: `${slug(first)}-${slug(industry)}-holdings.com` };
  }
  const [city, cityPy] = ZH_CITIES[n % ZH_CITIES.length]!;
  const [brand, brandPy] = ZH_BRANDS[(n * 5) % ZH_BRANDS.length]!;
  return { name: `${city}${brand}控股集团有限公司`, domain: `${brandPy}-${cityPy}-group.com.cn` };
}

export class DatasetGenerator {
  private readonly random: Random;
  private readonly usedDomains = new Set<string>();
  private readonly bigIndex: Map<number, number>;
  /** Account ids and names by index, kept so contacts, deals and activities can point at them. */
  readonly accountIds: string[] = [];
  readonly accountDomains: string[] = [];
  readonly accountChinese: boolean[] = [];
  /** Contact ids per account (first few only), for activities' contactIds. */
  readonly contactsByAccount: string[][] = [];
  readonly contactNames: string[][] = [];

  constructor(
    readonly plan: DatasetPlan,
    seed = 20261001,
  ) {
    this.random = createRandom(seed);
    this.bigIndex = new Map(plan.bigAccountIndexes.map((accountIndex, n) => [accountIndex, n]));
  }

  isBig(accountIndex: number): boolean {
    return this.bigIndex.has(accountIndex);
  }

  private uniqueDomain(base: string, tld: string): string {
    let domain = `${base}.${tld}`;
    for (let n = 2; this.usedDomains.has(domain); n++) domain = `${base}${n}.${tld}`;
    this.usedDomains.add(domain);
    return domain;
  }

  account(index: number): GeneratedAccount {
    const r = this.random;
    const createdAt = DATASET_NOW_MS - r.int(30, 730) * DAY_MS;
    const updatedAt = Math.min(DATASET_NOW_MS, createdAt + r.int(0, 300) * DAY_MS);
    const big = this.bigIndex.get(index);
    let name: string;
    let domain: string;
    let chinese: boolean;
    if (big !== undefined) {
      ({ name, domain } = bigAccountName(big));
      this.usedDomains.add(domain);
      chinese = big % 2 === 1;
    } else if (r.chance(0.4)) {
      chinese = true;
      const [city, cityPy] = r.pick(ZH_CITIES);
      const [brand, brandPy] = r.pick(ZH_BRANDS);
      const [industry, industryPy] = r.pick(ZH_INDUSTRY);
      const withCity = r.chance(0.7);
      name = `${withCity ? city : ''}${brand}${industry}${r.pick(ZH_SUFFIX)}`;
      domain = this.uniqueDomain(`${brandPy}${r.chance(0.5) ? `-${industryPy}` : ''}${withCity && r.chance(0.3) ? `-${cityPy}` : ''}`, r.pick(ZH_TLDS));
    } else {
      chinese = false;
      const first = r.pick(EN_FIRST);
      const industry = r.pick(EN_INDUSTRY);
      const suffix = r.pick(EN_SUFFIX);
      name = [first, industry, suffix].filter(Boolean).join(' ');
      domain = this.uniqueDomain(`${slug(first)}${r.chance(0.5) ? `-${slug(industry)}` : ''}`, r.pick(EN_TLDS));
    }
    const id = uuidv7({ msecs: createdAt });
    this.accountIds[index] = id;
    this.accountDomains[index] = domain;
    this.accountChinese[index] = chinese;
    this.contactsByAccount[index] = [];
    this.contactNames[index] = [];
    const domains = r.chance(0.1) ? [domain, domain.replace(/\.(com\.cn|cn|com)$/, '.net')] : [domain];
    const record = synced(id, createdAt, updatedAt, {
      name,
      domains: [...new Set(domains)],
      industry: r.chance(0.7) ? r.pick(INDUSTRIES) : null,
      sizeTier: r.pick(['strategic', 'growth', 'smb', 'smb', null] as const),
      ownerId: `rep-${r.int(1, 40)}`,
      stage: r.pick(STAGES),
      renewalDate: r.chance(0.3) ? new Date(DATASET_NOW_MS + r.int(1, 365) * DAY_MS).toISOString().slice(0, 10) : null,
      health: null,
      facts: {},
    });
    return { record, name, domain, chinese };
  }

  contact(accountIndex: number): StoredRecord {
    const r = this.random;
    const chinese = this.accountChinese[accountIndex]!;
    const createdAt = DATASET_NOW_MS - r.int(1, 700) * DAY_MS;
    let name: string;
    let local: string;
    if (chinese) {
      const [family, familyPy] = r.pick(ZH_FAMILY);
      const [given, givenPy] = r.pick(ZH_GIVEN);
      name = `${family}${given}`;
      local = r.chance(0.5) ? `${familyPy}.${givenPy}` : `${familyPy}${givenPy}${r.int(1, 99)}`;
    } else {
      const given = r.pick(EN_GIVEN);
      const family = r.pick(EN_FAMILY);
      name = `${given} ${family}`;
      local = r.chance(0.6) ? `${given}.${family}`.toLowerCase() : `${given[0]}${family}`.toLowerCase();
    }
    const emailDomain = r.chance(chinese ? 0.25 : 0.05) ? r.pick(FREE_MAIL) : this.accountDomains[accountIndex]!;
    const id = uuidv7({ msecs: createdAt });
    this.contactsByAccount[accountIndex]!.push(id);
    this.contactNames[accountIndex]!.push(name);
    return synced(id, createdAt, createdAt, {
      accountId: this.accountIds[accountIndex]!,
      name,
      email: r.chance(0.9) ? `${local}@${emailDomain}` : null,
      phone: r.chance(0.6) ? (chinese ? `+86 138 ${r.int(1000, 9999)} ${r.int(1000, 9999)}` : `+1 415 555 ${r.int(1000, 9999)}`) : null,
      title: r.chance(0.7) ? r.pick(chinese ? TITLES_ZH : TITLES_EN) : null,
      role: r.pick(ROLES),
      profileUrl: null,
    });
  }

  deal(accountIndex: number): StoredRecord {
    const r = this.random;
    const createdAt = DATASET_NOW_MS - r.int(1, 600) * DAY_MS;
    const stage = r.pick(DEAL_STAGES);
    const chinese = this.accountChinese[accountIndex]!;
    return synced(uuidv7({ msecs: createdAt }), createdAt, createdAt + r.int(0, 60) * DAY_MS, {
      accountId: this.accountIds[accountIndex]!,
      name: chinese ? r.pick(['年度订阅', '私有化部署', '二期扩容', '试点项目', '续约']) : r.pick(['Annual subscription', 'Pilot', 'Expansion', 'Renewal', 'Enterprise rollout']),
      stage,
      amount: r.int(10, 2000) * 1000,
      currency: chinese ? 'CNY' : r.pick(['USD', 'EUR', 'USD']),
      expectedCloseDate: new Date(DATASET_NOW_MS + r.int(-60, 180) * DAY_MS).toISOString().slice(0, 10),
      ownerId: `rep-${r.int(1, 40)}`,
      closedAt: stage === 'won' || stage === 'lost' ? createdAt + r.int(10, 90) * DAY_MS : null,
      lostReason: stage === 'lost' ? 'price' : null,
      facts: {},
    });
  }

  activity(accountIndex: number, occurredAt = DATASET_NOW_MS - Math.floor(this.random.next() * 730 * DAY_MS)): StoredRecord {
    const r = this.random;
    const chinese = this.accountChinese[accountIndex]!;
    const type = r.pick(ACTIVITY_TYPES);
    const contacts = this.contactsByAccount[accountIndex]!;
    const names = this.contactNames[accountIndex]!;
    const who = contacts.length ? r.int(0, contacts.length - 1) : -1;
    const person = who >= 0 ? names[who]! : chinese ? '对方' : 'the buyer';
    let body = r.pick(chinese ? NOTE_ZH : NOTE_EN).replace('{p}', person);
    if (r.chance(0.4)) body += chinese ? ` ${r.pick(NOTE_ZH).replace('{p}', person)}` : ` ${r.pick(NOTE_EN).replace('{p}', person)}`;
    const domain = this.accountDomains[accountIndex]!;
    const fromMail = type === 'email' && r.chance(0.8);
    const threadId = fromMail ? `thread-${Math.floor(r.next() * 1e12).toString(36)}` : null;
    // Drawn before the rest, in the order the generator always used, so the data set stays the same.
    const authorId = `rep-${r.int(1, 40)}`;
    return synced(uuidv7({ msecs: occurredAt }), occurredAt, occurredAt, {
      ...newActivityFields({
        type,
        accountId: this.accountIds[accountIndex]!,
        contactIds: who >= 0 ? [contacts[who]!] : [],
        visibility: r.chance(0.05) ? 'private' : 'team',
        subject: type === 'email' || type === 'meeting' ? (chinese ? '关于合作方案' : 'Re: proposal and next steps') : null,
        body,
        occurredAt,
        durationSeconds: type === 'call' || type === 'meeting' ? r.int(60, 3600) : null,
        callOutcome: type === 'call' ? r.pick(OUTCOMES) : null,
        channel: type === 'message' ? r.pick(CHANNELS) : null,
        location: type === 'visit' ? (chinese ? '客户办公室' : 'Customer HQ') : null,
        nextStep: r.chance(0.3) ? (chinese ? '发送报价单' : 'Send pricing') : null,
        followUpAt: r.chance(0.2) ? occurredAt + r.int(1, 14) * DAY_MS : null,
        dueAt: type === 'task' ? occurredAt + r.int(1, 14) * DAY_MS : null,
        source: fromMail
          ? { url: `https://mail.google.com/mail/u/0/#inbox/${threadId}`, title: 'Inbox', threadSubject: 'Re: proposal', threadId, provider: 'gmail' }
          : r.chance(0.3)
            ? { url: `https://www.${domain}/pricing`, title: 'Pricing', threadSubject: null, threadId: null, provider: null }
            : null,
        captureKey: threadId ? `thread:gmail:${threadId}` : null,
      }),
      authorId,
    });
  }

  /** A note body like the ones reps type, for the save benchmark. */
  noteBody(chinese: boolean): string {
    return `${this.random.pick(chinese ? NOTE_ZH : NOTE_EN).replace('{p}', chinese ? '王芳' : 'Sarah')} ${this.random.pick(chinese ? NOTE_ZH : NOTE_EN).replace('{p}', chinese ? '李伟' : 'Tom')}`;
  }
}

/**
 * Queries reps type, char by char: company names in English and Chinese, a domain, contact
 * names and an email address. The big accounts' names are in the data for sure; the others
 * match many generated records.
 */
export function lookupQueries(): string[] {
  return [
    bigAccountName(0).name.split(' ').slice(0, 2).join(' '),
    'northwind log',
    'globex',
    'summit health',
    'acme-robotics.com',
    'sarah.smith@',
    'wang fang',
    bigAccountName(1).name.slice(0, 6),
    '华信科技',
    '深圳腾达',
    '网络技术',
    '王芳',
    'huaxin',
  ];
}
