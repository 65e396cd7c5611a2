import { unitAt } from '@lbc/schema';
import type { SyntheticChild } from '../world/synthetic-child.ts';
import { handoffId, handoffNumber, HANDOFF_SLOT } from './handoff-ids.ts';
import type { SeedHandoff, SeedStep } from './handoff-lifecycle.ts';
import { policeOf, reporterOf, subjectOf } from './handoff-parties.ts';
import { teacherId } from './education-enrollment.ts';
import { chinaTime, DAY, HOUR, MINUTE, plus } from './seed-times.ts';

/** The derived fact a mandatory report carries, from the world's category of it. */
export const SITUATION = { LIVING_ALONE: 'LIVING_ALONE', MISSING: 'MISSING', GUARDIAN_UNABLE: 'GUARDIAN_CANNOT_ACT', SUSPECTED_VIOLENCE: 'SUSPECTED_VIOLENCE' } as const;

const idOf = (c: SyntheticChild, slot: number) => handoffId(handoffNumber(c.index, slot));

/**
 * 强制报告 and its 应急处置 notice. The report's state follows the police's record of it
 * (received: SENT, responding: ACCEPTED, closed: DONE); of the reports the police have not
 * answered, a share by the child's index was declined as a duplicate or withdrawn by the
 * reporter: the police record keeps them as received. A done report has sent its notice to
 * the township's civil affairs (SENT, ACCEPTED or DONE by index).
 */
export function mandatoryReportHandoffs(c: SyntheticChild): SeedHandoff[] {
  const report = c.mandatoryReport;
  if (!report) return [];
  const reporter = reporterOf(c, report.reporterKind);
  const police = policeOf(c);
  const sentAt = new Date(report.reportedAt);
  // Most reporters tell the police within the hour of learning; every ninth waited hours (reportedLate).
  const knewAt = plus(sentAt, -(c.index % 9 === 4 ? 2 * HOUR + (c.index % 60) * MINUTE : (10 + (c.index % 40)) * MINUTE));
  const respondedAt = report.response ? new Date(report.response.respondedAt) : null;
  // Most stations answer within the hour; every sixth only when it responded, hours later (escalated meanwhile).
  const acceptedAt = c.index % 6 === 0 && respondedAt ? respondedAt : plus(sentAt, (5 + (c.index % 45)) * MINUTE);
  const doneAt = respondedAt ? plus(respondedAt, (1 + (c.index % 4)) * HOUR) : null;
  const steps: SeedStep[] =
    report.status === 'RECEIVED'
      ? (
          [
            [],
            [],
            [{ action: 'decline', at: plus(sentAt, 20 * MINUTE), reason: 'duplicate of an earlier report' }],
            [{ action: 'withdraw', at: plus(sentAt, 30 * MINUTE), reason: 'reported in error: the guardian was found at home' }],
          ] as SeedStep[][]
        )[c.index % 4]!
      : report.status === 'RESPONDING'
        ? [{ action: 'accept', at: acceptedAt }]
        : [
            { action: 'accept', at: acceptedAt },
            { action: 'complete', at: doneAt!, outcome: 'SUCCESSFUL', reason: `emergency response done: ${report.response!.action.toLowerCase().replaceAll('_', ' ')}` },
          ];
  const reportHandoff: SeedHandoff = {
    id: idOf(c, HANDOFF_SLOT.MANDATORY_REPORT),
    kind: 'MANDATORY_REPORT',
    childId: c.id,
    from: reporter.party,
    fromSubject: reporter.subject,
    to: police,
    toSubject: subjectOf(police),
    reason: SITUATION[report.category],
    note: 'please verify and respond at once',
    knewAt,
    sentAt,
    steps,
  };
  if (report.status !== 'CLOSED') return [reportHandoff];
  const township = unitAt('civil_affairs', c.villageCode, 'town');
  const noticeSteps: SeedStep[][] = [
    [],
    [{ action: 'accept', at: plus(doneAt!, 3 * HOUR) }],
    [
      { action: 'accept', at: plus(doneAt!, 3 * HOUR) },
      { action: 'complete', at: plus(doneAt!, 2 * DAY), outcome: 'SUCCESSFUL', reason: 'home visit made; the child is cared for' },
    ],
  ];
  const notice: SeedHandoff = {
    id: idOf(c, HANDOFF_SLOT.EMERGENCY_NOTICE),
    kind: 'EMERGENCY_NOTICE',
    childId: c.id,
    from: police,
    fromSubject: subjectOf(police),
    to: township,
    toSubject: subjectOf(township),
    reason: reportHandoff.reason,
    // The words followOns writes when the police complete a report.
    note: `police response to mandatory report ${reportHandoff.id} is done (successful)`,
    sentAt: doneAt!,
    steps: noticeSteps[c.index % 3]!,
  };
  return [reportHandoff, notice];
}

