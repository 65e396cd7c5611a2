import { describe, expect, it } from 'vitest';
import { allowedQuarterActions, previousQuarter, quarterBounds, quarterOf, quarterStep, submissionDeadline, submittedLate, type QuarterActor, type QuarterState } from '../src/index.ts';

const TOWN = '431003101';
const actors = {
  township: { agency: 'civil_affairs', level: 'town', region: TOWN },
  countyEducation: { agency: 'education', level: 'county', region: '431003' },
  countyPolice: { agency: 'police', level: 'county', region: '431003' },
  countyCivil: { agency: 'civil_affairs', level: 'county', region: '431003' },
  cityCivil: { agency: 'civil_affairs', level: 'city', region: '4310' },
  provinceCivil: { agency: 'civil_affairs', level: 'province', region: '43' },
  otherCounty: { agency: 'civil_affairs', level: 'county', region: '431021' },
  countyHealth: { agency: 'health', level: 'county', region: '431003' },
} satisfies Record<string, QuarterActor>;

const submission = (state: QuarterState, verifiedBy: ('education' | 'police')[] = []) => ({ townCode: TOWN, state, verifiedBy });

/** What each actor may do in each state, written out whole. */
const EXPECTED: Record<string, Record<keyof typeof actors, string[]>> = {
  OPEN: { township: ['SUBMIT'], countyEducation: [], countyPolice: [], countyCivil: [], cityCivil: [], provinceCivil: [], otherCounty: [], countyHealth: [] },
  SUBMITTED: {
    township: [],
    countyEducation: ['VERIFY', 'RETURN'],
    countyPolice: ['VERIFY', 'RETURN'],
    countyCivil: ['RETURN'],
    cityCivil: ['RETURN'],
    provinceCivil: ['RETURN'],
    otherCounty: [],
    countyHealth: [],
  },
  VERIFIED: {
    township: [],
    countyEducation: ['RETURN'],
    countyPolice: ['RETURN'],
    countyCivil: ['APPROVE', 'RETURN'],
    cityCivil: ['RETURN'],
    provinceCivil: ['RETURN'],
    otherCounty: [],
    countyHealth: [],
  },
  APPROVED: {
    township: [],
    countyEducation: [],
    countyPolice: [],
    countyCivil: ['UNDO'],
    cityCivil: ['ACCEPT', 'RETURN', 'UNDO'],
    provinceCivil: ['RETURN', 'UNDO'],
    otherCounty: [],
    countyHealth: [],
  },
  ACCEPTED: { township: [], countyEducation: [], countyPolice: [], countyCivil: [], cityCivil: ['UNDO'], provinceCivil: ['UNDO'], otherCounty: [], countyHealth: [] },
  RETURNED: { township: ['SUBMIT'], countyEducation: [], countyPolice: [], countyCivil: [], cityCivil: [], provinceCivil: [], otherCounty: [], countyHealth: [] },
};

describe('the quarterly cycle', () => {
  for (const [state, byActor] of Object.entries(EXPECTED)) {
    for (const [actor, actions] of Object.entries(byActor)) {
      it(`${state}: ${actor} may ${actions.join(', ') || 'nothing'}`, () => {
        expect(allowedQuarterActions(actors[actor as keyof typeof actors], submission(state as QuarterState, state === 'SUBMITTED' ? [] : ['education', 'police']))).toEqual(actions);
      });
    }
  }

  it('verification by both agencies, in either order, makes it VERIFIED; the same agency twice is refused', () => {
    const first = quarterStep('VERIFY', actors.countyPolice, submission('SUBMITTED'));
    expect(first).toEqual({ ok: true, to: 'SUBMITTED', verifiedBy: ['police'] });
    expect(quarterStep('VERIFY', actors.countyEducation, submission('SUBMITTED', ['police']))).toEqual({ ok: true, to: 'VERIFIED', verifiedBy: ['police', 'education'] });
    expect(quarterStep('VERIFY', actors.countyPolice, submission('SUBMITTED', ['police']))).toMatchObject({ ok: false, problem: 'INVALID_TRANSITION' });
    expect(allowedQuarterActions(actors.countyPolice, submission('SUBMITTED', ['police']))).toEqual(['RETURN']);
  });

  it('a return clears the verifications; undoing goes one step back', () => {
    expect(quarterStep('RETURN', actors.countyCivil, submission('VERIFIED', ['education', 'police']))).toEqual({ ok: true, to: 'RETURNED', verifiedBy: [] });
    expect(quarterStep('UNDO', actors.countyCivil, submission('APPROVED', ['education', 'police']))).toMatchObject({ ok: true, to: 'VERIFIED' });
    expect(quarterStep('UNDO', actors.cityCivil, submission('ACCEPTED', ['education', 'police']))).toMatchObject({ ok: true, to: 'APPROVED' });
  });

  it('says why an action is refused: the wrong actor, another region, the wrong state', () => {
    expect(quarterStep('APPROVE', actors.countyEducation, submission('VERIFIED'))).toMatchObject({ ok: false, problem: 'FORBIDDEN' });
    expect(quarterStep('APPROVE', actors.otherCounty, submission('VERIFIED'))).toMatchObject({ ok: false, problem: 'FORBIDDEN', reason: expect.stringContaining('outside your region') });
    expect(quarterStep('APPROVE', actors.countyCivil, submission('SUBMITTED'))).toMatchObject({ ok: false, problem: 'INVALID_TRANSITION', allowedFrom: ['VERIFIED'] });
  });
});

describe('the quarter calendar', () => {
  it('bounds, the quarter of a day, the one before, the deadline and lateness in China time', () => {
    expect(quarterBounds('2024-Q3')).toEqual({ start: '2024-07-01', end: '2024-09-30' });
    expect(quarterOf('2024-10-01')).toBe('2024-Q4');
    expect(previousQuarter('2024-Q1')).toBe('2023-Q4');
    expect(submissionDeadline('2024-Q3')).toBe('2024-10-10');
    expect(submissionDeadline('2024-Q4', 15)).toBe('2025-01-15');
    // 2024-10-10 23:30 in China is 15:30 UTC: on time; half an hour later it is the 11th: late.
    expect(submittedLate('2024-Q3', new Date('2024-10-10T15:30:00Z'))).toBe(false);
    expect(submittedLate('2024-Q3', new Date('2024-10-10T16:30:00Z'))).toBe(true);
  });
});
