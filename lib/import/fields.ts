/**
 * The columns an import understands, with the headers reps write for them in English and
 * Chinese, and the suggested mapping from a file's header to those columns.
 */
import { normalizeForSearch } from '../lookup/tokens';

export const IMPORT_FIELD_KEYS = [
  'account.name',
  'account.domains',
  'account.industry',
  'account.sizeTier',
  'account.stage',
  'account.renewalDate',
  'account.stageDate',
  'account.healthUsage',
  'account.healthMeetings',
  'account.healthIssues',
  'account.healthNps',
  'account.healthMeasuredOn',
  /**
   * The health measurement as a whole: no column maps to it, the five columns above fill it
   * together. Conflicts and bad health cells are decided for it, as health is one field.
   */
  'account.health',
  'contact.name',
  'contact.email',
  'contact.phone',
  'contact.title',
  'contact.role',
  'contact.profileUrl',
  'deal.name',
  'deal.amount',
  'deal.currency',
  'deal.stage',
  'deal.expectedCloseDate',
  'deal.stageDate',
] as const;
export type ImportFieldKey = (typeof IMPORT_FIELD_KEYS)[number];
export type ImportEntity = 'account' | 'contact' | 'deal';

/** The columns that together give an account's health measurement, in the schema's order. */
export const HEALTH_COLUMN_KEYS = ['account.healthUsage', 'account.healthMeetings', 'account.healthIssues', 'account.healthNps', 'account.healthMeasuredOn'] as const satisfies readonly ImportFieldKey[];
export type HealthColumnKey = (typeof HEALTH_COLUMN_KEYS)[number];
/** Each health column's input in `HealthInputs`. */
export const HEALTH_INPUT_OF: Record<HealthColumnKey, 'usage' | 'meetings' | 'issues' | 'nps' | 'measuredOn'> = {
  'account.healthUsage': 'usage',
  'account.healthMeetings': 'meetings',
  'account.healthIssues': 'issues',
  'account.healthNps': 'nps',
  'account.healthMeasuredOn': 'measuredOn',
};
/** How a health column is named in messages, in both languages. */
export const HEALTH_COLUMN_NAMES: Record<HealthColumnKey, { en: string; 'zh-CN': string }> = {
  'account.healthUsage': { en: 'Health usage', 'zh-CN': '健康度-使用率' },
  'account.healthMeetings': { en: 'Health meetings', 'zh-CN': '健康度-会议时长' },
  'account.healthIssues': { en: 'Health issues', 'zh-CN': '健康度-问题反馈' },
  'account.healthNps': { en: 'Health NPS', 'zh-CN': '健康度-NPS' },
  'account.healthMeasuredOn': { en: 'Health measured on', 'zh-CN': '健康度-测量日期' },
};
export function isHealthColumn(key: ImportFieldKey): key is HealthColumnKey {
  return (HEALTH_COLUMN_KEYS as readonly string[]).includes(key);
}

/** The fields a column of a file can be mapped to. */
export const MAPPABLE_FIELD_KEYS: readonly ImportFieldKey[] = IMPORT_FIELD_KEYS.filter((key) => key !== 'account.health');

export function entityOfField(key: ImportFieldKey): ImportEntity {
  return key.slice(0, key.indexOf('.')) as ImportEntity;
}

/**
 * Headers per column, most specific first. English and zh-CN as reps write them, including
 * the wording of common CRM exports (Salesforce, HubSpot, 纷享销客, 销售易) and our own export.
 */
