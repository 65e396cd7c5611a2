import type { Agency, Principal } from '../principal.ts';
import type { FieldClass, Purpose } from './field-class.ts';

/** Who asks, and why: everything a field decision depends on besides the field. */
export interface AccessContext {
  principal: Principal;
  purpose: Purpose;
  /** A case id was given and it names an OPEN protection case of the child being read. */
  caseVerified: boolean;
  /** Written justification for break-glass access (header x-lbc-justification). */
  justification?: string | undefined;
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

const allow = (rule: string): Decision => ({ effect: 'allow', rule });
const mask = (rule: string): Decision => ({ effect: 'mask', rule });
const deny = (rule: string): Decision => ({ effect: 'deny', rule });

/**
 * The field rule of the hub, in one function: may this caller, for this purpose, read a
 * field of this class whose data belongs to `owners` (the agencies whose subgraphs
 * resolve it)? Row rules (jurisdiction: which children) are applied in SQL by the
 * subgraphs; this decides columns. Default deny: every path not granted below denies.
 */
export function decide(context: AccessContext, fieldClass: FieldClass, owners: readonly Agency[]): Decision {
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
      return owners.includes(agency) || agency === 'civil_affairs' || agency === 'police'
        ? allow('identifier-for-owner-civil-affairs-and-police')
        : mask('identifier-masked-for-other-agencies');
    case 'PROTECTIVE':
      return PROTECTION_AGENCIES.includes(agency) ? allow('protective-for-protection-agencies') : deny('protective-for-protection-agencies-only');
    case 'SENSITIVE':
      return decideSensitive(context, owners);
  }
}

function decideSensitive(context: AccessContext, owners: readonly Agency[]): Decision {
  const { principal, purpose, caseVerified, justification } = context;
  if (owners.includes(principal.agency)) return allow('sensitive-for-owner-agency');
  const caseWork = purpose === 'ASSESSMENT' || purpose === 'EMERGENCY';
  if ((principal.agency === 'civil_affairs' || principal.agency === 'police') && caseWork && caseVerified) {
    return allow('sensitive-with-open-case');
  }
  if (principal.agency === 'police' && purpose === 'EMERGENCY' && (justification?.trim().length ?? 0) >= MIN_JUSTIFICATION_LENGTH) {
    return { effect: 'allow', rule: 'sensitive-break-glass', breakGlass: true };
  }
  return deny('sensitive-for-owner-or-open-case-only');
}
