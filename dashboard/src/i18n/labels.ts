import type { Locale } from './messages.ts';

type Labels = Record<string, { zh: string; en: string }>;

/** Names of the schema's enum values and the policy's rules, for people. An unknown value shows as it is. */
export const LABELS: Record<string, Labels> = {
  agency: {
    civil_affairs: { zh: '民政', en: 'Civil affairs' },
    education: { zh: '教育', en: 'Education' },
    police: { zh: '公安', en: 'Police' },
    health: { zh: '卫生健康', en: 'Health' },
    justice: { zh: '司法行政', en: 'Justice' },
    youth_league: { zh: '共青团', en: 'Youth League' },
    womens_federation: { zh: '妇联', en: "Women's Federation" },
    audit: { zh: '审计', en: 'Audit' },
  },
  level: {
    province: { zh: '省', en: 'province' },
    city: { zh: '市', en: 'city' },
    county: { zh: '县/区', en: 'county' },
    town: { zh: '乡镇/街道', en: 'town' },
    village: { zh: '村/社区', en: 'village' },
  },
  purpose: {
    CASE_MANAGEMENT: { zh: '个案管理', en: 'Case management' },
    ASSESSMENT: { zh: '评估', en: 'Assessment' },
    EMERGENCY: { zh: '应急处置', en: 'Emergency' },
    DROPOUT_RETURN: { zh: '控辍保学', en: 'Dropout return' },
    HOUSEHOLD_REGISTRATION: { zh: '户籍登记', en: 'Household registration' },
    STATISTICS: { zh: '统计', en: 'Statistics' },
    SUPERVISION: { zh: '督导', en: 'Supervision' },
  },
  category: {
    BOTH_PARENTS_AWAY: { zh: '父母均外出', en: 'Both parents away' },
    ONE_PARENT_AWAY_OTHER_UNABLE: { zh: '一方外出另一方无监护能力', en: 'One away, other unable' },
  },
  risk: {
    DE_FACTO_UNSUPPORTED: { zh: '事实无人抚养', en: 'De facto unsupported' },
    GUARDIAN_MISSING: { zh: '监护人缺失', en: 'Guardian missing' },
    DISABILITY: { zh: '残疾', en: 'Disability' },
    FAMILY_HARDSHIP: { zh: '家庭困难', en: 'Family hardship' },
  },
  sex: { MALE: { zh: '男', en: 'male' }, FEMALE: { zh: '女', en: 'female' } },
  fact: {
    PUBLIC: { zh: '公开（机构数）', en: 'PUBLIC (institutions)' },
    BASIC: { zh: '基本（BASIC）', en: 'BASIC' },
    PROTECTIVE: { zh: '保护（PROTECTIVE）', en: 'PROTECTIVE' },
    SENSITIVE: { zh: '敏感（SENSITIVE）', en: 'SENSITIVE' },
    AGGREGATE: { zh: '汇总（AGGREGATE）', en: 'AGGREGATE' },
  },
  rule: {
    'contact-for-core-agencies-only': { zh: '联系信息仅限民政、教育、公安、卫健', en: 'contact details for civil affairs, education, police and health only' },
    'protective-for-protection-agencies-only': { zh: '保护信息仅限保护职责部门', en: 'protective facts for the protection agencies only' },
    'sensitive-for-owner-or-open-case-only': { zh: '敏感信息仅限数据所属部门或在办保护个案', en: 'sensitive facts for the owner agency or an open protection case only' },
    'city-and-province-read-aggregates-only': { zh: '市、省级仅可查看汇总数', en: 'city and province read aggregates only' },
    'statistics-reads-aggregates-only': { zh: '“统计”用途仅可查看汇总数', en: 'STATISTICS reads aggregates only' },
    'supervision-reads-basic-and-protective-only': { zh: '“督导”仅可查看基本和保护信息', en: 'SUPERVISION reads basic and protective facts only' },
    'auditors-read-no-child-data': { zh: '审计员不查看儿童数据', en: 'auditors read no child data' },
    'audit-log-for-auditors-only': { zh: '访问日志仅限审计员', en: 'the access log is for auditors only' },
    'identifier-masked-for-other-agencies': { zh: '其他部门只见脱敏标识', en: 'identifiers masked for other agencies' },
    'supervision-masks-identifiers': { zh: '“督导”时标识脱敏', en: 'SUPERVISION masks identifiers' },
    'enclosing-field-denied': { zh: '所在字段已被拒绝', en: 'the enclosing field is denied' },
    'lookup-needs-full-identifier': { zh: '按标识查询需可见完整标识', en: 'lookups need the full identifier' },
    'sensitive-case-is-for-another-child': { zh: '个案属于其他儿童', en: 'the case is for another child' },
    'case-not-open-or-not-found': { zh: '个案未在办或不存在', en: 'the case is not open or not found' },
    OUTSIDE_JURISDICTION: { zh: '超出管辖范围', en: 'outside your jurisdiction' },
    SUBGRAPH_UNAVAILABLE: { zh: '部门服务暂不可用', en: 'the agency service is unavailable' },
  },
  outcome: {
    ok: { zh: '成功', en: 'ok' },
    partial: { zh: '部分拒绝', en: 'partial' },
    rejected: { zh: '拒绝', en: 'rejected' },
    error: { zh: '错误', en: 'error' },
    attempted: { zh: '尝试', en: 'attempted' },
  },
  quarterState: {
    OPEN: { zh: '未报送', en: 'open' },
    SUBMITTED: { zh: '已报送', en: 'submitted' },
    VERIFIED: { zh: '已核实', en: 'verified' },
    APPROVED: { zh: '已审核', en: 'approved' },
    ACCEPTED: { zh: '已接收', en: 'accepted' },
    RETURNED: { zh: '已退回', en: 'returned' },
  },
  handoffKind: {
    MANDATORY_REPORT: { zh: '强制报告', en: 'Mandatory report' },
    EMERGENCY_NOTICE: { zh: '应急处置通知', en: 'Emergency notice' },
    ASSESSMENT: { zh: '评估', en: 'Assessment' },
    SERVICE: { zh: '帮扶服务', en: 'Service' },
    DROPOUT_REPORT: { zh: '辍学报告', en: 'Dropout report' },
    UNREGISTERED_HANDOVER: { zh: '无户籍移交', en: 'Unregistered hand-over' },
    HOTLINE_TRANSFER: { zh: '12355 转办', en: 'Hotline transfer' },
    DISCOVERY: { zh: '主动发现', en: 'Discovery' },
  },
};

/** The label of `value` in `group`, in `locale`; the value itself when unknown. */
export function label(group: keyof typeof LABELS, value: string | null | undefined, locale: Locale): string {
  if (value == null) return '—';
  // The graph's AdminLevel is upper case, a token's level lower case: one set of names for both.
  const key = group === 'level' ? value.toLowerCase() : value;
  return LABELS[group]?.[key]?.[locale] ?? value;
}
