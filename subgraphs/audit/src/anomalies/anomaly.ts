import type { AnomalyKind } from '../generated/resolvers-types.ts';

/** The principal an anomaly is about, as the audit entries record it. */
export interface AnomalyPrincipal {
  issuer: string;
  subject: string;
  agency: string;
  level: string;
  region: string;
}

/** What `AccessAnomaly` resolves from: the finding, and enough to find the entries behind it. */
export interface Anomaly extends AnomalyPrincipal {
  kind: AnomalyKind;
  value: number;
  summary: string;
  windowFrom: Date;
  windowTo: Date;
}

export const ANOMALY_KINDS: readonly AnomalyKind[] = ['MANY_CHILDREN', 'OUT_OF_HOURS', 'MANY_DENIALS', 'BREAK_GLASS', 'FAILED_IDENTIFIER_LOOKUPS'];
