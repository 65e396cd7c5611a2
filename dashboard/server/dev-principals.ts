import type { Agency, AdminLevel, Purpose } from '@lbc/schema';

/** A development principal the sign-in screen offers. */
export interface DevPrincipal {
  id: string;
  zh: string;
  en: string;
  agency: Agency;
  level: AdminLevel;
  region: string;
  /** The purpose the sign-in screen proposes first; the visitor may pick another. */
  purpose: Purpose;
}

const SUXIAN = '431003';
const county = (agency: Agency, zh: string, en: string, purpose: Purpose = 'CASE_MANAGEMENT'): DevPrincipal => ({
  id: `county-${agency.replace('_', '-')}`,
  zh: `苏仙区${zh}`,
  en: `Suxian district ${en}`,
  agency,
  level: 'county',
  region: SUXIAN,
  purpose,
});

/**
 * The principals of the development hub's demo world (Hunan 43 → Chenzhou 4310 → Suxian
 * 431003 → Bailutang 431003101 → 白露塘社区 431003101001, where the seed puts children):
 * the overseers above, an officer of every agency in the county, the township and village
 * workers, and auditors. Offered only when the server runs with dev tokens.
 */
export const DEV_PRINCIPALS: readonly DevPrincipal[] = [
  { id: 'province-civil-affairs', zh: '湖南省民政厅', en: 'Hunan provincial civil affairs', agency: 'civil_affairs', level: 'province', region: '43', purpose: 'STATISTICS' },
  { id: 'city-civil-affairs', zh: '郴州市民政局', en: 'Chenzhou city civil affairs', agency: 'civil_affairs', level: 'city', region: '4310', purpose: 'SUPERVISION' },
  county('civil_affairs', '民政局', 'civil affairs bureau'),
  county('education', '教育局', 'education bureau', 'DROPOUT_RETURN'),
  county('police', '公安分局', 'police branch'),
  county('health', '卫生健康局', 'health commission'),
  county('justice', '司法局', 'justice bureau'),
  county('youth_league', '团委（12355）', 'Youth League (12355)'),
  county('womens_federation', '妇联', "Women's Federation"),
  { id: 'town-civil-affairs', zh: '白露塘镇儿童工作负责人', en: 'Bailutang town child-work officer', agency: 'civil_affairs', level: 'town', region: '431003101', purpose: 'CASE_MANAGEMENT' },
  {
    id: 'village-civil-affairs',
    zh: '白露塘社区儿童福利督导员',
    en: 'Bailutang community child-welfare supervisor',
    agency: 'civil_affairs',
    level: 'village',
    region: '431003101001',
    purpose: 'CASE_MANAGEMENT',
  },
  { id: 'county-auditor', zh: '苏仙区审计员', en: 'Suxian district auditor', agency: 'audit', level: 'county', region: SUXIAN, purpose: 'SUPERVISION' },
  { id: 'province-auditor', zh: '湖南省审计员', en: 'Hunan provincial auditor', agency: 'audit', level: 'province', region: '43', purpose: 'SUPERVISION' },
];
