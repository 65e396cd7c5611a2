import type { AuditRecord } from '../src/store/index.ts';

/** A plausible audit record: a county health officer reading one child's record; override what a test is about. */
export function sampleRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    at: new Date('2024-09-30T02:00:00.000Z'),
    requestId: 'req-1',
    principal: { subject: 'officer-1', issuer: 'https://idp.test', agency: 'health', level: 'county', region: '431003', org: null, roles: ['officer'] },
    client: 'https://idp.test',
    purpose: 'CASE_MANAGEMENT',
    caseId: null,
    justification: null,
    breakGlass: false,
    mode: 'filter',
    operationName: 'Child',
    operationHash: 'a'.repeat(64),
    operationText: 'query Child($id: ID!) { child(id: $id) { name } }',
    variables: { id: 'LB000000001' },
    fetches: [{ subgraph: 'civil-affairs', fields: ['Query.child', 'Child.name'] }],
    children: [{ childId: 'LB000000001', fields: [{ coordinate: 'Child.name', fieldClass: 'BASIC', masked: false, owners: ['civil_affairs'] }] }],
    otherFields: [],
    denied: [],
    outcome: 'ok',
    errorCodes: [],
    reason: null,
    durationMs: 12,
    ...overrides,
  };
}
