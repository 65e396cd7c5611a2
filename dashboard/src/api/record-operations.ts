import { graphql } from '../generated/gql.ts';

/** Active children of a place, a page at a time, narrowed by category and risk flag (schema/examples/children-in-region.graphql). */
export const ChildrenList = graphql(`
  query DashboardChildren($filter: ChildFilter!, $first: Int!, $after: String) {
    children(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          name
          sex
          birthDate
          leftBehindCategory
          residenceVillage {
            code
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** What awaits the caller's unit, most urgent first (schema/examples/work-queue.graphql). */
export const WorkQueue = graphql(`
  query DashboardWorkQueue($first: Int!, $after: String, $overdueOnly: Boolean!) {
    workQueue(first: $first, after: $after, overdueOnly: $overdueOnly) {
      edges {
        node {
          why
          overdue
          handoff {
            id
            kind
            state
            dueAt
            overdueSince
            child {
              id
            }
            from {
              agency
              level
              regionCode
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Data-quality findings of a place in a quarter (schema/examples/data-quality.graphql). */
export const QualityFindings = graphql(`
  query DashboardQualityFindings($regionCode: DivisionCode!, $quarter: String!, $first: Int!, $after: String) {
    qualityFindings(regionCode: $regionCode, quarter: $quarter, first: $first, after: $after) {
      edges {
        node {
          id
          rule {
            id
            zh
            en
            owner
          }
          child {
            id
          }
          villageCode
          owner
          firstSeenAt
          resolvedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * One child's record, in slices: each alias is its own lookup, so a slice the caller may not
 * read (a denied non-null field nulls its parent) leaves the others standing. Every
 * withheld field comes back null with an error naming its rule; masked identifiers are
 * listed in extensions.authorization.masked.
 */
export const ChildRecord = graphql(`
  query DashboardChildRecord($id: ID!) {
    basic: child(id: $id) {
      id
      name
      sex
      birthDate
      status
      leftBehindCategory
      leftBehindSince
      residenceVillage {
        code
        name
        parent {
          code
          name
        }
      }
      currentEnrollment {
        grade
        className
        school {
          name
        }
      }
      leftBehindFlag
    }
    contact: child(id: $id) {
      father {
        name
        isAway
        workPlace
        phone
      }
      mother {
        name
        isAway
        workPlace
        phone
      }
      guardian {
        name
        relationship
        phone
      }
    }
    risk: child(id: $id) {
      riskFlags {
        deFactoUnsupported
        guardianMissing
        disability
        familyHardship
      }
    }
    protective: child(id: $id) {
      dropoutStatus
      guardianCanAct
      householdRegistrationStatus
      immunisationComplete
      latestGrowthAssessment
      hasSeriousCondition
      needsHealthFollowUp
    }
    identifiers: child(id: $id) {
      idNumber
      currentEnrollment {
        studentNumber
      }
      healthRecord {
        number
      }
    }
    sensitive: child(id: $id) {
      disability {
        category
        grade
      }
      mentalHealthScreenings(first: 3) {
        edges {
          node {
            screenedOn
            risk
          }
        }
      }
      parentStatuses(first: 3) {
        edges {
          node {
            parent
            status
          }
        }
      }
    }
  }
`);
