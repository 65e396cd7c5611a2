import { isObjectType, getNamedType, type GraphQLSchema } from 'graphql';
import type { FieldClass } from './field-class.ts';

/**
 * What a count on a region's statistics counts. A count is an AGGREGATE field (everyone
 * whose jurisdiction holds the region may read it), but a small count of a fact
 * identifies the children who have it: "1 child with a disability in this village" is
 * that child's disability. So each count also declares the class of the fact it counts,
 * the class that fact has on the child's record (field-classes.ts), and a count is given
 * exactly only to a caller who could read that fact on the record (see the subgraph kit's
 * disclosure control). `PUBLIC` counts institutions, not children: released as they are.
 */
export type CountedFact = Extract<FieldClass, 'BASIC' | 'PROTECTIVE' | 'SENSITIVE'> | 'PUBLIC';

/** The statistics types of the graph: every Int field of these is a count and must be declared below. */
export const STATS_TYPES = ['RegistryStats', 'SchoolRegionStats', 'HouseholdRegionStats', 'HealthRegionStats', 'QualityRuleCount'] as const;
export type StatsType = (typeof STATS_TYPES)[number];

/**
 * THE counted-fact class of every count, by `Type.field`. The rule of thumb: the class of
 * the record field the count is a count of (`disabled` counts `Child.disability`,
 * SENSITIVE; `malnourished` counts `Child.latestGrowthAssessment`, PROTECTIVE).
 */
export const COUNTED_FACTS: Record<StatsType, Record<string, CountedFact>> = {
  RegistryStats: {
    // Child.status and Child.leftBehindCategory are BASIC.
    activeChildren: 'BASIC',
    bothParentsAway: 'BASIC',
    oneParentAwayOtherUnable: 'BASIC',
    // Child.riskFlags.
    deFactoUnsupported: 'PROTECTIVE',
    guardianMissing: 'PROTECTIVE',
    // Guardianship status (the guardian's existence, not its contact): PROTECTIVE.
    withoutEntrustedGuardian: 'PROTECTIVE',
    // Child.protectionCases, Child.assistance.
    openProtectionCases: 'PROTECTIVE',
    onMinimumLivingAllowance: 'PROTECTIVE',
  },
  SchoolRegionStats: {
    // Schools are public institutions, listed by Region.schools to every caller.
    schools: 'PUBLIC',
    // Enrollment fields and Child.leftBehindFlag are BASIC.
    enrolledChildren: 'BASIC',
    enrolledLeftBehind: 'BASIC',
    boarding: 'BASIC',
    boardingLeftBehind: 'BASIC',
    // Child.pairedSince (whether a teacher is paired) is PROTECTIVE.
    leftBehindWithoutPairedTeacher: 'PROTECTIVE',
    // Child.dropoutStatus, Child.attendance.
    dropoutsOpen: 'PROTECTIVE',
    dropoutsReturned: 'PROTECTIVE',
    unexcusedAbsenceDaysThisTerm: 'PROTECTIVE',
    childrenWithUnexcusedAbsenceThisTerm: 'PROTECTIVE',
  },
  HouseholdRegionStats: {
    // Child.householdRegistrationStatus is PROTECTIVE, and "registered" is the complement of
    // "unregistered": counting either counts the same fact.
    registeredChildren: 'PROTECTIVE',
    registeredAfterReport: 'PROTECTIVE',
    unregisteredPending: 'PROTECTIVE',
    // Child.mandatoryReports, Child.missingReports.
    mandatoryReportsAwaitingResponse: 'PROTECTIVE',
    mandatoryReportsResponding: 'PROTECTIVE',
    missingChildrenNotFound: 'PROTECTIVE',
    // Child.parentStatuses: a parent's criminal status.
    childrenWithParentServingSentence: 'SENSITIVE',
  },
  HealthRegionStats: {
    // Child.healthRecord is BASIC.
    withHealthRecord: 'BASIC',
    // The derived facts shared with the protection agencies: immunisationComplete,
    // latestGrowthAssessment, hasSeriousCondition, needsHealthFollowUp.
    immunisationIncomplete: 'PROTECTIVE',
    malnourished: 'PROTECTIVE',
    withSeriousCondition: 'PROTECTIVE',
    needingFollowUp: 'PROTECTIVE',
    // The facts behind them stay with health: disability, chronicConditions, mentalHealthScreenings, hospitalStays.
    disabled: 'SENSITIVE',
    withChronicIllness: 'SENSITIVE',
    mentalHealthHighRisk: 'SENSITIVE',
    hospitalised: 'SENSITIVE',
  },
  // A finding says a child's records disagree (a derived fact, PROTECTIVE like the finding itself).
  QualityRuleCount: {
    found: 'PROTECTIVE',
    stillOpen: 'PROTECTIVE',
  },
};

/**
 * The counted fact of `Type.field`. Default deny: a count nobody declared is treated as
 * counting a SENSITIVE fact (and `countedFactProblems` makes the omission fail a test).
 */
export function countedFactOf(typeName: string, fieldName: string): CountedFact {
  return COUNTED_FACTS[typeName as StatsType]?.[fieldName] ?? 'SENSITIVE';
}

/**
 * Checks the declarations against a schema: every Int field of every stats type declared,
 * every declaration naming a real Int field. Returns the problems (empty when consistent).
 */
export function countedFactProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const typeName of STATS_TYPES) {
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) {
      problems.push(`counted-facts.ts names type ${typeName}, which is not in the schema`);
      continue;
    }
    const counts = Object.values(type.getFields()).filter((field) => getNamedType(field.type).name === 'Int');
    for (const field of counts) {
      if (!(field.name in COUNTED_FACTS[typeName])) problems.push(`${typeName}.${field.name} is a count with no counted fact (schema/src/policy/counted-facts.ts)`);
    }
    for (const fieldName of Object.keys(COUNTED_FACTS[typeName])) {
      if (!counts.some((field) => field.name === fieldName)) problems.push(`counted-facts.ts names ${typeName}.${fieldName}, which is not a count of the schema`);
    }
  }
  return problems;
}
