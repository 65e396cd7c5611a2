import type { HandoffKind } from './handoff-kinds.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The targets of one kind: how long the receiver has to answer (accept or decline), and, once accepted, to finish. */
export interface HandoffClock {
  answerWithinMs: number;
  doneWithinMs: number;
  /** Where the figure comes from: a seed's words, or the practice it borrows. */
  source: string;
}

/**
 * THE clock defaults. The seeds say 第一时间 ("at once") and 及时 ("promptly") but give no
 * hour counts, so these are policy, named with their source. "At once" is read as one hour
 * to answer (Primero's shortest service timeframe, `1_hour`); the priority ladder of a
 * Primero deployment (high 24 h, medium 3 days, low 7 days) sets the rest.
 */
export const HANDOFF_CLOCKS: Record<HandoffKind, HandoffClock> = {
  MANDATORY_REPORT: { answerWithinMs: HOUR, doneWithinMs: DAY, source: 'S2 方案8: 第一时间向公安机关报告, 第一时间出警 (report and respond at once); Primero 1_hour; high priority 24 h' },
  EMERGENCY_NOTICE: { answerWithinMs: DAY, doneWithinMs: 3 * DAY, source: 'S2 方案8: 公安机关要将相关情况及时通报相关镇 (police notify the township promptly); Primero high priority 24 h' },
  ASSESSMENT: { answerWithinMs: DAY, doneWithinMs: 7 * DAY, source: 'S2 方案8: 调查评估…安排专业服务 (assess, then arrange services); no figure in the seeds; Primero low priority 7 days' },
  SERVICE: { answerWithinMs: 3 * DAY, doneWithinMs: 7 * DAY, source: 'S2 方案8: 监护指导、医疗救治、心理疏导… (the services); Primero 3_days response, low priority 7 days' },
  DROPOUT_REPORT: {
    answerWithinMs: 3 * DAY,
    doneWithinMs: 7 * DAY,
    source: 'S2 方案8: 对劝返无效的,应书面报告区教育局和相关镇 (written report when persuasion fails); Primero medium priority 3 days',
  },
  UNREGISTERED_HANDOVER: {
    answerWithinMs: 7 * DAY,
    doneWithinMs: 30 * DAY,
    source: 'S1: 未登记户籍…通报给同级公安机关…依法登记 (civil affairs lists, police register); no figure in the seeds: a week to answer, a month to register',
  },
  HOTLINE_TRANSFER: { answerWithinMs: DAY, doneWithinMs: 7 * DAY, source: 'S2 方案8: 12355…联动办理机制 (hotline tickets handled jointly); Primero high priority 24 h, low priority 7 days' },
  DISCOVERY: {
    answerWithinMs: 7 * DAY,
    doneWithinMs: 30 * DAY,
    source: 'S1: 建立主动发现机制 (active discovery); no figure in the seeds: a week to take it up, a month to verify and register, as for an unregistered child',
  },
};
