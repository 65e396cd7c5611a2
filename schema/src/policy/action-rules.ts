import type { GraphQLSchema } from 'graphql';
import type { AdminLevel } from '../identifiers/division-code.ts';
import type { Agency } from '../principal.ts';
import type { AccessContext, Decision } from './decide.ts';
import { PURPOSES, type Purpose } from './field-class.ts';

/** The kinds of org a caller can be bound to, each an agency's: a school (education), a police station, a clinic (health), a village committee (civil affairs). */
export const ORG_KINDS = ['school', 'station', 'clinic', 'village_committee'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** The kind of org an `org` claim names, by the caller's agency; an org claim in any other agency is of no kind and acts for nothing. */
export const ORG_KIND_OF_AGENCY: Partial<Record<Agency, OrgKind>> = {
  education: 'school',
  police: 'station',
  health: 'clinic',
  civil_affairs: 'village_committee',
};

/**
 * Who may perform one mutation: the agencies, at which administrative levels, for which
 * purposes, and which kinds of org-bound staff (a school, a police station, a clinic, a
 * village committee) may too. Rows a mutation writes are further limited by jurisdiction,
 * in SQL, by the subgraph that writes them: an org-bound caller writes only for the
 * children of its own org.
 */
export interface ActionRule {
  /** The rule's name: what a refusal, `accessExplain` and the audit say. */
  name: string;
  agencies: readonly Agency[];
  levels: readonly AdminLevel[];
  purposes: readonly Purpose[];
  /** The org kinds whose bound staff may perform it, beside the agency's officers; empty: officers only. */
  orgKinds: readonly OrgKind[];
}

const ALL_LEVELS: readonly AdminLevel[] = ['province', 'city', 'county', 'town', 'village'];
/** The levels that keep children's records: city and province oversee, they do not record. */
const FRONT_LINE: readonly AdminLevel[] = ['county', 'town', 'village'];
/** Township and county: entering and verifying, leading assessments. */
const TOWN_AND_COUNTY: readonly AdminLevel[] = ['county', 'town'];
/** The agencies that own facts in the graph, and so receive notices about reads of them. */
const DATA_OWNERS: readonly Agency[] = ['civil_affairs', 'education', 'police', 'health'];
/** Every agency but the auditors sends and receives hand-offs. */
const HANDOFF_PARTIES: readonly Agency[] = ['civil_affairs', 'education', 'police', 'health', 'justice', 'youth_league', 'womens_federation'];
/** A hand-off is case work, an emergency, an assessment, or the work of the mechanism it belongs to; never statistics or supervision. */
const HANDOFF_WORK: readonly Purpose[] = ['CASE_MANAGEMENT', 'EMERGENCY', 'ASSESSMENT', 'DROPOUT_RETURN', 'HOUSEHOLD_REGISTRATION'];
/** The 12355 hotline, as the hub runs it, is the Youth League's county committees' (a city reads aggregates only). */
const HOTLINE_LEVELS: readonly AdminLevel[] = ['county'];
/** Recording a child's everyday facts is case work. */
const RECORDING: readonly Purpose[] = ['CASE_MANAGEMENT', 'ASSESSMENT'];
/** A township's quarterly submission and its approval upwards: record keeping and oversight. */
const QUARTERLY_REPORTING: readonly Purpose[] = ['CASE_MANAGEMENT', 'SUPERVISION'];

/** A rule for one agency's officers recording what it owns (and, where named, staff of its orgs); a few records are kept by two agencies. */
function recording(name: string, agency: Agency | readonly Agency[], levels: readonly AdminLevel[], orgKinds: readonly OrgKind[] = [], purposes: readonly Purpose[] = RECORDING): ActionRule {
  return { name, agencies: typeof agency === 'string' ? [agency] : agency, levels, purposes, orgKinds };
}

/**
 * THE action rules, one per mutation of the supergraph, by `Mutation.field`. A mutation
 * without a rule does not compose (actionRuleProblems), and one that is here is refused to
 * everyone it does not name: default deny, for actions as for reads.
 */
export const ACTION_RULES: Record<string, ActionRule> = {
  // Notices go to the officers of the agency whose facts were read; acknowledging is case or
  // supervision work, never statistics. Which notices a caller may acknowledge is the audit
  // subgraph's row rule (the owner agency, at or above the reader's region).
  'Mutation.acknowledgeAccessNotice': {
    name: 'owner-agency-acknowledges-its-notices',
    agencies: DATA_OWNERS,
    levels: ALL_LEVELS,
    purposes: PURPOSES.filter((p) => p !== 'STATISTICS'),
    orgKinds: ORG_KINDS,
  },

  // Civil affairs: the registry. The village supervisor visits and reports; the township
  // enters, updates and reviews each quarter; the county verifies and decides assistance.
  'Mutation.registerChild': recording('civil-affairs-registers-children', 'civil_affairs', FRONT_LINE),
  'Mutation.recordHomeVisit': recording('civil-affairs-records-home-visits', 'civil_affairs', FRONT_LINE, ['village_committee']),
  'Mutation.recordQuarterlyReview': recording('township-reviews-each-quarter', 'civil_affairs', TOWN_AND_COUNTY),
  'Mutation.changeResidence': recording('civil-affairs-records-residence', 'civil_affairs', FRONT_LINE),
  'Mutation.changeGuardian': recording('civil-affairs-records-guardians', 'civil_affairs', FRONT_LINE),
  'Mutation.recordParentStatus': recording('civil-affairs-records-parents', 'civil_affairs', FRONT_LINE),
  'Mutation.applyForAssistance': recording('civil-affairs-applies-for-assistance', 'civil_affairs', FRONT_LINE),
  'Mutation.decideAssistance': recording('county-decides-assistance', 'civil_affairs', ['county']),
  'Mutation.exitChild': recording('township-exits-children', 'civil_affairs', TOWN_AND_COUNTY),
  'Mutation.readmitChild': recording('township-readmits-children', 'civil_affairs', TOWN_AND_COUNTY),
  // Civil affairs: protection cases. The township opens and assesses (in an emergency too);
  // the county approves the assessment and closes the case.
  'Mutation.openProtectionCase': recording('township-opens-protection-cases', 'civil_affairs', TOWN_AND_COUNTY, [], ['CASE_MANAGEMENT', 'ASSESSMENT', 'EMERGENCY']),
  'Mutation.recordCaseAssessment': recording('township-assesses-cases', 'civil_affairs', TOWN_AND_COUNTY),
  'Mutation.approveCaseAssessment': recording('county-approves-assessments', 'civil_affairs', ['county']),
  'Mutation.closeProtectionCase': recording('county-approves-case-closure', 'civil_affairs', ['county']),
  // Guardianship intervention (监护干预). Warnings to a guardian who fails the child are given
  // by civil affairs and, most often, by the police (训诫 under the Minors Protection Law; the
  // revocation ground counts warnings by 公安机关 too), so police stations and the township
  // and county police record them as well, for children of their jurisdiction. Petitioning
  // the court to revoke a guardianship is civil affairs' at county level (民政部门 applies).
  'Mutation.recordGuardianWarning': recording('civil-affairs-and-police-warn-guardians', ['civil_affairs', 'police'], TOWN_AND_COUNTY, ['station'], ['CASE_MANAGEMENT', 'ASSESSMENT', 'EMERGENCY']),
  'Mutation.recordWarningOutcome': recording('civil-affairs-and-police-record-warning-outcomes', ['civil_affairs', 'police'], TOWN_AND_COUNTY, ['station']),
  'Mutation.fileGuardianshipPetition': recording('county-petitions-to-revoke-guardianship', 'civil_affairs', ['county']),
  'Mutation.recordPetitionOutcome': recording('county-records-petition-outcomes', 'civil_affairs', ['county']),

  // Quarterly reporting (每季度更新报送): the township submits; the county education bureau and
  // police branch verify; county civil affairs approves; the city accepts. A submission goes
  // back from any level above the township; an approval is undone by civil affairs above it.
  // Record keeping and oversight, never case work on a child. Which step applies now, and to
  // which township, is the rule of the cycle (schema/src/quarterly: quarterStep), in civil affairs.
  'Mutation.submitQuarter': recording('township-submits-its-quarter', 'civil_affairs', ['town'], [], QUARTERLY_REPORTING),
  'Mutation.verifyQuarter': recording('county-education-and-police-verify-quarters', ['education', 'police'], ['county'], [], QUARTERLY_REPORTING),
  'Mutation.approveQuarter': recording('county-approves-quarters', 'civil_affairs', ['county'], [], QUARTERLY_REPORTING),
  'Mutation.acceptQuarter': recording('city-accepts-quarters', 'civil_affairs', ['city'], [], QUARTERLY_REPORTING),
  'Mutation.returnQuarter': {
    name: 'levels-above-the-township-return-quarters',
    agencies: ['civil_affairs', 'education', 'police'],
    // Education and police at county level only: quarterStep holds each agency to its levels.
    levels: ['county', 'city', 'province'],
    purposes: QUARTERLY_REPORTING,
    orgKinds: [],
  },
  'Mutation.undoQuarterApproval': recording('civil-affairs-above-the-township-undoes-approvals', 'civil_affairs', ['county', 'city', 'province'], [], QUARTERLY_REPORTING),

  // Education: a school records for its own pupils; the township and county bureaus for theirs.
  'Mutation.enrollChild': recording('schools-enroll', 'education', TOWN_AND_COUNTY, ['school']),
  'Mutation.transferChild': recording('schools-transfer', 'education', TOWN_AND_COUNTY, ['school']),
  'Mutation.recordAttendance': recording('schools-record-attendance', 'education', TOWN_AND_COUNTY, ['school']),
  'Mutation.reportDropout': recording('schools-report-dropouts', 'education', TOWN_AND_COUNTY, ['school'], ['CASE_MANAGEMENT', 'DROPOUT_RETURN']),
  'Mutation.recordPersuasionAttempt': recording('schools-persuade-to-return', 'education', TOWN_AND_COUNTY, ['school'], ['CASE_MANAGEMENT', 'DROPOUT_RETURN']),
  'Mutation.recordReturnToSchool': recording('schools-record-returns', 'education', TOWN_AND_COUNTY, ['school'], ['CASE_MANAGEMENT', 'DROPOUT_RETURN']),

  // Police: the station and the county bureau keep household registration.
  'Mutation.registerUnregisteredChild': recording('police-register-unregistered-children', 'police', TOWN_AND_COUNTY, ['station'], ['HOUSEHOLD_REGISTRATION', 'CASE_MANAGEMENT']),
  'Mutation.recordParentPoliceStatus': recording('police-record-parent-status', 'police', TOWN_AND_COUNTY, ['station']),
  // A hand-off's emergency response is case work, or the emergency itself.
  'Mutation.recordEmergencyResponse': recording('police-respond-to-reports', 'police', TOWN_AND_COUNTY, ['station'], ['CASE_MANAGEMENT', 'EMERGENCY']),

  // Health: a clinic records for its own patients; the township health centre and the county for theirs.
  'Mutation.recordGrowthMeasurement': recording('clinics-record-growth', 'health', TOWN_AND_COUNTY, ['clinic']),
  'Mutation.recordImmunisation': recording('clinics-record-immunisations', 'health', TOWN_AND_COUNTY, ['clinic']),
  'Mutation.recordMentalHealthScreening': recording('clinics-record-screenings', 'health', TOWN_AND_COUNTY, ['clinic']),

  // Hand-offs (the hub's): a mechanism's step is taken by the agency the seeds name for it.
  // Anyone who works with children reports: every agency's front line and every kind of org.
  'Mutation.fileMandatoryReport': { name: 'anyone-working-with-children-reports', agencies: HANDOFF_PARTIES, levels: FRONT_LINE, purposes: HANDOFF_WORK, orgKinds: ORG_KINDS },
  // Which hand-offs a caller may answer or withdraw is the hand-off subgraph's row rule (its unit, or above it).
  'Mutation.acceptHandoff': { name: 'receiver-answers-handoffs', agencies: HANDOFF_PARTIES, levels: FRONT_LINE, purposes: HANDOFF_WORK, orgKinds: ORG_KINDS },
  'Mutation.declineHandoff': { name: 'receiver-answers-handoffs', agencies: HANDOFF_PARTIES, levels: FRONT_LINE, purposes: HANDOFF_WORK, orgKinds: ORG_KINDS },
  'Mutation.completeHandoff': { name: 'receiver-answers-handoffs', agencies: HANDOFF_PARTIES, levels: FRONT_LINE, purposes: HANDOFF_WORK, orgKinds: ORG_KINDS },
  'Mutation.withdrawHandoff': { name: 'sender-withdraws-handoffs', agencies: HANDOFF_PARTIES, levels: FRONT_LINE, purposes: HANDOFF_WORK, orgKinds: ORG_KINDS },
  'Mutation.requestAssessmentApproval': recording('township-sends-assessments-for-approval', 'civil_affairs', ['town'], [], ['CASE_MANAGEMENT', 'ASSESSMENT']),
  'Mutation.arrangeService': recording('civil-affairs-arranges-services', 'civil_affairs', TOWN_AND_COUNTY, [], ['CASE_MANAGEMENT', 'ASSESSMENT']),
  'Mutation.reportDropoutToAuthorities': recording('schools-report-unpersuaded-dropouts', 'education', TOWN_AND_COUNTY, ['school'], ['CASE_MANAGEMENT', 'DROPOUT_RETURN']),
  'Mutation.handOverUnregisteredChild': recording('civil-affairs-hands-over-unregistered-children', 'civil_affairs', TOWN_AND_COUNTY, [], ['CASE_MANAGEMENT', 'HOUSEHOLD_REGISTRATION']),
  // Data quality: the agencies whose facts the rules compare may ask for a township's check now.
  'Mutation.requestQualityCheck': recording('agencies-ask-for-quality-checks', DATA_OWNERS, TOWN_AND_COUNTY, [], ['CASE_MANAGEMENT', 'SUPERVISION']),
  // 12355 is the Youth League's line.
  'Mutation.openHotlineTicket': recording('youth-league-takes-hotline-calls', 'youth_league', HOTLINE_LEVELS, [], ['CASE_MANAGEMENT']),
  'Mutation.transferHotlineTicket': recording('youth-league-transfers-hotline-tickets', 'youth_league', HOTLINE_LEVELS, [], ['CASE_MANAGEMENT']),
  'Mutation.followUpHotlineTicket': recording('youth-league-follows-up-hotline-tickets', 'youth_league', HOTLINE_LEVELS, [], ['CASE_MANAGEMENT']),
  'Mutation.closeHotlineTicket': recording('youth-league-closes-hotline-tickets', 'youth_league', HOTLINE_LEVELS, [], ['CASE_MANAGEMENT']),
};

/**
 * Whether the caller may perform the mutation `coordinate` (`Mutation.field`) for the
 * request's purpose: allow with the rule's name, or deny naming what is missing (no rule,
 * the agency, the level, the purpose, the kind of org a bound caller acts for).
 */
export function decideAction(context: Pick<AccessContext, 'principal' | 'purpose'>, coordinate: string): Decision {
  const rule = ACTION_RULES[coordinate];
  if (!rule) return { effect: 'deny', rule: 'no-action-rule' };
  const { principal, purpose } = context;
  if (!rule.agencies.includes(principal.agency)) return { effect: 'deny', rule: `${rule.name}:agency` };
  if (!rule.levels.includes(principal.level)) return { effect: 'deny', rule: `${rule.name}:level` };
  if (!rule.purposes.includes(purpose)) return { effect: 'deny', rule: `${rule.name}:purpose` };
  if (principal.org !== undefined) {
    const kind = ORG_KIND_OF_AGENCY[principal.agency];
    if (!kind || !rule.orgKinds.includes(kind)) return { effect: 'deny', rule: `${rule.name}:org-kind` };
  }
  return { effect: 'allow', rule: rule.name };
}

/** Mutations of `schema` without an action rule, and rules for mutations it does not have: each stops composition. */
export function actionRuleProblems(schema: GraphQLSchema): string[] {
  const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).map((field) => `Mutation.${field}`);
  return [
    ...mutations.filter((m) => !ACTION_RULES[m]).map((m) => `${m} has no action rule (schema/src/policy/action-rules.ts)`),
    ...Object.keys(ACTION_RULES)
      .filter((m) => !mutations.includes(m))
      .map((m) => `${m} has an action rule but no such mutation`),
  ];
}
