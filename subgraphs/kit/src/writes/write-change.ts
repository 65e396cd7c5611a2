/**
 * What one write changed, as the audit log records it: which record, whose child, which
 * fields, and the versions before and after. Never the values: the log says that a
 * guardian changed, not who the new guardian is.
 */
export interface WriteChange {
  /** The GraphQL type of the record, e.g. `HomeVisit`. */
  record: string;
  id: string;
  childId: string | null;
  change: 'created' | 'updated';
  /** The record's GraphQL field names that were set. */
  fields: string[];
  fromVersion: number | null;
  toVersion: number | null;
}

/** The response extension a subgraph reports its writes in, for the gateway's audit entry. */
export const WRITES_EXTENSION = 'lbcWrites';
