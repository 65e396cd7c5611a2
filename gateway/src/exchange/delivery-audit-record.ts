import type { AuditRecord, ChildFields } from '@lbc/audit/store';
import { hubDisclosureRecord } from './hub-disclosure-record.ts';
import { EXCHANGE_PRINCIPAL, SUBGRAPH_AGENCY } from '@lbc/schema';
import type { HubEvent } from '@lbc/subgraph-kit';

/** The class of what each kind of event discloses: a place is basic, an ID number an identifier, a hand-over protective. */
const CLASS_OF_KIND: Record<HubEvent['kind'], string> = {
  'place.residence': 'BASIC',
  'place.registration': 'BASIC',
  'place.school': 'BASIC',
  'place.clinic': 'BASIC',
  'identity.issued': 'IDENTIFIER',
  // That a child has no household registration is a protective fact, like the risk flags.
  'handoff.unregistered': 'PROTECTIVE',
  'dropout.returned': 'BASIC',
  // That another agency's records point to a child as left behind is derived and protective, like a finding.
  'handoff.discovered': 'PROTECTIVE',
};

/**
 * A delivery as the audit log records it, like a read: the receiving agency (as the
 * principal's agency, the exchange as the subject), the source agency as owner of each
 * fact, and per child the kinds of facts it received. Committed before the events leave
 * the hub: sharing through the exchange is sharing.
 */
export function deliveryAuditRecord(source: string, subscriber: string, events: readonly HubEvent[], requestId: string, at: Date): AuditRecord {
  const owner = SUBGRAPH_AGENCY[source] ?? source;
  const byChild = new Map<string, Set<HubEvent['kind']>>();
  for (const event of events) byChild.set(event.childId, (byChild.get(event.childId) ?? new Set()).add(event.kind));
  const children: ChildFields[] = [...byChild].map(([childId, kinds]) => ({
    childId,
    fields: [...kinds].sort().map((kind) => ({ coordinate: `event:${kind}`, fieldClass: CLASS_OF_KIND[kind], masked: false, owners: [owner] })),
  }));
  return hubDisclosureRecord({
    at,
    requestId,
    agency: SUBGRAPH_AGENCY[subscriber] ?? subscriber,
    region: EXCHANGE_PRINCIPAL.region,
    client: 'lbc-exchange',
    operationName: `deliver ${source} -> ${subscriber}`,
    variables: { events: events.length, firstSeq: events[0]?.seq ?? null, lastSeq: events.at(-1)?.seq ?? null },
    fetches: [{ subgraph: subscriber, fields: [...new Set(events.map((e) => `event:${e.kind}`))].sort() }],
    children,
  });
}
