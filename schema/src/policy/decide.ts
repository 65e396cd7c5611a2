import type { Agency, Principal } from '../principal.ts';
import type { FieldClass, Purpose } from './field-class.ts';

/** Who asks, and why: everything a field decision depends on besides the field and its record. */
export interface AccessContext {
  principal: Principal;
  purpose: Purpose;
  /**
   * The protection case the request names (header x-lbc-case-id), as the gateway verified
   * it: `childId` is set only when the case is OPEN and its child within the caller's
   * jurisdiction. Absent when no case id was given (or the caller may not work on cases).
   */
  case?: RequestCase | undefined;
  /** Written justification for break-glass access (header x-lbc-justification). */
  justification?: string | undefined;
  /** The moment of the decision, in seconds since the epoch; now unless given (tests). */
  now?: number | undefined;
  /**
   * The one child break-glass may open in this request, when the gateway knows it (the
   * operation's break-glass reads all sit under `child(id:)` of that child): a subgraph
   * denies break-glass on the record of any other child, whichever of its fetches reads it.
   */
  breakGlassChild?: string | undefined;
  /**
   * @deprecated Not read any more: a case opens SENSITIVE fields through `case` and the
   * record passed to `decide`. Only `false` is accepted, so nothing can be opened with it.
   */
  caseVerified?: false;
}

/** A protection case named by a request; `childId` only once verified as OPEN for that child. */
export interface RequestCase {
  id: string;
  childId?: string | undefined;
}

/**
 * Which child's record a field belongs to, as far as the caller of `decide` can tell: the
 * gateway from the shape of the operation, a subgraph from the rows it resolves. Only
 * SENSITIVE fields read under a case or break-glass depend on it; unknown binds nothing.
 */
export interface RecordScope {
  /** Hub id of the child whose record this is (the nearest enclosing Child). */
  childId?: string | undefined;
  /** That child was looked up directly, alone (a root lookup of one child, no hop between): break-glass may apply. */
  singleChild?: boolean | undefined;
  /**
   * The root lookup that named the child (its kind and argument value, e.g.
   * `child:LB000000007`): equal keys name the same child. Set by the gateway's planner,
   * which grants break-glass to one lookup key per operation.
   */
  lookup?: string | undefined;
}

export type Effect = 'allow' | 'mask' | 'deny';

export interface Decision {
  effect: Effect;
  /** The rule that decided, named in errors, in `accessExplain` and in the audit. */
  rule: string;
  /** Access granted by break-glass: time-boxed and flagged for review. */
  breakGlass?: true;
}

const CORE_AGENCIES: readonly Agency[] = ['civil_affairs', 'education', 'police', 'health'];
const PROTECTION_AGENCIES: readonly Agency[] = [...CORE_AGENCIES, 'justice'];
const RECORD_LEVELS = new Set(['county', 'town', 'village']);
/** A justification must say something: a few characters is not a reason anyone can review. */
export const MIN_JUSTIFICATION_LENGTH = 15;
/**
 * Break-glass is time-boxed like sudo: the caller must have signed in (its token issued)
 * at most this long ago, so a token left open on a desk cannot be used to break the glass.
 */
export const BREAK_GLASS_MAX_AUTH_AGE_SECONDS = 15 * 60;
/** Break-glass opens the record of one child per request: read through two lookups, it opens neither. */
export const BREAK_GLASS_ONE_CHILD_PER_REQUEST = 'break-glass-for-one-child-per-request';
const CASE_WORK_AGENCIES: readonly Agency[] = ['civil_affairs', 'police'];
const CASE_WORK_PURPOSES: readonly Purpose[] = ['ASSESSMENT', 'EMERGENCY'];

const allow = (rule: string): Decision => ({ effect: 'allow', rule });
const mask = (rule: string): Decision => ({ effect: 'mask', rule });
const deny = (rule: string): Decision => ({ effect: 'deny', rule });

/**
 * The field rule of the hub, in one function: may this caller, for this purpose, read a
 * field of this class whose data belongs to `owners` (the agencies whose subgraphs
 * resolve it)? Row rules (jurisdiction: which children) are applied in SQL by the
 * subgraphs; this decides columns. `record` says whose record the field is part of: a
 * protection case or break-glass opens SENSITIVE fields of one child only. Default deny:
 * every path not granted below denies.
 */