export const HEADER_SYNONYMS: Record<ImportFieldKey, readonly string[]> = {
  'account.name': ['company name', 'account name', 'company', 'account', 'organization', 'organisation', 'organization name', 'customer name', 'customer', 'client', 'client name', '公司名称', '客户名称', '企业名称', '单位名称', '公司', '客户', '客户公司', '企业', '公司全称', '客户全称'],
  'account.domains': ['domain', 'domains', 'website', 'web site', 'company domain', 'company website', 'url', 'homepage', '域名', '网站', '官网', '公司网址', '网址', '公司官网', '企业官网'],
  'account.industry': ['industry', 'sector', 'vertical', '行业', '所属行业', '行业分类'],
  'account.sizeTier': ['size tier', 'size', 'tier', 'segment', 'customer tier', '规模', '客户规模', '客户等级', '客户分级', '企业规模', '分级'],
  'account.stage': ['account stage', 'lifecycle stage', 'lifecycle', '客户阶段', '生命周期', '客户状态'],
  'account.renewalDate': ['renewal date', 'renewal', 'contract end', 'contract end date', '续约日期', '到期日', '合同到期日', '到期日期'],
  'account.stageDate': ['account stage date', 'lifecycle stage date', 'account stage changed', '客户阶段日期', '客户阶段变更日期', '客户阶段更新日期'],
  'account.healthUsage': ['health usage', 'product usage', 'usage score', '健康度-使用率', '健康度使用率', '产品使用率', '使用率'],
  'account.healthMeetings': ['health meetings', 'meeting time', 'meetings score', '健康度-会议时长', '健康度会议时长', '会议时长'],
  'account.healthIssues': ['health issues', 'support issues', 'issues score', '健康度-问题反馈', '健康度问题反馈', '问题反馈'],
  'account.healthNps': ['health nps', 'nps', 'nps score', '健康度-NPS', '净推荐值'],
  'account.healthMeasuredOn': ['health measured on', 'health date', 'health measured', '健康度-测量日期', '健康度测量日期', '健康度日期', '测量日期'],
  'account.health': [],
  'contact.name': ['contact name', 'contact', 'full name', 'name', 'person', 'contact person', '联系人', '联系人姓名', '姓名', '名字', '联系人名称'],
  'contact.email': ['email', 'e-mail', 'email address', 'mail', 'contact email', '邮箱', '电子邮件', '电子邮箱', '邮箱地址', '邮件', '联系人邮箱'],
  'contact.phone': ['phone', 'phone number', 'mobile', 'mobile phone', 'cell', 'telephone', 'tel', 'work phone', '电话', '手机', '手机号', '手机号码', '联系电话', '座机', '联系方式', '电话号码'],
  'contact.title': ['job title', 'title', 'position', 'contact title', '职位', '职务', '头衔', '岗位'],
  'contact.role': ['role', 'decision role', 'buying role', 'contact role', '角色', '决策角色', '决策链角色', '决策链'],
  'contact.profileUrl': ['profile url', 'linkedin', 'linkedin url', 'profile', '领英', '个人主页', '脉脉'],
  'deal.name': ['deal name', 'opportunity name', 'deal', 'opportunity', 'opportunity title', '商机名称', '商机', '项目名称', '项目', '机会名称', '销售机会'],
  'deal.amount': ['amount', 'deal amount', 'deal value', 'value', 'opportunity amount', '金额', '商机金额', '合同金额', '预计金额', '预估金额', '金额（元）', '金额(元)'],
  'deal.currency': ['currency', 'deal currency', '币种', '货币', '币别'],
  'deal.stage': ['deal stage', 'opportunity stage', 'sales stage', '商机阶段', '销售阶段'],
  'deal.expectedCloseDate': ['expected close date', 'close date', 'expected close', 'closing date', '预计成交日期', '预计签约日期', '成交日期', '预计结单日期', '预计成交时间', '预计签单日期'],
  'deal.stageDate': ['deal stage date', 'opportunity stage date', 'deal stage changed', '商机阶段日期', '商机阶段变更日期', '商机阶段更新日期'],
};

/** Headers that contain a field's word but name something else (an address, an owner, a timestamp). */
const NOT_A_FIELD = /地址|负责人|经理|所有人|创建|更新|备注|owner|address|manager|created|updated|modified|notes?$/;

/** Headers that name a stage without saying whose: the deal's when the file has deals, else the account's. */
const AMBIGUOUS_STAGE = ['stage', 'status', '阶段', '状态'];
/** The same for the date a stage was reached. */
const AMBIGUOUS_STAGE_DATE = ['stage date', 'stage changed', 'stage change date', 'date entered stage', '阶段日期', '阶段变更日期', '进入阶段日期', '阶段更新日期'];

export function normalizeHeader(header: string): string {
  return normalizeForSearch(header)
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊:：_\-\s.·/]+/g, '')
    .trim();
}

const NORMALIZED_SYNONYMS = new Map<ImportFieldKey, string[]>(
  IMPORT_FIELD_KEYS.map((key) => [key, HEADER_SYNONYMS[key].map(normalizeHeader)]),
);

/** One entry per column of the file: the field it fills, or null to ignore the column. */
export type ColumnMapping = Array<ImportFieldKey | null>;

/**
 * Suggests a field per column: exact header matches first, then headers that contain a
 * known header (`客户名称（必填）`, `Primary Email`). Each field is used once, by the first
 * column that claims it.
 */
