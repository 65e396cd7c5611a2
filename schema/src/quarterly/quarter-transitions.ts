import type { AdminLevel } from '../identifiers/division-code.ts';
import { QUARTER_ACTIONS, QUARTER_VERIFIERS, type QuarterAction, type QuarterActor, type QuarterState, type QuarterSubmissionState, type QuarterVerifier } from './quarter-states.ts';

/**
 * Each action: the states it applies from, and who takes it. `by` lists (agency, level)
 * pairs; the caller must also hold the township in its region (a county bureau the towns of
 * its county, a city its counties' towns).
 */
export const QUARTER_TRANSITIONS: Record<QuarterAction, { from: readonly QuarterState[]; by: readonly (readonly [string, AdminLevel])[] }> = {
  // The township submits; after a return it corrects and submits again.
  SUBMIT: { from: ['OPEN', 'RETURNED'], by: [['civil_affairs', 'town']] },
  // Education and police each verify their slice once, in either order.
  VERIFY: {
    from: ['SUBMITTED'],
    by: [
      ['education', 'county'],
      ['police', 'county'],
    ],
  },
  APPROVE: { from: ['VERIFIED'], by: [['civil_affairs', 'county']] },
  // Acceptance is the city's optional second step (DHIS2's "accept"): it freezes the county's approval.
  ACCEPT: { from: ['APPROVED'], by: [['civil_affairs', 'city']] },
  // Any level above the township sends a submission back with a reason. An approved one is
  // returned only from above the county: the county undoes its own approval instead.
  RETURN: {
    from: ['SUBMITTED', 'VERIFIED', 'APPROVED'],
    by: [
      ['education', 'county'],
      ['police', 'county'],
      ['civil_affairs', 'county'],
      ['civil_affairs', 'city'],
      ['civil_affairs', 'province'],
    ],
  },
  // Undoing is recorded with a reason: an approval goes back to VERIFIED (the lock lifts, the
  // township may correct its reviews), an acceptance back to APPROVED.
  UNDO: {
    from: ['APPROVED', 'ACCEPTED'],
    by: [
      ['civil_affairs', 'county'],
      ['civil_affairs', 'city'],
      ['civil_affairs', 'province'],
    ],
  },
};

/** The result of an action on a submission: the new state, or why it may not be taken. */
export type QuarterStep =
  | { ok: true; to: QuarterState; verifiedBy: readonly QuarterVerifier[] }
  | { ok: false; problem: 'FORBIDDEN'; reason: string }
  | { ok: false; problem: 'INVALID_TRANSITION'; reason: string; allowedFrom: readonly QuarterState[] };

/** Whether `actor`'s region holds the township `townCode` (the township itself, or a region above it). */
export function holdsTown(actor: QuarterActor, townCode: string): boolean {
  return townCode.startsWith(actor.region) && actor.region.length <= 9;
}

/**
 * What `action` by `actor` does to `submission`: the one statement of the cycle's rules,
 * used by the writes (to refuse) and by `allowedActions` (to tell the caller what it may do
 * now), so the two cannot disagree.
 */
export function quarterStep(action: QuarterAction, actor: QuarterActor, submission: QuarterSubmissionState): QuarterStep {
  const rule = QUARTER_TRANSITIONS[action];
  if (!rule.by.some(([agency, level]) => agency === actor.agency && level === actor.level)) {
    return { ok: false, problem: 'FORBIDDEN', reason: `${action} is not for ${actor.agency} at ${actor.level} level` };
  }
  if (!holdsTown(actor, submission.townCode)) return { ok: false, problem: 'FORBIDDEN', reason: `township ${submission.townCode} is outside your region` };
  if (!rule.from.includes(submission.state)) {
    return { ok: false, problem: 'INVALID_TRANSITION', reason: `${action} does not apply to a submission ${submission.state}`, allowedFrom: rule.from };
  }
  switch (action) {
    case 'SUBMIT':
      return { ok: true, to: 'SUBMITTED', verifiedBy: [] };
    case 'VERIFY': {
      const verifier = actor.agency as QuarterVerifier;
      if (submission.verifiedBy.includes(verifier)) {
        return { ok: false, problem: 'INVALID_TRANSITION', reason: `${actor.agency} has verified this submission already`, allowedFrom: rule.from };
      }
      const verifiedBy = [...submission.verifiedBy, verifier];
      return { ok: true, to: QUARTER_VERIFIERS.every((v) => verifiedBy.includes(v)) ? 'VERIFIED' : 'SUBMITTED', verifiedBy };
    }
    case 'APPROVE':
      return { ok: true, to: 'APPROVED', verifiedBy: submission.verifiedBy };
    case 'ACCEPT':
      return { ok: true, to: 'ACCEPTED', verifiedBy: submission.verifiedBy };
    case 'RETURN':
      if (submission.state === 'APPROVED' && actor.level === 'county') {
        return {
          ok: false,
          problem: 'INVALID_TRANSITION',
          reason: 'the county undoes its own approval (UNDO); only a level above returns an approved submission',
          allowedFrom: ['SUBMITTED', 'VERIFIED'],
        };
      }
      // What comes back is checked again: the verifications were of what was sent.
      return { ok: true, to: 'RETURNED', verifiedBy: [] };
    case 'UNDO':
      if (submission.state === 'ACCEPTED' && actor.level === 'county') {
        return { ok: false, problem: 'INVALID_TRANSITION', reason: 'an acceptance is undone by the city or the province', allowedFrom: ['APPROVED'] };
      }
      return { ok: true, to: submission.state === 'ACCEPTED' ? 'APPROVED' : 'VERIFIED', verifiedBy: submission.verifiedBy };
  }
}

/** The actions `actor` may take on `submission` now. */
export function allowedQuarterActions(actor: QuarterActor, submission: QuarterSubmissionState): QuarterAction[] {
  return QUARTER_ACTIONS.filter((action) => quarterStep(action, actor, submission).ok);
}
