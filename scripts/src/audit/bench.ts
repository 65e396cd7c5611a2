/**
 * pnpm bench:audit [--entries 4000] [--url postgres://…/postgres]
 *
 * What auditing costs: appends audit entries through the gateway's AuditLog (group
 * commit, chain lock, one hash per entry) to a fresh PostgreSQL database at several
 * concurrency levels — concurrent requests each waiting for their own entry to be durable,
 * as the gateway's requests do — and reports entries per second, commits, and the
 * latency each request waits for its entry (the latency auditing adds to a request).
 * Then times one seal (signed per commit) and its check, and recomputes the chain to time
 * verification. Figures go in the README.
 */
import { AuditLog, createSealer, readChain, readCheckpoints, sealMatches, verifyChain, type AuditRecord, type HubDB } from '@lbc/audit/store';
import { hubMigrations } from '@lbc/audit/store';
import { createDatabase, migrateToLatest } from '@lbc/subgraph-kit';
import { createLocalJWKSet } from 'jose';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { newSigningKey } from '../keys/dev-keys.ts';
import { percentile } from '../bench/percentile.ts';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '4000' }, url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' } } });
const perLevel = Number(values.entries);
const NAME = 'lbc_bench_audit';

const admin = new pg.Client({ connectionString: values.url });
await admin.connect();
await admin.query(`drop database if exists ${NAME} with (force)`);
await admin.query(`create database ${NAME}`);
const url = new URL(values.url!);
url.pathname = `/${NAME}`;
const hub = await createDatabase<HubDB>({ url: url.toString(), maxConnections: 10 });
await migrateToLatest(hub.db, hubMigrations);
const key = await newSigningKey('bench-gateway');
const keys = createLocalJWKSet({ keys: [key.publicJwk] });

/** A typical entry: one child record with a dozen fields from three agencies. */
function record(i: number): AuditRecord {
  const fields = [
    'Child.name',
    'Child.birthDate',
    'Child.idNumber',
    'Child.residenceVillage',
    'Child.guardian',
    'Child.riskFlags',
    'Child.currentEnrollment',
    'Enrollment.grade',
    'Child.healthRecord',
    'HealthRecord.clinic',
    'Child.guardianCanAct',
    'Child.hasSeriousCondition',
  ];
  return {
    at: new Date(),
    requestId: `bench-${i}`,
    principal: { subject: `officer-${i % 50}`, issuer: 'https://idp.bench', agency: 'civil_affairs', level: 'county', region: '431003', org: null, roles: ['officer'] },
    client: 'https://idp.bench',
    purpose: 'CASE_MANAGEMENT',
    caseId: null,
    justification: null,
    breakGlass: false,
    mode: 'filter',
    operationName: 'ChildRecord',
    operationHash: 'f'.repeat(64),
    operationText:
      'query ChildRecord($id: ID!) { child(id: $id) { name birthDate idNumber residenceVillage { code } guardian { name } riskFlags { guardianMissing } currentEnrollment { grade } healthRecord { clinic { name } } guardianCanAct hasSeriousCondition } }',
    variables: { id: `LB${String(i).padStart(9, '0')}` },
    fetches: [
      { subgraph: 'civil-affairs', fields: fields.slice(0, 6) },
      { subgraph: 'education-enrollment', fields: fields.slice(6, 8) },
      { subgraph: 'health', fields: fields.slice(8) },
    ],
    children: [{ childId: `LB${String(i).padStart(9, '0')}`, fields: fields.map((coordinate) => ({ coordinate, fieldClass: 'BASIC', masked: false, owners: ['civil_affairs'] })) }],
    otherFields: [{ coordinate: 'Query.child', fieldClass: 'BASIC', masked: false, owners: ['civil_affairs'] }],
    denied: [],
    outcome: 'ok',
    errorCodes: [],
    reason: null,
    durationMs: 40,
  };
}

console.log(`audit log benchmark: ${perLevel} entries per level, PostgreSQL ${NAME}, group commit`);
console.log('concurrent requests | entries/s | commits | entries/commit | wait p50 | wait p95');
let next = 0;
for (const concurrency of [1, 8, 64, 256]) {
  const log = new AuditLog(hub.db, { signingKey: key.privateJwk, keys });
  const waits: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; i < perLevel; i += concurrency) {
        const t = performance.now();
        await log.append(record(next++));
        waits.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  waits.sort((a, b) => a - b);
  console.log(
    `${String(concurrency).padStart(19)} | ${String(Math.round(perLevel / seconds)).padStart(9)} | ${String(log.commits).padStart(7)} | ${(perLevel / log.commits).toFixed(1).padStart(14)} | ${percentile(waits, 50).toFixed(1).padStart(6)} ms | ${percentile(waits, 95).toFixed(1).padStart(6)} ms`,
  );
}

const seal = createSealer(key.privateJwk);
const SEALS = 2_000;
let t = performance.now();
const seals = Array.from({ length: SEALS }, (_, i) => seal(i + 1, 'a'.repeat(64)));
const signUs = ((performance.now() - t) * 1000) / SEALS;
t = performance.now();
for (let i = 0; i < SEALS; i++) await sealMatches(seals[i]!, i + 1, 'a'.repeat(64), keys);
console.log(`seal: ${signUs.toFixed(0)} µs to sign (once per commit), ${(((performance.now() - t) * 1000) / SEALS).toFixed(0)} µs to check (the head's, per verification)`);

t = performance.now();
const report = await verifyChain(readChain(hub.db), await readCheckpoints(hub.db), keys);
const seconds = (performance.now() - t) / 1000;
console.log(`verify: ${report.entries} entries in ${seconds.toFixed(2)} s (${Math.round(report.entries / seconds)} entries/s), ${report.ok ? 'intact' : 'BROKEN'}`);

await hub.close();
await admin.query(`drop database ${NAME} with (force)`);
await admin.end();
