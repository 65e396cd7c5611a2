import { graphql } from '../generated/gql.ts';

/**
 * A place and the places one level down, with the counts of all four agencies
 * (schema/examples/region-overview.graphql, plus each sub-region's counts).
 */
export const RegionOverview = graphql(`
  query DashboardRegionOverview($code: DivisionCode!, $asOf: Date!) {
    region(code: $code) {
      code
      name
      level
      parent {
        code
        name
        parent {
          code
          name
          parent {
            code
            name
            parent {
              code
              name
            }
          }
        }
      }
      ...DashboardRegionCounts
      children(first: 100) {
        edges {
          node {
            code
            name
            level
            ...DashboardRegionCounts
          }
        }
      }
    }
  }

  fragment DashboardRegionCounts on Region {
    registryStats {
      activeChildren
      bothParentsAway
      oneParentAwayOtherUnable
      deFactoUnsupported
      guardianMissing
      withoutEntrustedGuardian
      openProtectionCases
    }
    schoolStats(asOf: $asOf) {
      schools
      enrolledLeftBehind
      dropoutsOpen
      childrenWithUnexcusedAbsenceThisTerm
    }
    householdStats {
      unregisteredPending
      mandatoryReportsAwaitingResponse
      missingChildrenNotFound
    }
    healthStats {
      immunisationIncomplete
      malnourished
      disabled
      needingFollowUp
    }
  }
`);

/** The quarterly cycle over four quarters, side by side (schema/examples/quarterly-submission.graphql, QuarterlyReporting). */
export const RegionQuarters = graphql(`
  query DashboardRegionQuarters($code: DivisionCode!, $q1: String!, $q2: String!, $q3: String!, $q4: String!) {
    region(code: $code) {
      code
      q1: quarterlyReporting(quarter: $q1) {
        ...DashboardQuarter
      }
      q2: quarterlyReporting(quarter: $q2) {
        ...DashboardQuarter
      }
      q3: quarterlyReporting(quarter: $q3) {
        ...DashboardQuarter
      }
      q4: quarterlyReporting(quarter: $q4) {
        ...DashboardQuarter
        towns {
          townCode
          town {
            name
          }
          state
          submittedLate
          overdue
          completeness {
            reviewedChildren
            expectedChildren
            ratio
          }
        }
      }
    }
  }

  fragment DashboardQuarter on QuarterlyReporting {
    quarter
    deadline
    summary {
      townsTotal
      townsOnTime
      townsLate
      townsOverdue
      reviewedChildren
      expectedChildren
    }
  }
`);