/**
 * 无户籍: the county civil affairs handed the child to the county police when it listed it;
 * pending at the police, the hand-off is SENT or ACCEPTED (by index); registered, the ID
 * number closed it, as the exchange's `identity.issued` does.
 */
export function unregisteredHandover(c: SyntheticChild): SeedHandoff[] {
  const u = c.unregistered;
  if (!u) return [];
  const from = unitAt('civil_affairs', c.countyCode, 'county');
  const to = unitAt('police', c.countyCode, 'county');
  const sentAt = chinaTime(u.reportedOn, 10);
  const registeredAt = u.registeredOn ? chinaTime(u.registeredOn, 15) : null;
  const acceptedAt = new Date(Math.min(plus(sentAt, 2 * DAY).getTime(), registeredAt?.getTime() ?? Infinity));
  const steps: SeedStep[] =
    u.status === 'REGISTERED'
      ? [
          { action: 'accept', at: acceptedAt },
          { action: 'resolve', at: registeredAt!, reason: 'the police registered the child and issued its ID number' },
        ]
      : c.index % 2 === 0
        ? []
        : [{ action: 'accept', at: acceptedAt }];
  return [
    {
      id: idOf(c, HANDOFF_SLOT.UNREGISTERED_HANDOVER),
      kind: 'UNREGISTERED_HANDOVER',
      childId: c.id,
      from,
      fromSubject: subjectOf(from),
      to,
      toSubject: subjectOf(to),
      reason: 'UNREGISTERED',
      note: 'child without household registration: please register',
      sentAt,
      steps,
    },
  ];
}

/**
 * 控辍保学: a dropout the school could not persuade back (REFERRED) was reported in writing
 * to the county education bureau and the township two weeks after the school first
 * reported it; each answered or not by index. A child since back at school (RETURNED)
 * was referred too, and its return closed both, as the exchange's `dropout.returned` does.
 */
export function dropoutReports(c: SyntheticChild): SeedHandoff[] {
  const school = c.school;
  const dropout = school?.dropout;
  if (!school || !dropout || (dropout.status !== 'REFERRED' && dropout.status !== 'RETURNED')) return [];
  const from = { agency: 'education' as const, level: 'town' as const, region: school.schoolId.slice(0, 9), org: school.schoolId };
  const reportedAt = chinaTime(dropout.reportedOn, 9);
  const returnedAt = dropout.returnedOn ? chinaTime(dropout.returnedOn, 16) : null;
  const sentAt = returnedAt ? plus(reportedAt, 0.3 * (returnedAt.getTime() - reportedAt.getTime())) : plus(reportedAt, 14 * DAY);
  const closed = (acceptAfter: number): SeedStep[] => [
    { action: 'accept', at: new Date(Math.min(plus(sentAt, acceptAfter).getTime(), returnedAt!.getTime())) },
    { action: 'resolve', at: returnedAt!, reason: `back at school on ${dropout.returnedOn}` },
  ];
  const report = (slot: number, to: ReturnType<typeof unitAt>, steps: SeedStep[]): SeedHandoff => ({
    id: idOf(c, slot),
    kind: 'DROPOUT_REPORT',
    childId: c.id,
    from,
    fromSubject: teacherId(school.schoolId, school.pairedTeacherIndex),
    to,
    toSubject: subjectOf(to),
    reason: 'DROPPED_OUT',
    note: 'persuasion to return failed: written report',
    sentAt,
    steps,
  });
  const county = unitAt('education', school.villageCode, 'county');
  const township = unitAt('civil_affairs', c.villageCode, 'town');
  return [
    report(HANDOFF_SLOT.DROPOUT_TO_COUNTY, county, returnedAt ? closed(DAY) : c.index % 2 ? [{ action: 'accept', at: plus(sentAt, DAY) }] : []),
    report(HANDOFF_SLOT.DROPOUT_TO_TOWNSHIP, township, returnedAt ? closed(2 * DAY) : c.index % 3 ? [{ action: 'accept', at: plus(sentAt, 2 * DAY) }] : []),
  ];
}
