/** A count column of the region table: which stats object and field, and its names. */
export interface CountColumn {
  stats: 'registryStats' | 'schoolStats' | 'householdStats' | 'healthStats';
  typeName: 'RegistryStats' | 'SchoolRegionStats' | 'HouseholdRegionStats' | 'HealthRegionStats';
  field: string;
  zh: string;
  en: string;
}

const registry = (field: string, zh: string, en: string): CountColumn => ({ stats: 'registryStats', typeName: 'RegistryStats', field, zh, en });
const school = (field: string, zh: string, en: string): CountColumn => ({ stats: 'schoolStats', typeName: 'SchoolRegionStats', field, zh, en });
const household = (field: string, zh: string, en: string): CountColumn => ({ stats: 'householdStats', typeName: 'HouseholdRegionStats', field, zh, en });
const health = (field: string, zh: string, en: string): CountColumn => ({ stats: 'healthStats', typeName: 'HealthRegionStats', field, zh, en });

/** The counts the region table shows, grouped by the agency that holds them (the fragment DashboardRegionCounts asks for exactly these). */
export const COUNT_COLUMNS: readonly CountColumn[] = [
  registry('activeChildren', '在册留守儿童', 'Active children'),
  registry('bothParentsAway', '父母均外出', 'Both parents away'),
  registry('oneParentAwayOtherUnable', '一方外出另一方无能力', 'One away, other unable'),
  registry('deFactoUnsupported', '事实无人抚养', 'De facto unsupported'),
  registry('guardianMissing', '监护人缺失', 'Guardian missing'),
  registry('withoutEntrustedGuardian', '无委托监护人', 'No entrusted guardian'),
  registry('openProtectionCases', '在办保护个案', 'Open protection cases'),
  school('schools', '学校数', 'Schools'),
  school('enrolledLeftBehind', '在校留守儿童', 'Enrolled left-behind'),
  school('dropoutsOpen', '辍学未返校', 'Dropouts open'),
  school('childrenWithUnexcusedAbsenceThisTerm', '本学期无故缺课', 'Unexcused absence this term'),
  household('unregisteredPending', '无户籍待登记', 'Unregistered pending'),
  household('mandatoryReportsAwaitingResponse', '强制报告待处置', 'Reports awaiting response'),
  household('missingChildrenNotFound', '失踪未找到', 'Missing, not found'),
  health('immunisationIncomplete', '免疫未完成', 'Immunisation incomplete'),
  health('malnourished', '营养不良', 'Malnourished'),
  health('disabled', '残疾', 'Disabled'),
  health('needingFollowUp', '需健康随访', 'Needing follow-up'),
];

/** The agency whose counts each stats object holds (the table's column groups). */
export const AGENCY_OF_STATS: Record<CountColumn['stats'], { agency: string }> = {
  registryStats: { agency: 'civil_affairs' },
  schoolStats: { agency: 'education' },
  householdStats: { agency: 'police' },
  healthStats: { agency: 'health' },
};
