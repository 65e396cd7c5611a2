import { regionWithinScope, releaseCount } from '@lbc/subgraph-kit';
import type {
  QualityCheckPayloadResolvers,
  QualityCheckResolvers,
  QualityFindingResolvers,
  QualityRuleCountResolvers,
  QuarterlySubmissionResolvers,
  RegionResolvers,
} from '../generated/resolvers-types.ts';
import { quarterInstants, ruleView } from '../quality/finding-scope.ts';
import { countFindings } from '../quality/rule-counts.ts';

/** A township's submission as this subgraph knows it: its key. */
export interface SubmissionRef {
  townCode: string;
  quarter: string;
}

export const QualityFinding: QualityFindingResolvers = {
  rule: (row) => ruleView(row.rule),
  child: (row) => ({ id: row.child_id }),
  villageCode: (row) => row.village_code,
  owner: (row) => row.owner_agency,
  firstSeenAt: (row) => row.first_seen_at,
  lastSeenAt: (row) => row.last_seen_at,
  resolvedAt: (row) => row.resolved_at,
};

// Disclosure control as for every count of children: exact for callers who could read the finding on the record, bands of five otherwise.
export const QualityRuleCount: QualityRuleCountResolvers = {
  rule: (count) => ruleView(count.rule),
  found: (count, _, caller) => releaseCount(count.found, 'QualityRuleCount', 'found', caller, ruleView(count.rule).owner),
  stillOpen: (count, _, caller) => releaseCount(count.stillOpen, 'QualityRuleCount', 'stillOpen', caller, ruleView(count.rule).owner),
};

export const Region: RegionResolvers = {
  __resolveReference: (ref) => ({ code: ref.code }),
  dataQuality: async (region, { quarter }, { db, principal, loaders }) => {
    quarterInstants(quarter);
    const prefix = regionWithinScope(loaders.scope, region.code);
    return { quarter, byRule: await countFindings(db, principal, prefix, quarter) };
  },
};

export const QuarterlySubmission: QuarterlySubmissionResolvers = {
  __resolveReference: (ref) => ({ townCode: ref.townCode, quarter: ref.quarter }),
  qualityWarnings: async (submission, _, { loaders }) => {
    regionWithinScope(loaders.scope, submission.townCode);
    return loaders.townWarnings.load(submission.townCode);
  },
};

export const QualityCheck: QualityCheckResolvers = {
  townCode: (row) => row.town_code,
  checkedAt: (row) => row.checked_at,
  requestedAt: (row) => row.requested_at,
  openFindings: (row) => row.findings,
};

export const QualityCheckPayload: QualityCheckPayloadResolvers = {
  check: (row) => row,
};
