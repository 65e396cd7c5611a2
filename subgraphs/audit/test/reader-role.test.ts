import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { accessLogCsv } from '../src/access-log/csv-export.ts';
import { entryConditions } from '../src/access-log/entry-conditions.ts';
import { entryPage } from '../src/access-log/entry-page.ts';
import { findAnomalies } from '../src/anomalies/find-anomalies.ts';
import { audit } from '../src/index.ts';
import { acknowledgeNotice } from '../src/notices/acknowledge-notice.ts';
import { listNotices } from '../src/notices/list-notices.ts';
import { auditorScope } from '../src/scope/auditor-scope.ts';
import { AUDIT_READER_ROLE, AUDIT_WRITER_ROLE } from '../src/store/index.ts';
import { auditors } from './entries.ts';
import { insertNotices } from './notice-fixtures.ts';

const bed = useSubgraphTestBed(audit, { fixtures: insertNotices });

describe(`the subgraph's database role (${AUDIT_READER_ROLE})`, () => {
  it('is enough for every tool, acknowledgements included, and still cannot change the log', async () => {
    const healthOfficer = testPrincipal({ subject: 'hs-officer', agency: 'health', level: 'county', region: '431003' });
    const scope = auditorScope(auditors.province);
    // A transaction keeps `set local role` on the one connection every statement below uses.
    await bed.database.db.transaction().execute(async (trx) => {
      await sql.raw(`set local role ${AUDIT_READER_ROLE}`).execute(trx);
      expect((await entryPage(trx, entryConditions(scope, null), { first: 10 })).edges).toHaveLength(5);
      expect(await accessLogCsv(trx, entryConditions(scope, null), 10)).toMatch(/^seq,/);
      expect((await findAnomalies(trx, scope, new Date('2024-09-01T00:00:00Z'), new Date('2024-10-01T00:00:00Z'))).map((a) => a.kind)).toEqual(['BREAK_GLASS']);
      expect((await listNotices(trx, healthOfficer, true, { first: 10 })).edges.map((e) => e.node.id)).toEqual([5, 4, 1]);
      expect(await acknowledgeNotice(trx, healthOfficer, '4')).toMatchObject({ id: 4, acknowledgedBy: 'hs-officer' });
      await expect(sql.raw(`update audit_entry set outcome = 'ok'`).execute(trx)).rejects.toThrow(/permission denied/);
    });
  });
});

describe(`the gateway's database role (${AUDIT_WRITER_ROLE}), which also serves this subgraph in-process`, () => {
  it('reads the log and records acknowledgements (appending is tested with the chain), and still cannot change or remove a row', async () => {
    const healthOfficer = testPrincipal({ subject: 'hs-gateway', agency: 'health', level: 'county', region: '431003' });
    await bed.database.db.transaction().execute(async (trx) => {
      await sql.raw(`set local role ${AUDIT_WRITER_ROLE}`).execute(trx);
      expect((await entryPage(trx, entryConditions(auditorScope(auditors.province), null), { first: 10 })).edges.length).toBeGreaterThan(0);
      expect(await acknowledgeNotice(trx, healthOfficer, '5')).toMatchObject({ id: 5, acknowledgedBy: 'hs-gateway' });
      await expect(sql.raw(`delete from access_notice_ack`).execute(trx)).rejects.toThrow(/permission denied|append-only/);
    });
    await bed.database.db.transaction().execute(async (trx) => {
      await sql.raw(`set local role ${AUDIT_WRITER_ROLE}`).execute(trx);
      await expect(sql.raw(`update audit_entry set outcome = 'ok'`).execute(trx)).rejects.toThrow(/permission denied/);
    });
  });
});
