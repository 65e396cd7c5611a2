import { badUserInput, SUBGRAPH_AGENCY, type Agency } from '@lbc/schema';
import { parse, type DocumentNode } from 'graphql';
import type { Kysely } from 'kysely';
import type { SubgraphContext, SubgraphName } from '../server/subgraph-definition.ts';
import { isEventId, isEventKind, payloadProblem, type HubEvent } from '../writes/hub-event.ts';
import type { WritableDB } from '../writes/write-transaction.ts';
import { applyEvents, type ApplyOutcome, type EventHandlers } from './apply-events.ts';
import { readOutbox } from './read-outbox.ts';
import { assertExchange } from './assert-exchange.ts';

/**
 * The exchange's two fields, the same in every agency subgraph: read this agency's outbox
 * after a position, and apply events other agencies published. Inaccessible (callers of the
 * graph never see them) and answered only to the hub's exchange (a gateway-signed token
 * marked `svc: exchange`), never to a caller's token, whatever its rights.
 */
export const EXCHANGE_SDL = `
extend type Query {
  "For the hub's exchange only: events this agency published after position \`after\` (0 for all), oldest first."
  _outbox(after: String!, limit: Int!): [_OutboxEvent!]! @inaccessible @shareable
}

extend type Mutation {
  "For the hub's exchange only: applies events other agencies published, each once, in order."
  _applyEvents(events: [_DeliveredEvent!]!): _AppliedEvents! @inaccessible @shareable
}

type _OutboxEvent @inaccessible @shareable {
  eventId: ID!
  seq: String!
  source: String!
  childId: ID!
  kind: String!
  "The payload as JSON text."
  payload: String!
  occurredAt: String!
}

input _DeliveredEvent @inaccessible {
  eventId: ID!
  seq: String!
  source: String!
  childId: ID!
  kind: String!
  payload: String!
  occurredAt: String!
}

type _AppliedEvents @inaccessible @shareable {
  applied: Int!
  duplicates: Int!
}
`;

export const exchangeTypeDefs: DocumentNode = parse(EXCHANGE_SDL);

/** The exchange's two calls, as it sends them (and tests do). */
export const READ_OUTBOX = `query Outbox($after: String!, $limit: Int!) { _outbox(after: $after, limit: $limit) { eventId seq source childId kind payload occurredAt } }`;
export const APPLY_EVENTS = `mutation Apply($events: [_DeliveredEvent!]!) { _applyEvents(events: $events) { applied duplicates } }`;

/** Most events one call reads or applies: the exchange's batch, bounded. */
export const MAX_EXCHANGE_BATCH = 1000;

type ExchangeContext = SubgraphContext<WritableDB, unknown>;

/** The resolvers of EXCHANGE_SDL for the subgraph `name`, applying events with its handlers. */
export function exchangeResolvers(name: SubgraphName, handlers: EventHandlers<any> = {}) {
  const agency = SUBGRAPH_AGENCY[name] as Agency;
  return {
    Query: {
      _outbox: (_: unknown, args: { after: string; limit: number }, context: ExchangeContext): Promise<HubEvent[]> => {
        assertExchange(context);
        if (!/^\d{1,19}$/.test(args.after)) throw badUserInput('after must be an outbox position (digits)', { argumentName: 'after', inResolver: true });
        if (!Number.isInteger(args.limit) || args.limit < 1 || args.limit > MAX_EXCHANGE_BATCH) {
          throw badUserInput(`limit must be 1 to ${MAX_EXCHANGE_BATCH}`, { argumentName: 'limit', inResolver: true });
        }
        return readOutbox(context.db, agency, args.after, args.limit);
      },
    },
    Mutation: {
      _applyEvents: (_: unknown, args: { events: DeliveredEvent[] }, context: ExchangeContext): Promise<ApplyOutcome> => {
        assertExchange(context);
        if (args.events.length > MAX_EXCHANGE_BATCH) throw badUserInput(`at most ${MAX_EXCHANGE_BATCH} events per delivery`, { argumentName: 'events', inResolver: true });
        const events = args.events.map((e, i) => parseDelivered(e, i, agency));
        return applyEvents(context.db as Kysely<WritableDB>, events, handlers);
      },
    },
    _OutboxEvent: { payload: (event: HubEvent) => JSON.stringify(event.payload) },
  };
}

interface DeliveredEvent {
  eventId: string;
  seq: string;
  source: string;
  childId: string;
  kind: string;
  payload: string;
  occurredAt: string;
}

/** A delivered event checked whole: a malformed one refuses the delivery (the exchange keeps it, and its lag shows it). */
function parseDelivered(e: DeliveredEvent, index: number, self: Agency): HubEvent {
  const bad = (problem: string) => badUserInput(`events[${index}]: ${problem}`, { argumentName: `events[${index}]`, inResolver: true });
  if (!isEventId(e.eventId)) throw bad('eventId must be a UUID');
  if (!isEventKind(e.kind)) throw bad(`unknown kind ${JSON.stringify(e.kind.slice(0, 40))}`);
  if (e.source === self) throw bad('an agency does not receive its own events');
  if (!Object.values(SUBGRAPH_AGENCY).includes(e.source as Agency)) throw bad('source must be an agency');
  let payload: unknown;
  try {
    payload = JSON.parse(e.payload);
  } catch {
    throw bad('payload must be JSON');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw bad('payload must be a JSON object');
  const problem = payloadProblem(e.kind, payload as Record<string, unknown>);
  if (problem) throw bad(problem);
  return { eventId: e.eventId, seq: e.seq, source: e.source as Agency, childId: e.childId, kind: e.kind, payload, occurredAt: e.occurredAt } as HubEvent;
}