export function suggestMapping(header: readonly string[]): ColumnMapping {
  const normalized = header.map(normalizeHeader);
  const mapping: ColumnMapping = header.map(() => null);
  const used = new Set<ImportFieldKey>();
  const claim = (column: number, key: ImportFieldKey) => {
    if (mapping[column] !== null || used.has(key)) return;
    mapping[column] = key;
    used.add(key);
  };
  for (const key of IMPORT_FIELD_KEYS) {
    const synonyms = NORMALIZED_SYNONYMS.get(key)!;
    const column = normalized.findIndex((value, index) => mapping[index] === null && synonyms.includes(value));
    if (column >= 0) claim(column, key);
  }
  for (const key of IMPORT_FIELD_KEYS) {
    if (used.has(key)) continue;
    // Short Latin words ("name", "tel") hide inside unrelated headers; CJK words are dense.
    const synonyms = NORMALIZED_SYNONYMS.get(key)!.filter((synonym) => synonym.length >= (/^[a-z0-9]+$/.test(synonym) ? 5 : 2));
    const column = normalized.findIndex(
      (value, index) => mapping[index] === null && value !== '' && !NOT_A_FIELD.test(value) && synonyms.some((synonym) => value.includes(synonym)),
    );
    if (column >= 0) claim(column, key);
  }
  const hasDeal = mapping.some((key) => key?.startsWith('deal.'));
  const stageKey: ImportFieldKey = hasDeal ? 'deal.stage' : 'account.stage';
  const stageDateKey: ImportFieldKey = hasDeal ? 'deal.stageDate' : 'account.stageDate';
  normalized.forEach((value, index) => {
    if (mapping[index] === null && AMBIGUOUS_STAGE.map(normalizeHeader).includes(value)) claim(index, stageKey);
    if (mapping[index] === null && AMBIGUOUS_STAGE_DATE.map(normalizeHeader).includes(value)) claim(index, stageDateKey);
  });
  return mapping;
}

export interface MappingIssue {
  /** A field key, or null for the mapping as a whole. */
  field: ImportFieldKey | null;
  message: string;
  /** The same in Chinese, for the zh-CN UI. */
  messageZh: string;
}

/** What would make every row fail: refused before anything is read, with what to change. */
export function checkMapping(mapping: ColumnMapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const mapped = new Set<ImportFieldKey>();
  mapping.forEach((key) => {
    if (!key) return;
    if (mapped.has(key)) issues.push({ field: key, message: `Two columns are mapped to ${key}; keep one.`, messageZh: `有两列都对应到 ${key}，请只保留一列。` });
    mapped.add(key);
  });
  const has = (key: ImportFieldKey) => mapped.has(key);
  if (![...mapped].length) issues.push({ field: null, message: 'No column is mapped: map at least a company name, a contact email or name, or a deal name.', messageZh: '没有对应任何列：请至少对应公司名称、联系人邮箱或姓名、或商机名称。' });
  const dealColumns = [...mapped].filter((key) => key.startsWith('deal.'));
  if (dealColumns.length && !has('deal.name')) issues.push({ field: 'deal.name', message: 'Deal columns are mapped but no deal name: map the deal name column.', messageZh: '已对应商机相关列，但没有商机名称：请对应商机名称列。' });
  if (has('deal.name') && !has('account.name') && !has('account.domains') && !has('contact.email')) {
    issues.push({ field: 'account.name', message: 'A deal needs its company: map a company name, website or contact email column.', messageZh: '商机需要所属公司：请对应公司名称、网站或联系人邮箱列。' });
  }
  const contactColumns = [...mapped].filter((key) => key.startsWith('contact.'));
  if (contactColumns.length && !has('contact.name') && !has('contact.email')) {
    issues.push({ field: 'contact.name', message: 'Contact columns are mapped but no contact name or email: map one of them.', messageZh: '已对应联系人相关列，但没有联系人姓名或邮箱：请对应其中之一。' });
  }
  const accountColumns = [...mapped].filter((key) => key.startsWith('account.'));
  const healthColumns = HEALTH_COLUMN_KEYS.filter(has);
  if (healthColumns.length && healthColumns.length < HEALTH_COLUMN_KEYS.length) {
    const missingKeys = HEALTH_COLUMN_KEYS.filter((key) => !has(key));
    const missing = missingKeys.map((key) => HEALTH_COLUMN_NAMES[key].en).join(', ');
    const missingZh = missingKeys.map((key) => HEALTH_COLUMN_NAMES[key]['zh-CN']).join('、');
    issues.push({
      field: HEALTH_COLUMN_KEYS.find((key) => !has(key))!,
      message: `Health is measured by five columns together (usage, meetings, issues, NPS, measured on); map the missing ones: ${missing}.`,
      messageZh: `健康度需要五列一起对应（使用率、会议时长、问题反馈、NPS、测量日期），请对应缺少的列：${missingZh}。`,
    });
  }
  if (accountColumns.length && !has('account.name') && !has('account.domains')) {
    issues.push({ field: 'account.name', message: 'Company columns are mapped but no company name or website: map one of them.', messageZh: '已对应公司相关列，但没有公司名称或网站：请对应其中之一。' });
  }
  return issues;
}
