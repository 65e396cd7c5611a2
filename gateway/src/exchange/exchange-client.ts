import { EXCHANGE_PRINCIPAL, type InternalSigner } from '@lbc/schema';
import { APPLY_EVENTS, READ_OUTBOX, type HubEvent } from '@lbc/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { callSubgraph } from '../forward/call-subgraph.ts';

/** A hand-off notice as the feed gives it. */
export interface HandoffNotice {
  id: string;
  seq: string;
  reason: string;
  agency: string;
  regionCode: string;
  org: string | null;
  payload: string;
}

const READ_NOTICES = `query Notices($after: String!, $limit: Int!) { _handoffNotices(after: $after, limit: $limit) { id seq reason agency regionCode org payload } }`;
const ESCALATE = `mutation Escalate($now: DateTime!, $limit: Int!) { _escalateOverdue(now: $now, limit: $limit) { checked escalated markedOverdue } }`;

/** A subgraph the exchange could not read from or deliver to: down, slow, or refusing. */
export class ExchangeHopError extends Error {
  constructor(
    readonly subgraph: string,
    message: string,
  ) {
    super(`${subgraph}: ${message}`);
    this.name = 'ExchangeHopError';
  }
}

/**
 * The exchange's only way into an agency: its subgraph's HTTP endpoint, with a token the
 * gateway's key signs for that subgraph alone, marked as the exchange's (`svc`). Never
 * another agency's database.
 */
export class ExchangeClient {
  constructor(
    private readonly signer: InternalSigner,
    private readonly urls: Record<string, string>,
    private readonly timeoutMs: number,
  ) {}

  /** Events `source` published after outbox position `after`, oldest first. */
  async outbox(source: string, after: string, limit: number): Promise<HubEvent[]> {
    const data = await this.call<{ _outbox: (Omit<HubEvent, 'payload'> & { payload: string })[] }>(source, READ_OUTBOX, { after, limit });
    return data._outbox.map((e) => ({ ...e, payload: JSON.parse(e.payload) as never }) as HubEvent);
  }

  /** Applies `events` in `subscriber`; each event changes it at most once, however often delivered. */
  async deliver(subscriber: string, events: readonly HubEvent[]): Promise<{ applied: number; duplicates: number }> {
    const delivered = events.map((e) => ({ ...e, payload: JSON.stringify(e.payload) }));
    const data = await this.call<{ _applyEvents: { applied: number; duplicates: number } }>(subscriber, APPLY_EVENTS, { events: delivered });
    return data._applyEvents;
  }

  /** The hand-off notices after feed position `after`, oldest first: what the hub pushes to agency systems. */
  async handoffNotices(after: string, limit: number): Promise<HandoffNotice[]> {
    const data = await this.call<{ _handoffNotices: HandoffNotice[] }>('handoffs', READ_NOTICES, { after, limit });
    return data._handoffNotices;
  }

  /** Records in the hand-off subgraph what ran past due at `now` (at most `limit` hand-offs read). */
  async escalateOverdue(now: Date, limit: number): Promise<{ checked: number; escalated: number; markedOverdue: number }> {
    const data = await this.call<{ _escalateOverdue: { checked: number; escalated: number; markedOverdue: number } }>('handoffs', ESCALATE, { now: now.toISOString(), limit });
    return data._escalateOverdue;
  }

  /** Runs one internal operation in `subgraph` under the exchange's token: the hub's own workers' only way in. */
  async call<T>(subgraph: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const url = this.urls[subgraph];
    if (!url) throw new ExchangeHopError(subgraph, 'no URL configured');
    const requestId = `exchange-${randomUUID()}`;
    const token = await this.signer.sign(EXCHANGE_PRINCIPAL, subgraph, { requestId, purpose: 'CASE_MANAGEMENT', service: 'exchange' });
    try {
      return await callSubgraph<T>(url, token, requestId, query, variables, this.timeoutMs);
    } catch (error) {
      throw new ExchangeHopError(subgraph, (error as Error).message);
    }
  }
}
