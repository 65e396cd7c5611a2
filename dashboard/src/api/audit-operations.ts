import { graphql } from '../generated/gql.ts';

/** The access log, newest first, narrowed by the filter (auditors only). */
export const AccessLog = graphql(`
  query DashboardAccessLog($filter: AccessLogFilter, $first: Int!, $after: String) {
    accessLog(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...DashboardAuditEntry
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }

  fragment DashboardAuditEntry on AuditEntry {
    seq
    at
    principal {
      subject
      agency
      level
      region
    }
    purpose
    breakGlass
    operationName
    outcome
    children {
      childId
      fields {
        coordinate
        masked
      }
    }
    denied {
      coordinate
      rule
    }
  }
`);

/** Who looked at one child (schema/examples/audit-child-history.graphql). */
export const ChildAccessHistory = graphql(`
  query DashboardChildAccessHistory($id: ID!, $first: Int!, $after: String) {
    childAccessHistory(childId: $id, first: $first, after: $after) {
      edges {
        node {
          ...DashboardAuditEntry
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Anomalies in a window and the notices to the auditor's own agency. */
export const AuditOverview = graphql(`
  query DashboardAuditOverview($window: AnomalyWindow!) {
    accessAnomalies(window: $window) {
      kind
      subject
      agency
      region
      summary
      value
    }
    accessNotices(first: 20) {
      edges {
        node {
          id
          at
          childId
          readerAgency
          readerSubject
          purpose
          fields
        }
      }
    }
  }
`);
