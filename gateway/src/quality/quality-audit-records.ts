import type { AuditRecord, ChildFields } from '@lbc/audit/store';
import { DISCOVERY_RULES, QUALITY_RULES, type Agency } from '@lbc/schema';
import { hubDisclosureRecord } from '../exchange/hub-disclosure-record.ts';

/** What a check is about to record: the rules each child breaks, the children discovered. */
export interface CheckResult {
  townCode: string;
  findings: readonly { childId: string; rule: string }[];
  discoveries: readonly { childId: string; rule: string }[];
}

const AGENCIES_OF = new Map<string, { receivers: readonly Agency[]; owners: readonly Agency[] }>([
  // A finding is shown to every agency of its rule, and is made of each one's facts.
  ...QUALITY_RULES.map((r): [string, { receivers: readonly Agency[]; owners: readonly Agency[] }] => [r.id, { receivers: r.agencies, owners: r.agencies }]),
  // A discovery goes to the township's civil affairs, and is made of the source agency's facts.
  ...DISCOVERY_RULES.map((r): [string, { receivers: readonly Agency[]; owners: readonly Agency[] }] => [r.id, { receivers: ['civil_affairs'], owners: [r.source] }]),
]);

/**
 * The audit entries of one township's check, one per agency it discloses to: like an
 * exchange delivery, the hub's own disclosure, committed before the check is recorded. Each
 * is placed at the township, so its auditors find it, and lists the children and, per child, the derived facts (`finding:<rule>`, PROTECTIVE) with
 * the agencies whose records they are made of. A check that finds nothing discloses nothing.
 */
export function qualityAuditRecords(check: CheckResult, requestId: string, at: Date): AuditRecord[] {
  const byAgency = new Map<Agency, Map<string, ChildFields['fields']>>();
  for (const { childId, rule } of [...check.findings, ...check.discoveries]) {
    const { receivers, owners } = AGENCIES_OF.get(rule)!;
    for (const agency of receivers) {
      const children = byAgency.get(agency) ?? byAgency.set(agency, new Map()).get(agency)!;
      const fields = children.get(childId) ?? children.set(childId, []).get(childId)!;
      fields.push({ coordinate: `finding:${rule}`, fieldClass: 'PROTECTIVE', masked: false, owners: [...owners] });
    }
  }
  return [...byAgency].map(([agency, children]) =>
    hubDisclosureRecord({
      at,
      requestId,
      agency,
      region: check.townCode,
      client: 'lbc-exchange',
      operationName: `quality check ${check.townCode}`,
      variables: { townCode: check.townCode, findings: check.findings.length, discoveries: check.discoveries.length },
      fetches: [{ subgraph: 'handoffs', fields: ['_recordQualityCheck'] }],
      children: [...children].map(([childId, fields]) => ({ childId, fields })),
    }),
  );
}
