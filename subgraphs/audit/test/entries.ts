import type { Agency, AdminLevel } from '@lbc/schema';
import { testPrincipal } from '@lbc/subgraph-kit/testing';
import type { Kysely } from 'kysely';
import { type AuditPrincipal, type AuditRecord, type ChildFields, type DeniedField, type HubDB } from '../src/store/index.ts';
import { testAuditLog } from './gateway-keys.ts';
import { sampleRecord } from './sample-record.ts';

/** A principal as an audit entry records it. */
export function reader(agency: Agency, level: AdminLevel, region: string, subject: string): AuditPrincipal {
  return { subject, issuer: 'https://idp.test', agency, level, region, org: null, roles: ['officer'] };
}

/** The children a response carried, each with fields of `fieldClass` owned by `owners`. */
export function children(ids: readonly string[], fieldClass = 'BASIC', owners: readonly string[] = ['civil_affairs'], coordinate = 'Child.name'): ChildFields[] {
  return ids.map((childId) => ({ childId, fields: [{ coordinate, fieldClass, masked: false, owners: [...owners] }] }));
}

/** `n` denied fields. */
export function denials(n: number): DeniedField[] {
  return Array.from({ length: n }, (_, i) => ({ path: ['child', `field${i}`], coordinate: `Child.field${i}`, fieldClass: 'SENSITIVE', rule: 'sensitive-for-owner-or-open-case-only' }));
}

/** Child ids LB000000001… */
export function childIds(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `LB${String(from + i).padStart(9, '0')}`);
}

/** Writes records through the real AuditLog, in order (seq 1, 2, …): tests never insert audit rows by hand. */
export async function appendAll(db: Kysely<HubDB>, records: readonly AuditRecord[]): Promise<void> {
  const log = await testAuditLog(db);
  for (const record of records) await log.append(record);
}

export function record(overrides: Partial<AuditRecord>): AuditRecord {
  return sampleRecord(overrides);
}

/** Callers of the audit subgraph. */
export const auditors = {
  county: testPrincipal({ subject: 'auditor-suxian', agency: 'audit', level: 'county', region: '431003' }),
  otherCounty: testPrincipal({ subject: 'auditor-beihu', agency: 'audit', level: 'county', region: '431002' }),
  town: testPrincipal({ subject: 'auditor-bailutang', agency: 'audit', level: 'town', region: '431003101' }),
  city: testPrincipal({ subject: 'auditor-chenzhou', agency: 'audit', level: 'city', region: '4310' }),
  province: testPrincipal({ subject: 'auditor-hunan', agency: 'audit', level: 'province', region: '43' }),
  otherProvince: testPrincipal({ subject: 'auditor-liaoning', agency: 'audit', level: 'province', region: '21' }),
};