export function decide(context: AccessContext, fieldClass: FieldClass, owners: readonly Agency[], record: RecordScope = {}): Decision {
  const { principal, purpose } = context;
  const { agency } = principal;

  // The hub's own records come first: they are not child data, so the levels below do not apply.
  if (fieldClass === 'SELF') return allow('own-access-for-every-caller');
  if (fieldClass === 'AUDIT') return agency === 'audit' ? allow('audit-log-for-auditors') : deny('audit-log-for-auditors-only');
  if (agency === 'audit') return deny('auditors-read-no-child-data');
  if (fieldClass === 'AGGREGATE') return allow('aggregates-within-jurisdiction');
  if (purpose === 'STATISTICS') return deny('statistics-reads-aggregates-only');

  if (!RECORD_LEVELS.has(principal.level)) {
    if (purpose !== 'SUPERVISION') return deny('city-and-province-read-aggregates-only');
    if (fieldClass === 'BASIC' || fieldClass === 'PROTECTIVE') return allow('supervision-reads-basic-and-protective');
    if (fieldClass === 'IDENTIFIER') return mask('supervision-masks-identifiers');
    return deny('supervision-reads-basic-and-protective-only');
  }

  switch (fieldClass) {
    case 'BASIC':
      return allow('basic-for-all-agencies');
    case 'CONTACT':
      return CORE_AGENCIES.includes(agency) ? allow('contact-for-core-agencies') : deny('contact-for-core-agencies-only');
    case 'IDENTIFIER':
      return owners.includes(agency) || agency === 'civil_affairs' || agency === 'police' ? allow('identifier-for-owner-civil-affairs-and-police') : mask('identifier-masked-for-other-agencies');
    case 'PROTECTIVE':
      return PROTECTION_AGENCIES.includes(agency) ? allow('protective-for-protection-agencies') : deny('protective-for-protection-agencies-only');
    case 'SENSITIVE':
      return decideSensitive(context, owners, record);
  }
}

/**
 * Whether a protection case can open SENSITIVE fields for this caller and purpose at all:
 * civil affairs or police, assessing or in an emergency, at a level that reads records.
 * The gateway verifies a case id only then; the case check in civil affairs answers only then.
 */
export function mayWorkOnCase(principal: Principal, purpose: Purpose): boolean {
  return CASE_WORK_AGENCIES.includes(principal.agency) && CASE_WORK_PURPOSES.includes(purpose) && RECORD_LEVELS.has(principal.level);
}

/** Whether the caller signed in recently enough to break the glass (see BREAK_GLASS_MAX_AUTH_AGE_SECONDS). */
export function signedInRecently(principal: Principal, now: number = Date.now() / 1000): boolean {
  return principal.authenticatedAt !== undefined && now - principal.authenticatedAt <= BREAK_GLASS_MAX_AUTH_AGE_SECONDS;
}

function decideSensitive(context: AccessContext, owners: readonly Agency[], record: RecordScope): Decision {
  const { principal, purpose, justification } = context;
  if (owners.includes(principal.agency)) return allow('sensitive-for-owner-agency');
  // A case opens the record of its own child only: not a sibling reached through the household, not a list.
  let caseRule: string | undefined;
  if (context.case && mayWorkOnCase(principal, purpose)) {
    if (!context.case.childId) caseRule = 'case-not-open-or-not-found';
    else if (record.childId !== context.case.childId) caseRule = 'sensitive-case-is-for-another-child';
    else return allow('sensitive-with-open-case');
  }
  if (principal.agency === 'police' && purpose === 'EMERGENCY' && (justification?.trim().length ?? 0) >= MIN_JUSTIFICATION_LENGTH) {
    if (!record.singleChild) return deny('break-glass-for-one-child-looked-up-directly');
    if (context.breakGlassChild !== undefined && record.childId !== context.breakGlassChild) return deny(BREAK_GLASS_ONE_CHILD_PER_REQUEST);
    if (!signedInRecently(principal, context.now)) return deny('break-glass-needs-sign-in-within-15-minutes');
    return { effect: 'allow', rule: 'sensitive-break-glass', breakGlass: true };
  }
  return deny(caseRule ?? 'sensitive-for-owner-or-open-case-only');
}
