import type { Agency } from '../principal.ts';

/**
 * The hand-offs the protection mechanisms are made of: who sends each kind to whom. Each
 * record stays with the agency that acts; the hand-off is the hub's record of the hand-over
 * and its clock.
 */
export const HANDOFF_KINDS = {
  /** 强制报告: a reporter (school, clinic, village committee, any officer) to the police station of the child's place. */
  MANDATORY_REPORT: { to: ['police'] },
  /** 应急处置 done: the police tell the township and civil affairs what they did. */
  EMERGENCY_NOTICE: { to: ['civil_affairs'] },
  /** 评估帮扶: the township's assessment of safety, guardianship, physical and mental health. */
  ASSESSMENT: { to: ['civil_affairs'] },
  /** A service arranged after assessment, to its provider agency. */
  SERVICE: { to: ['civil_affairs', 'education', 'police', 'health', 'justice', 'youth_league', 'womens_federation'] },
  /** 控辍保学: persuasion failed; the school's written report to the county education bureau and the township. */
  DROPOUT_REPORT: { to: ['education', 'civil_affairs'] },
  /** 无户籍: civil affairs hands unregistered children to the police at the same level. */
  UNREGISTERED_HANDOVER: { to: ['police'] },
  /** 12355: the Youth League transfers a hotline ticket to the responsible agency. */
  HOTLINE_TRANSFER: { to: ['civil_affairs', 'education', 'police', 'health', 'justice', 'womens_federation'] },
  /** 主动发现: another agency's facts point to a child the registry does not hold; the township verifies and registers. */
  DISCOVERY: { to: ['civil_affairs'] },
} as const satisfies Record<string, { to: readonly Agency[] }>;

export type HandoffKind = keyof typeof HANDOFF_KINDS;
export const HANDOFF_KIND_NAMES = Object.keys(HANDOFF_KINDS) as HandoffKind[];
