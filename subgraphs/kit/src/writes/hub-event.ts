import type { Agency } from '@lbc/schema';

/**
 * What the exchange carries between agencies. Places decide jurisdiction (child_place in
 * every agency database); identity gives a child registered late its ID number everywhere.
 * The hand-off events move a protection mechanism on in the agency that acts next: a
 * child handed over as unregistered becomes pending at the police, a dropout's return
 * closes the school's written reports, a child the hub discovered may be registered under
 * the id the other agencies know it by.
 */
export const EVENT_KINDS = ['place.residence', 'place.registration', 'place.school', 'place.clinic', 'identity.issued', 'handoff.unregistered', 'dropout.returned', 'handoff.discovered'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The payload of each kind. A null place means the child has none of that kind any more (left school). */
export interface EventPayloads {
  'place.residence': { residenceCode: string };
  'place.registration': { registrationCode: string | null; stationId: string | null };
  'place.school': { schoolCode: string | null; schoolId: string | null };
  'place.clinic': { clinicId: string | null };
  'identity.issued': { idNumber: string };
  /** Civil affairs handed the child over as unregistered (无户籍): the police list it as pending. */
  'handoff.unregistered': { villageCode: string; reportedOn: string; handoffId: string };
  /** The child went back to school after dropping out: the written reports about it are done. */
  'dropout.returned': { returnedOn: string };
  /** The hub's data-quality check found a child the registry does not hold (主动发现): the township may register it under this hub id. */
  'handoff.discovered': { villageCode: string; handoffId: string; reason: string };
}

/** An event as a writer emits it. */
export type NewEvent = { [K in EventKind]: { childId: string; kind: K; payload: EventPayloads[K] } }[EventKind];

/** An event as it travels: its id (applied once everywhere), its place in its source's outbox, its source. */
export type HubEvent = NewEvent & {
  eventId: string;
  /** The position in the source's outbox (a bigint, as text). */
  seq: string;
  source: Agency;
  occurredAt: string;
};

/** Whether `kind` is one the hub knows: anything else is refused, never stored. */
export function isEventKind(kind: unknown): kind is EventKind {
  return typeof kind === 'string' && (EVENT_KINDS as readonly string[]).includes(kind);
}

const VILLAGE_CODE = /^\d{12}$/;
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The problem with an event's payload for its kind, or undefined: a subscriber refuses a malformed delivery whole. */
export function payloadProblem(kind: EventKind, payload: Record<string, unknown>): string | undefined {
  const place = (value: unknown, nullable: boolean) => (value === null ? nullable : typeof value === 'string' && VILLAGE_CODE.test(value));
  const id = (value: unknown) => value === null || (typeof value === 'string' && value.length > 0 && value.length <= 64);
  switch (kind) {
    case 'place.residence':
      return place(payload.residenceCode, false) ? undefined : 'residenceCode must be a 12-digit village code';
    case 'place.registration':
      return place(payload.registrationCode, true) && id(payload.stationId) ? undefined : 'registrationCode must be a 12-digit village code or null, stationId an id or null';
    case 'place.school':
      return place(payload.schoolCode, true) && id(payload.schoolId) ? undefined : 'schoolCode must be a 12-digit village code or null, schoolId an id or null';
    case 'place.clinic':
      return id(payload.clinicId) ? undefined : 'clinicId must be an id or null';
    case 'identity.issued':
      return typeof payload.idNumber === 'string' && /^\d{17}[\dX]$/.test(payload.idNumber) ? undefined : 'idNumber must be an 18-character ID number';
    case 'handoff.unregistered':
      return place(payload.villageCode, false) && isDate(payload.reportedOn) && id(payload.handoffId) && payload.handoffId !== null
        ? undefined
        : 'villageCode must be a 12-digit village code, reportedOn a date, handoffId an id';
    case 'dropout.returned':
      return isDate(payload.returnedOn) ? undefined : 'returnedOn must be a date (YYYY-MM-DD)';
    case 'handoff.discovered':
      return place(payload.villageCode, false) && id(payload.handoffId) && payload.handoffId !== null && typeof payload.reason === 'string' && /^[A-Z_]{1,60}$/.test(payload.reason)
        ? undefined
        : 'villageCode must be a 12-digit village code, handoffId an id, reason a rule id';
  }
}

function isDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Whether `id` is an event id (a UUID, lower case as PostgreSQL prints it). */
export function isEventId(id: unknown): id is string {
  return typeof id === 'string' && EVENT_ID.test(id);
}
