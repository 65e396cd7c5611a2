import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf, HANDOFF_ACTIONS, HANDOFF_CLOCKS, HANDOFF_KIND_NAMES, HANDOFF_STATES, isFinal, nextState, readClock, type HandoffAction, type HandoffState } from '../src/index.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const HOUR = 3600_000;

/** The whole table of transitions, written out: what each action does from each state. */
const EXPECTED: Record<HandoffState, Partial<Record<HandoffAction, HandoffState>>> = {
  SENT: { accept: 'ACCEPTED', decline: 'DECLINED', withdraw: 'WITHDRAWN' },
  ACCEPTED: { complete: 'DONE', withdraw: 'WITHDRAWN' },
  DECLINED: {},
  DONE: {},
  WITHDRAWN: {},
};

describe('hand-off states', () => {
  for (const state of HANDOFF_STATES) {
    for (const action of HANDOFF_ACTIONS) {
      const expected = EXPECTED[state][action];
      it(`${action} from ${state}: ${expected ?? 'INVALID_TRANSITION'}`, () => {
        if (expected) expect(nextState(state, action)).toBe(expected);
        else {
          let thrown: unknown;
          try {
            nextState(state, action);
          } catch (error) {
            thrown = error;
          }
          expect(codeOf(thrown)).toBe('INVALID_TRANSITION');
          expect((thrown as { extensions: Record<string, unknown> }).extensions).toMatchObject({ state, action });
        }
      });
    }
  }

  it('final states are exactly those no action leaves', () => {
    for (const state of HANDOFF_STATES) expect(isFinal(state), state).toBe(Object.keys(EXPECTED[state]).length === 0);
  });
});

describe('hand-off clocks', () => {
  it('every kind has a clock with a source, answering before finishing', () => {
    expect(Object.keys(HANDOFF_CLOCKS).sort()).toEqual([...HANDOFF_KIND_NAMES].sort());
    for (const [kind, clock] of Object.entries(HANDOFF_CLOCKS)) {
      expect(clock.source.length, kind).toBeGreaterThan(10);
      expect(clock.answerWithinMs, kind).toBeLessThan(clock.doneWithinMs);
    }
  });

  it('a mandatory report unanswered for an hour escalates from the town to the county, then to the city, and no higher', () => {
    const sent = new Date('2026-12-01T08:00:00Z');
    const report = { kind: 'MANDATORY_REPORT' as const, state: 'SENT' as const, stepStartedAt: sent, level: 'town' as const, region: '431003101' };
    const at = (minutes: number) => readClock(report, new Date(sent.getTime() + minutes * 60_000));
    const after = (minutes: number) => new Date(sent.getTime() + minutes * 60_000);
    expect(at(59)).toEqual({ dueAt: after(60), overdue: false, escalatedTo: null, depth: 0, nextChangeAt: after(60) });
    expect(at(61)).toMatchObject({ overdue: true, escalatedTo: { level: 'county', region: '431003' }, depth: 1, nextChangeAt: after(120) });
    expect(at(121)).toMatchObject({ overdue: true, escalatedTo: { level: 'city', region: '4310' }, depth: 2, nextChangeAt: null });
    expect(at(60 * 24 * 30)).toMatchObject({ overdue: true, escalatedTo: { level: 'city', region: '4310' }, depth: 2, nextChangeAt: null });
  });

  it('the step that runs is answering while sent, finishing once accepted; a final hand-off runs no clock', () => {
    const start = new Date('2026-12-01T00:00:00Z');
    const accepted = readClock({ kind: 'ASSESSMENT', state: 'ACCEPTED', stepStartedAt: start, level: 'county', region: '431003' }, new Date(start.getTime() + 2 * 24 * HOUR));
    expect(accepted).toEqual({ dueAt: new Date(start.getTime() + 7 * 24 * HOUR), overdue: false, escalatedTo: null, depth: 0, nextChangeAt: new Date(start.getTime() + 7 * 24 * HOUR) });
    const late = readClock({ kind: 'ASSESSMENT', state: 'ACCEPTED', stepStartedAt: start, level: 'county', region: '431003' }, new Date(start.getTime() + 8 * 24 * HOUR));
    expect(late).toMatchObject({ overdue: true, escalatedTo: { level: 'city', region: '4310' } });
    expect(readClock({ kind: 'ASSESSMENT', state: 'DONE', stepStartedAt: start, level: 'county', region: '431003' }, new Date(start.getTime() + 99 * 24 * HOUR))).toEqual({
      dueAt: null,
      overdue: false,
      escalatedTo: null,
      depth: 0,
      nextChangeAt: null,
    });
  });

  it('a step with a due time of its own (a service arranged for a date) falls due then, and escalates by the kind’s period', () => {
    const start = new Date('2026-12-01T00:00:00Z');
    const dueAt = new Date('2026-12-20T16:00:00Z');
    const service = { kind: 'SERVICE' as const, state: 'ACCEPTED' as const, stepStartedAt: start, level: 'town' as const, region: '431003101', dueAt };
    expect(readClock(service, new Date('2026-12-15T00:00:00Z'))).toMatchObject({ dueAt, overdue: false, nextChangeAt: dueAt });
    expect(readClock(service, new Date(dueAt.getTime() + HOUR))).toMatchObject({ overdue: true, depth: 1, nextChangeAt: new Date(dueAt.getTime() + 7 * 24 * HOUR) });
  });

  it('a city hand-off overdue is overdue, with no level above it to escalate to', () => {
    const start = new Date('2026-12-01T00:00:00Z');
    expect(readClock({ kind: 'SERVICE', state: 'SENT', stepStartedAt: start, level: 'city', region: '4310' }, new Date(start.getTime() + 4 * 24 * HOUR))).toMatchObject({
      overdue: true,
      escalatedTo: null,
    });
  });

  it('the README table of clock defaults is the policy', () => {
    const section = README.slice(README.indexOf('<!-- handoff-clocks:start -->'), README.indexOf('<!-- handoff-clocks:end -->'));
    const rows = section
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) =>
        l
          .split('|')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    expect(rows.map((r) => r[0]!.replace(/`/g, '')).sort()).toEqual([...HANDOFF_KIND_NAMES].sort());
    const hours = (cell: string) => Number(cell.replace(/ h$/, ''));
    for (const [kind, answer, done, source] of rows) {
      const clock = HANDOFF_CLOCKS[kind!.replace(/`/g, '') as keyof typeof HANDOFF_CLOCKS];
      expect([hours(answer!) * HOUR, hours(done!) * HOUR, source], kind).toEqual([clock.answerWithinMs, clock.doneWithinMs, clock.source]);
    }
  });
});
