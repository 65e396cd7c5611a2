import type { HandoffsDB } from '@lbc/handoffs';
import { ADMIN_LEVELS, HANDOFF_KIND_NAMES, HANDOFF_STATES, isFinal, readClock } from '@lbc/schema';
import type { Database } from '@lbc/subgraph-kit';
import { createTestDatabase } from '@lbc/subgraph-kit/testing';
import { sql, type Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../../subgraphs/handoffs/src/clock/escalate-overdue.ts';
import { SEED_NOW } from '../src/seed/projections/handoff-lifecycle.ts';
import { seedWorld } from '../src/seed/seed-world.ts';
import { serviceNamed } from '../src/services.ts';

/**
 * The seeded hand-offs are what a new user first sees of the hub: every state, overdue
 * and escalated ones, 12355 tickets in every status, and all of it as the hub itself
 * would have recorded it, so that its sweeper, run at the seed's moment, finds nothing
 * left to do. 400 children of Suxian district, written in three batches.
 */
let database: Database<HandoffsDB>;
let handoffs: Selectable<HandoffsDB['handoff']>[];
let events: Selectable<HandoffsDB['handoff_event']>[];
let tickets: Selectable<HandoffsDB['hotline_ticket']>[];

const time = (at: Date | string | null) => (at === null ? null : new Date(at).getTime());
const historyOf = (id: string) => events.filter((e) => e.handoff_id === id);

beforeAll(async () => {
  const service = serviceNamed('handoffs');
  database = await createTestDatabase<HandoffsDB>(service.definition);
  await seedWorld([{ service, db: database.db }], { children: 400, scope: ['431003'], seed: 7, batchSize: 150 });
  handoffs = await database.db.selectFrom('handoff').selectAll().orderBy('id').execute();
  events = await database.db.selectFrom('handoff_event').selectAll().orderBy('id').execute();
  tickets = await database.db.selectFrom('hotline_ticket').selectAll().orderBy('id').execute();
});

afterAll(async () => {
  await database?.close();
});

describe('the seeded hand-offs', () => {
  it('come in every state and of every kind, and the tickets in every status', () => {
    const count = (values: string[]) => Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));
    const byState = count(handoffs.map((h) => h.state));
    console.log('seeded hand-offs by state', byState, 'by kind', count(handoffs.map((h) => h.kind)), 'tickets by status', count(tickets.map((t) => t.status)));
    for (const state of HANDOFF_STATES) expect(byState[state], state).toBeGreaterThan(0);
    // DISCOVERY hand-offs are the hub's own quality check's, made once it runs: the world predates them.
    expect(new Set(handoffs.map((h) => h.kind))).toEqual(new Set(HANDOFF_KIND_NAMES.filter((kind) => kind !== 'DISCOVERY')));
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(['OPEN', 'TRANSFERRED', 'CLOSED']));
    expect(handoffs.every((h) => /^HO\d{9}$/.test(h.id)) && tickets.every((t) => /^HT\d{9}$/.test(t.id))).toBe(true);
  });

  it('each stand where their history says, with the clock readClock gives at the seed’s moment', () => {
    const problems = handoffs.flatMap((h) => {
      const history = historyOf(h.id);
      const transitions = history.filter((e) => e.kind !== 'SENT' && e.kind !== 'ESCALATED');
      const open = !isFinal(h.state);
      const clock = readClock({ kind: h.kind, state: h.state, stepStartedAt: h.step_started_at, level: h.to_level, region: h.to_region }, SEED_NOW);
      const checks: [string, boolean][] = [
        ['first line SENT at sent_at', history[0]?.kind === 'SENT' && time(history[0].at) === time(h.sent_at)],
        ['version is 1 + transitions', h.version === 1 + transitions.length],
        ['last transition is the state', (transitions.at(-1)?.kind ?? 'SENT') === h.state],
        ['final states have no clock', open || (h.due_at === null && h.next_check_at === null && h.overdue_since === null && h.escalation_depth === 0)],
        ['final states are finished', open === (h.finished_at === null)],
        ['answered unless SENT', (h.state === 'SENT') === (h.answered_at === null)],
        ['outcome only when DONE', (h.state === 'DONE') === (h.outcome !== null)],
        ['due_at as the clock reads', time(h.due_at) === time(clock.dueAt)],
        ['overdue as the clock reads', time(h.overdue_since) === (clock.overdue ? time(clock.dueAt) : null)],
        ['depth as the clock reads', h.escalation_depth === clock.depth],
        ['next check as the clock reads', time(h.next_check_at) === time(clock.nextChangeAt)],
        [
          'times in order, none after the seed',
          [h.knew_at, h.sent_at, h.answered_at, h.finished_at].every((t, i, all) => t === null || (time(t)! <= SEED_NOW.getTime() && all.slice(0, i).every((s) => s === null || time(s)! <= time(t)!))),
        ],
        ['history in time order', history.every((e, i) => i === 0 || time(history[i - 1]!.at)! <= time(e.at)!)],
      ];
      return checks.filter(([, ok]) => !ok).map(([what]) => `${h.id} (${h.kind} ${h.state}): ${what}`);
    });
    expect(problems).toEqual([]);
  });

  it('send mandatory reports where the hub routes them: the station of the household, else the township police', async () => {
    const places = new Map((await database.db.selectFrom('child_place').selectAll().execute()).map((p) => [p.child_id, p]));
    const reports = handoffs.filter((h) => h.kind === 'MANDATORY_REPORT');
    expect(reports.length).toBeGreaterThan(0);
    for (const h of reports) {
      const place = places.get(h.child_id!)!;
      const expected = place.station_id ? [place.registration_code!.slice(0, 9), place.station_id] : [place.residence_code!.slice(0, 9), null];
      expect([h.to_agency, h.to_level, h.to_region, h.to_org], h.id).toEqual(['police', 'town', ...expected]);
    }
  });

  it('include old SENT ones that are overdue and escalated, each escalation with its ESCALATED line to the unit above', () => {
    const escalatedSent = handoffs.filter((h) => h.state === 'SENT' && h.overdue_since !== null && h.escalation_depth > 0);
    expect(escalatedSent.length).toBeGreaterThan(0);
    for (const h of handoffs.filter((x) => !isFinal(x.state))) {
      const lines = historyOf(h.id).filter((e) => e.kind === 'ESCALATED' && time(e.at)! >= time(h.step_started_at)!);
      const rank = ADMIN_LEVELS.indexOf(h.to_level);
      expect(
        lines.map((e) => [e.by_agency, e.by_level, e.by_region]),
        h.id,
      ).toEqual(Array.from({ length: h.escalation_depth }, (_, i) => [h.to_agency, ADMIN_LEVELS[rank - i - 1], h.to_region.slice(0, [2, 4, 6, 9, 12][rank - i - 1])]));
    }
  });

  it('keep each ticket’s status with its transfers', () => {
    const transfersOf = (id: string) => handoffs.filter((h) => h.ticket_id === id);
    for (const t of tickets) {
      const transfers = transfersOf(t.id);
      if (t.status === 'OPEN') expect(transfers, t.id).toEqual([]);
      if (t.status === 'TRANSFERRED')
        expect(
          transfers.some((h) => !isFinal(h.state)),
          t.id,
        ).toBe(true);
      if (t.status === 'CLOSED') {
        expect(transfers.length > 0 && transfers.every((h) => isFinal(h.state) && time(h.finished_at)! <= time(t.closed_at)!), t.id).toBe(true);
      }
      expect(t.version, t.id).toBe(1 + ['OPEN', 'TRANSFERRED', 'CLOSED'].indexOf(t.status));
    }
  });

  it('leave nothing to push: the seeded world predates the hub’s notices', async () => {
    expect(
      Number(
        (
          await database.db
            .selectFrom('handoff_notice')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
  });

  it('leave the sweeper nothing to do at the seed’s moment; later, it escalates what ran late since', async () => {
    // Nothing is even due a look: every open hand-off's next check lies after the seed's moment.
    expect(handoffs.filter((h) => h.next_check_at !== null && time(h.next_check_at)! <= SEED_NOW.getTime())).toEqual([]);
    expect(await escalateOverdue(database.db, SEED_NOW, 100_000)).toMatchObject({ escalated: 0, markedOverdue: 0 });
    expect((await database.db.selectFrom('handoff_event').selectAll().execute()).length).toBe(events.length);
    const later = await escalateOverdue(database.db, new Date(SEED_NOW.getTime() + 30 * 24 * 3600_000), 100_000);
    expect(later.escalated).toBeGreaterThan(0);
  });

  it('leave the sequences after the seeded ids, so the hub’s own hand-offs and tickets continue', async () => {
    const next = async (sequence: string) => Number((await sql<{ n: string }>`select nextval(${sequence}) as n`.execute(database.db)).rows[0]!.n);
    const highest = (ids: string[]) => Math.max(...ids.map((id) => Number(id.slice(2))));
    expect(await next('handoff_number')).toBe(highest(handoffs.map((h) => h.id)) + 1);
    expect(await next('hotline_ticket_number')).toBe(highest(tickets.map((t) => t.id)) + 1);
  });
});
