import { ACTION_RULES, decideAction, type AdminLevel, type Agency, type Principal, type Purpose } from '@lbc/schema';
import { buildSchema, getNamedType, isInputObjectType, type GraphQLInputType } from 'graphql';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '@lbc/scripts/services';
import { startHub, SUPERGRAPH_PATH, type Hub } from './harness/start-hub.ts';

/**
 * Every agency mutation, through the gateway over HTTP, on seeded data, from one table:
 * a valid call writes exactly the rows its audit entry lists (and publishes exactly the
 * events it should); input that passes the scalars but breaks a rule of the record is
 * BAD_USER_INPUT naming the field, and writes nothing at all. Cases run in table order:
 * later ones build on what earlier ones wrote (an application is decided, a dropout report
 * is followed up, an exited child readmitted, a newly registered child enrolled, a mandatory
 * report answered and its child's protection case opened, assessed and closed, a hotline
 * ticket transferred and closed).
 */

type SubgraphName = keyof Hub['subgraphs'];

/** What a case calls with: the input, and the child it is about (unknown until written, for a new child). */
interface Call {
  input: Record<string, unknown>;
  childId?: string;
}

interface MutationCase {
  /** The `Mutation` field. */
  field: string;
  /** The agency subgraph that owns the mutation: its database is the one watched. */
  subgraph: SubgraphName;
  /** Its officers at county level call it, in their county (431003), unless `level`/`region`/`org` say otherwise. */
  agency: Agency;
  /** Where the rule wants another caller than a county officer (a township sends its assessment up): the caller's level, region and org. */
  level?: AdminLevel;
  region?: string;
  org?: string;
  /** Default CASE_MANAGEMENT; another purpose the rule names where it is the natural one. */
  purpose?: Purpose;
  /** The payload fields asked for beside `child { id }`: what later cases build on. */
  select?: string;
  /** A record of no child (a township's quarterly submission): its payload has no `child`, its audit writes name none. */
  childless?: true;
  /** Finds the seeded records the call is about (or takes them from earlier cases), and builds a valid input. */
  prepare(): Promise<Call>;
  /** The valid input with one rule of the record broken, and the argument the refusal must name. */
  bad: { argumentName: string; input(valid: Record<string, any>): Record<string, unknown> };
  /** The event kinds a valid call publishes about its child, in the owning database's outbox. */
  events?: string[];
}

const COUNTY = '431003';
/** The township whose officers send assessments up (a township of the county). */
const TOWN = `${COUNTY}101`;
const FUTURE = '2999-01-01';
/** The county's city, whose civil affairs accepts the county's quarters. */
const CITY = COUNTY.slice(0, 4);
/** What a quarterly step's payload is read for: the next step names the submission and its version. */
const QUARTER_SELECT = 'submission { townCode quarter version state }';
/** Quarters that have begun, newest first: the township submits the first it has not submitted. */
const RECENT_QUARTERS = Array.from({ length: 8 }, (_, i) => {
  const now = new Date();
  const q = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - i;
  return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
});

/** The next step on a submission an earlier case answered with: the same township and quarter, at its version. */
function quarterStep(payload: { submission: { townCode: string; quarter: string; version: number } }) {
  const { townCode, quarter, version } = payload.submission;
  return { townCode, quarter, expectedVersion: version };
}
/**
 * Tables whose rows are not records a mutation reports: the outbox (checked on its own:
 * events, not records), the inbox (written only by the exchange's deliveries), write_request
 * (idempotency bookkeeping, and no call here sends a key), child_place (each database's
 * projection of place events, following the outbox in the same transaction) and
 * id_number_sequence (the police's ledger of sequence numbers issued, one row per area and
 * birth date), and the hub's hand-off history (handoff_event) and notices (handoff_notice):
 * both follow the hand-off record in the same transaction, as child_place follows the outbox,
 * and say what happened to a `Handoff` the write reports; likewise a quarterly submission's
 * history (quarterly_submission_event) says what happened to the `QuarterlySubmission` reported.
 * Bad input is checked against every table, these included.
 */
// Rollups are counts derived from the records at commit, not records a write creates.
const ROLLUPS = SERVICES.flatMap((s) => (s.definition.rollups ?? []).map((r) => r.name));
const BOOKKEEPING = ['outbox', 'inbox', 'write_request', 'child_place', 'id_number_sequence', 'handoff_event', 'handoff_notice', 'quarterly_submission_event', ...ROLLUPS];

let hub: Hub;
/** Callers' tokens, by the principal (JSON) they were minted for. */
const tokens = new Map<string, string>();
/** Each case's payload once its valid call succeeded: later cases chain on it. */
const written = new Map<string, any>();
/** Children some case already wrote for: each case takes a child of its own. */
const used = new Set<string>();
const API = buildSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'), { assumeValidSDL: true });

const db = (subgraph: SubgraphName): Kysely<any> => hub.subgraphs[subgraph].database.db;

/** The first row whose child no case has taken yet (and that `fits`, where facts held in another database decide); the child is taken. */
async function pick<T extends { child_id: string }>(subgraph: SubgraphName, query: RawBuilder<T>, fits: (row: T) => boolean = () => true): Promise<T> {
  const { rows } = await query.execute(db(subgraph));
  const row = rows.find((r) => !used.has(r.child_id) && fits(r));
  if (!row) throw new Error(`no seeded child in ${subgraph} fits the case`);
  used.add(row.child_id);
  return row;
}

/** One value from the database. */
async function scalar<T>(subgraph: SubgraphName, query: RawBuilder<{ value: T }>): Promise<T> {
  const { rows } = await query.execute(db(subgraph));
  if (!rows[0]) throw new Error(`nothing found in ${subgraph}`);
  return rows[0].value;
}

/** Every child id a query answers (in another database than the one a case picks from). */
async function childIds(subgraph: SubgraphName, query: RawBuilder<{ child_id: string }>): Promise<Set<string>> {
  const { rows } = await query.execute(db(subgraph));
  return new Set(rows.map((r) => r.child_id));
}

/** The payload of an earlier case's valid call. */
function payloadOf(field: string): any {
  if (!written.has(field)) throw new Error(`${field} wrote nothing: this case builds on it`);
  return written.get(field);
}

interface TableState {
  rows: number;
  /** An order-free digest of the rows' contents: an update shows even where the count does not. */
  digest: string;
}

/** Every table of an agency database (`skip`: tables left out): its row count and a digest of its contents. */
async function tableStates(subgraph: SubgraphName, skip: readonly string[] = []): Promise<Record<string, TableState>> {
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db(subgraph));
  const counted = tables.map((t) => t.table_name).filter((t) => !skip.includes(t));
  const { rows } = await sql<{ t: string; rows: number; digest: string }>`${sql.join(
    counted.map((t) => sql`select ${t} as t, count(*)::int as rows, coalesce(sum(hashtextextended(x::text, 0)), 0)::text as digest from ${sql.table(t)} as x`),
    sql` union all `,
  )}`.execute(db(subgraph));
  return Object.fromEntries(rows.map(({ t, ...state }) => [t, state]));
}

/** The rows each table gained (negative: lost) from one state to the next; tables whose count held are left out. */
function rowsAdded(before: Record<string, TableState>, after: Record<string, TableState>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).flatMap(([table, state]) => (state.rows === before[table]!.rows ? [] : [[table, state.rows - before[table]!.rows]])));
}

const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);

/** The outbox rows after `seq`, as (kind, child) pairs. */
async function outboxAfter(subgraph: SubgraphName, seq: string): Promise<{ kind: string; childId: string }[]> {
  const { rows } = await sql<{ kind: string; childId: string }>`select kind, child_id as "childId" from outbox where seq > ${seq}::bigint order by seq`.execute(db(subgraph));
  return rows;
}

const outboxHead = (subgraph: SubgraphName) => scalar<string>(subgraph, sql`select coalesce(max(seq), 0)::text as value from outbox`);

/**
 * String fields that name a record rather than describe it: an attendance record is the
 * child's month (its id is `child/month`), and the audit names the records it lists.
 */
const RECORD_KEYS = new Set(['RecordAttendanceInput.month']);

/** Every String value of an input (names, findings, reasons, class names, student numbers …): what the audit log must never hold. */
function freeText(value: unknown, type: GraphQLInputType): string[] {
  const named = getNamedType(type);
  if (isInputObjectType(named) && value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, member]) => {
      const field = named.getFields()[key];
      return field && !RECORD_KEYS.has(`${named.name}.${key}`) ? freeText(member, field.type) : [];
    });
  }
  return named.name === 'String' && typeof value === 'string' ? [value] : [];
}

/** The type of a mutation's `input` argument, as the composed API declares it. */
function inputType(field: string): GraphQLInputType {
  const mutation = API.getMutationType()!.getFields()[field]!;
  return mutation.args.find((a) => a.name === 'input')!.type;
}

function operation(c: MutationCase): string {
  return `mutation Case($input: ${String(inputType(c.field))}) { ${c.field}(input: $input) { ${c.childless ? '' : 'child { id }'} ${c.select ?? ''} } }`;
}

function principal(c: MutationCase): Pick<Principal, 'agency' | 'level' | 'region' | 'org'> {
  return { agency: c.agency, level: c.level ?? 'county', region: c.region ?? COUNTY, ...(c.org ? { org: c.org } : {}) };
}

async function call(c: MutationCase, input: Record<string, unknown>) {
  return hub.query(tokens.get(JSON.stringify(principal(c)))!, operation(c), { input }, { 'x-lbc-purpose': c.purpose ?? 'CASE_MANAGEMENT' });
}

const IN_COUNTY = `${COUNTY}%`;

/** Civil-affairs children living in the county, ACTIVE in the registry, meeting `condition`. */
function activeChild(condition: RawBuilder<unknown> = sql`true`) {
  return sql<{ child_id: string; version: number; village_code: string }>`
    select id as child_id, version, village_code from child
    where status = 'ACTIVE' and village_code like ${IN_COUNTY} and ${condition} order by id`;
}

/** Pupils enrolled now at a school in the county, meeting `condition` (on enrollment `e`, school `s`). */
function pupil(condition: RawBuilder<unknown> = sql`true`) {
  return sql<{ child_id: string; enrollment_id: string; version: number; school_id: string; kind: string }>`
    select e.child_id, e.id::text as enrollment_id, e.version, e.school_id, s.kind from enrollment e join school s on s.id = e.school_id
    where e.current and s.region_code like ${IN_COUNTY} and ${condition} order by e.child_id`;
}

/** Children with a health record, living in the county, meeting `condition` (on patient `p`). */
function patient(condition: RawBuilder<unknown> = sql`true`) {
  return sql<{ child_id: string }>`select child_id from patient p where residence_code like ${IN_COUNTY} and ${condition} order by child_id`;
}

const CASES: MutationCase[] = [
  // Civil affairs: the registry.
  {
    field: 'registerChild',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    async prepare() {
      const village = await scalar<string>('civil-affairs', sql`select min(code) as value from region where level = 'VILLAGE' and code like ${`${COUNTY}101%`}`);
      return {
        input: { name: '王小花', sex: 'FEMALE', birthDate: '2017-05-04', ethnicity: '土家族', residenceVillageCode: village, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2025-03-01' },
      };
    },
    bad: { argumentName: 'input.name', input: (valid) => ({ ...valid, name: '   ' }) },
    events: ['place.residence'],
  },
  {
    field: 'recordHomeVisit',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    async prepare() {
      const child = await pick('civil-affairs', activeChild());
      return { childId: child.child_id, input: { childId: child.child_id, visitedOn: '2026-11-20', concernRaised: true, findings: '爷爷卧病在床，孩子独自做饭' } };
    },
    bad: { argumentName: 'input.visitedOn', input: (valid) => ({ ...valid, visitedOn: FUTURE }) },
  },
  {
    field: 'recordQuarterlyReview',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    async prepare() {
      const child = await pick('civil-affairs', activeChild());
      return { childId: child.child_id, input: { childId: child.child_id, quarter: '2026-Q3', reviewedOn: '2026-10-12', stillLeftBehind: true, outcome: 'NO_CHANGE' } };
    },
    bad: { argumentName: 'input.quarter', input: (valid) => ({ ...valid, quarter: '2026-Q5' }) },
  },
  {
    field: 'changeResidence',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    async prepare() {
      const child = await pick('civil-affairs', activeChild());
      const village = await scalar<string>('civil-affairs', sql`select min(code) as value from region where level = 'VILLAGE' and code like ${IN_COUNTY} and code <> ${child.village_code}`);
      return { childId: child.child_id, input: { childId: child.child_id, expectedVersion: child.version, villageCode: village } };
    },
    // A township's code is a division code too, but a child lives in a village.
    bad: { argumentName: 'input.villageCode', input: (valid) => ({ ...valid, villageCode: valid.villageCode.slice(0, 9) }) },
    events: ['place.residence'],
  },
  {
    field: 'changeGuardian',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    async prepare() {
      const child = await pick('civil-affairs', activeChild());
      const guardian = { name: '李桂英', relationship: 'GRANDPARENT', capacity: 'LIMITED', phone: '13907431234' };
      return { childId: child.child_id, input: { childId: child.child_id, expectedVersion: child.version, guardian, confirmationSignedOn: '2026-11-02' } };
    },
    bad: { argumentName: 'input.guardian.name', input: (valid) => ({ ...valid, guardian: { ...valid.guardian, name: '' } }) },
  },
  {
    field: 'recordParentStatus',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    async prepare() {
      const child = await pick('civil-affairs', activeChild());
      const mother = { role: 'MOTHER', name: '陈秀英', isAway: true, workPlace: '广东省东莞市长安镇电子厂', phone: '13574321098' };
      return { childId: child.child_id, input: { childId: child.child_id, expectedVersion: child.version, ...mother } };
    },
    bad: { argumentName: 'input.workPlace', input: (valid) => ({ ...valid, workPlace: '厂'.repeat(201) }) },
  },
  {
    field: 'applyForAssistance',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    select: 'assistance { id version }',
    async prepare() {
      const child = await pick(
        'civil-affairs',
        activeChild(sql`not exists (select 1 from assistance a where a.child_id = child.id and a.kind = 'TEMPORARY_AID' and a.status in ('APPLIED', 'GRANTED'))`),
      );
      return { childId: child.child_id, input: { childId: child.child_id, kind: 'TEMPORARY_AID', appliedOn: '2026-11-15' } };
    },
    bad: { argumentName: 'input.appliedOn', input: (valid) => ({ ...valid, appliedOn: FUTURE }) },
  },
  {
    field: 'decideAssistance',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    // The application filed above.
    async prepare() {
      const { assistance, child } = payloadOf('applyForAssistance');
      return { childId: child.id, input: { assistanceId: assistance.id, expectedVersion: assistance.version, decision: 'GRANTED', amountYuan: 800, decidedOn: '2026-11-25' } };
    },
    bad: { argumentName: 'input.amountYuan', input: (valid) => ({ ...valid, amountYuan: -800 }) },
  },
  {
    field: 'exitChild',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    select: 'child { registryVersion }',
    // Young enough to be readmitted below (the registry takes minors under 16).
    async prepare() {
      const child = await pick('civil-affairs', activeChild(sql`birth_date > '2013-01-01'`));
      return { childId: child.child_id, input: { childId: child.child_id, expectedVersion: child.version, reason: 'JOINED_PARENTS', exitedOn: '2026-11-10' } };
    },
    // Judged on the locked row, after the version moved on: the refusal must roll that back too.
    bad: { argumentName: 'input.reason', input: (valid) => ({ ...valid, reason: 'TURNED_SIXTEEN' }) },
  },
  {
    field: 'readmitChild',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    // The child exited above.
    async prepare() {
      const { child } = payloadOf('exitChild');
      return { childId: child.id, input: { childId: child.id, expectedVersion: child.registryVersion, category: 'ONE_PARENT_AWAY_OTHER_UNABLE', leftBehindSince: '2026-11-20' } };
    },
    bad: { argumentName: 'input.leftBehindSince', input: (valid) => ({ ...valid, leftBehindSince: FUTURE }) },
  },

  // The quarterly cycle: the township submits; the county's education bureau verifies, then (in
  // the approval's preparation) its police branch; county civil affairs approves, the city
  // accepts, undoes its acceptance and returns the quarter to the township.
  {
    field: 'submitQuarter',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    level: 'town',
    region: TOWN,
    childless: true,
    select: QUARTER_SELECT,
    // A quarter that has begun and of which the township has no submission yet.
    async prepare() {
      const { rows } = await sql<{ quarter: string }>`select quarter from quarterly_submission where town_code = ${TOWN}`.execute(db('civil-affairs'));
      const quarter = RECENT_QUARTERS.find((q) => !rows.some((r) => r.quarter === q))!;
      return { input: { townCode: TOWN, quarter, expectedVersion: 0 } };
    },
    bad: { argumentName: 'input.quarter', input: (valid) => ({ ...valid, quarter: '2099-Q1' }) },
  },
  {
    field: 'verifyQuarter',
    subgraph: 'civil-affairs',
    agency: 'education',
    childless: true,
    select: QUARTER_SELECT,
    async prepare() {
      return { input: quarterStep(payloadOf('submitQuarter')) };
    },
    bad: { argumentName: 'input.townCode', input: (valid) => ({ ...valid, townCode: valid.townCode.slice(0, 6) }) },
  },
  {
    field: 'approveQuarter',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    childless: true,
    select: QUARTER_SELECT,
    // The police branch verifies its slice too: then the quarter is VERIFIED.
    async prepare() {
      const police = await hub.token({ agency: 'police', level: 'county', region: COUNTY });
      const verified = await hub.query(police, `mutation($input: QuarterSubmissionInput!) { verifyQuarter(input: $input) { ${QUARTER_SELECT} } }`, {
        input: quarterStep(payloadOf('verifyQuarter')),
      });
      expect(verified.body.errors).toBeUndefined();
      return { input: quarterStep(verified.body.data.verifyQuarter) };
    },
    bad: { argumentName: 'input.expectedVersion', input: (valid) => ({ ...valid, expectedVersion: -1 }) },
  },
  {
    field: 'acceptQuarter',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    level: 'city',
    region: CITY,
    childless: true,
    select: QUARTER_SELECT,
    async prepare() {
      return { input: quarterStep(payloadOf('approveQuarter')) };
    },
    // A township code the region table does not hold.
    bad: { argumentName: 'input.townCode', input: (valid) => ({ ...valid, townCode: `${COUNTY}999` }) },
  },
  {
    field: 'undoQuarterApproval',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    level: 'city',
    region: CITY,
    childless: true,
    select: QUARTER_SELECT,
    async prepare() {
      return { input: { ...quarterStep(payloadOf('acceptQuarter')), reason: '抽查发现两名儿童核查信息不全，撤销验收' } };
    },
    bad: { argumentName: 'input.reason', input: (valid) => ({ ...valid, reason: '  ' }) },
  },
  {
    field: 'returnQuarter',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    level: 'city',
    region: CITY,
    childless: true,
    select: QUARTER_SELECT,
    async prepare() {
      return { input: { ...quarterStep(payloadOf('undoQuarterApproval')), reason: '请乡镇补齐核查后重新报送' } };
    },
    bad: { argumentName: 'input.reason', input: (valid) => ({ ...valid, reason: '退'.repeat(501) }) },
  },

  // Education: enrollment and dropout control.
  {
    field: 'enrollChild',
    subgraph: 'education-enrollment',
    agency: 'education',
    // The child registered above, enrolled nowhere yet; without an ID number it gets a temporary student number.
    async prepare() {
      const { child } = payloadOf('registerChild');
      const studentNumber = `L2026${child.id.slice(2).padStart(13, '0')}`;
      return {
        childId: child.id,
        input: { childId: child.id, schoolId: `${COUNTY}101-P`, studentNumber, grade: 3, className: '三年级（2）班', boarding: false, leftBehind: true, enrolledOn: '2026-11-16' },
      };
    },
    bad: { argumentName: 'input.grade', input: (valid) => ({ ...valid, grade: 12 }) },
    events: ['place.school'],
  },
  {
    field: 'transferChild',
    subgraph: 'education-enrollment',
    agency: 'education',
    async prepare() {
      const from = await pick('education-enrollment', pupil());
      // Another school of the county teaching the same grades.
      const to = await scalar<string>('education-enrollment', sql`select min(id) as value from school where kind = ${from.kind} and id <> ${from.school_id} and region_code like ${IN_COUNTY}`);
      return {
        childId: from.child_id,
        input: { enrollmentId: from.enrollment_id, expectedVersion: from.version, toSchoolId: to, transferredOn: '2026-11-18', className: '五年级（1）班', boarding: true },
      };
    },
    bad: { argumentName: 'input.className', input: (valid) => ({ ...valid, className: '  ' }) },
    events: ['place.school'],
  },
  {
    field: 'recordAttendance',
    subgraph: 'education-enrollment',
    agency: 'education',
    async prepare() {
      const child = await pick('education-enrollment', pupil(sql`not exists (select 1 from attendance a where a.child_id = e.child_id and a.month = '2026-10')`));
      return { childId: child.child_id, input: { childId: child.child_id, month: '2026-10', schoolDays: 21, unexcusedDays: 2, excusedDays: 1 } };
    },
    // Each number within its bounds, but more days absent than the school was open.
    bad: { argumentName: 'input.excusedDays', input: (valid) => ({ ...valid, excusedDays: 20 }) },
  },
  {
    field: 'reportDropout',
    subgraph: 'education-enrollment',
    agency: 'education',
    purpose: 'DROPOUT_RETURN',
    select: 'dropoutReport { id version }',
    async prepare() {
      const child = await pick('education-enrollment', pupil(sql`not exists (select 1 from dropout_report d where d.child_id = e.child_id and d.status <> 'RETURNED')`));
      return { childId: child.child_id, input: { childId: child.child_id, reportedOn: '2026-11-05', reason: '家里缺劳力，回家照顾弟妹' } };
    },
    bad: { argumentName: 'input.reason', input: (valid) => ({ ...valid, reason: ' ' }) },
  },
  {
    field: 'recordPersuasionAttempt',
    subgraph: 'education-enrollment',
    agency: 'education',
    purpose: 'DROPOUT_RETURN',
    select: 'dropoutReport { id version }',
    // The report filed above.
    async prepare() {
      const { dropoutReport, child } = payloadOf('reportDropout');
      return { childId: child.id, input: { reportId: dropoutReport.id, expectedVersion: dropoutReport.version, attemptedOn: '2026-11-12', status: 'PERSUADING' } };
    },
    bad: { argumentName: 'input.status', input: (valid) => ({ ...valid, status: 'RETURNED' }) },
  },
  {
    field: 'recordReturnToSchool',
    subgraph: 'education-enrollment',
    agency: 'education',
    purpose: 'DROPOUT_RETURN',
    // The same report, after the persuasion attempt above.
    async prepare() {
      const { dropoutReport, child } = payloadOf('recordPersuasionAttempt');
      return { childId: child.id, input: { reportId: dropoutReport.id, expectedVersion: dropoutReport.version, returnedOn: '2026-11-26' } };
    },
    // A real date, but before the last attempt to persuade the child back: judged on the locked report.
    bad: { argumentName: 'input.returnedOn', input: (valid) => ({ ...valid, returnedOn: '2026-11-08' }) },
    // The hub closes the school's written reports of the dropout on it.
    events: ['dropout.returned'],
  },

  // 无户籍: the county civil affairs withdraws a seeded handover and hands the child over anew; the police register the child.
  {
    field: 'withdrawHandoff',
    subgraph: 'handoffs',
    agency: 'civil_affairs',
    select: 'handoff { id version }',
    // An open handover the county civil affairs sent, of a child still without household registration.
    async prepare() {
      const handover = await pick(
        'handoffs',
        sql<{ child_id: string; id: string; version: number }>`
          select h.child_id, h.id, h.version from handoff h join child_place p on p.child_id = h.child_id
          where h.kind = 'UNREGISTERED_HANDOVER' and h.state in ('SENT', 'ACCEPTED') and h.from_agency = 'civil_affairs' and h.from_region = ${COUNTY}
            and p.registration_code is null and p.residence_code like ${IN_COUNTY}
          order by h.id`,
      );
      return { childId: handover.child_id, input: { id: handover.id, expectedVersion: handover.version, reason: '户籍地址有误，更正后重新移交' } };
    },
    bad: { argumentName: 'input.reason', input: (valid) => ({ ...valid, reason: '误'.repeat(501) }) },
  },
  {
    field: 'handOverUnregisteredChild',
    subgraph: 'handoffs',
    agency: 'civil_affairs',
    select: 'handoff { id version }',
    async prepare() {
      const { child } = payloadOf('withdrawHandoff');
      return { childId: child.id, input: { childId: child.id, note: '已核实居住地，请办理户口登记' } };
    },
    bad: { argumentName: 'input.note', input: (valid) => ({ ...valid, note: '户'.repeat(501) }) },
    events: ['handoff.unregistered'],
  },

  // Police: household registration.
  {
    field: 'registerUnregisteredChild',
    subgraph: 'police-household',
    agency: 'police',
    purpose: 'HOUSEHOLD_REGISTRATION',
    select: 'registration { status version }',
    // The child handed over above, pending at the police, with the birth date and sex the registry holds for it.
    async prepare() {
      const { child } = payloadOf('handOverUnregisteredChild');
      const { rows: handovers } = await sql<{ child_id: string; version: number; village_code: string }>`
        select child_id, version, village_code from unregistered_child where child_id = ${child.id} and status = 'PENDING'`.execute(db('police-household'));
      const handover = handovers[0];
      if (!handover) throw new Error(`child ${child.id} is not pending at the police`);
      const { rows } = await sql<{ birth_date: string; sex: string }>`select birth_date::text, sex from child where id = ${handover.child_id}`.execute(db('civil-affairs'));
      const { birth_date: birthDate, sex } = rows[0]!;
      const newHousehold = { villageCode: handover.village_code, addressDetail: '五组十八号', headName: '刘建国', stationId: `PS-${handover.village_code.slice(0, 9)}` };
      return {
        childId: handover.child_id,
        input: { childId: handover.child_id, expectedVersion: handover.version, birthDate, sex, relationshipToHead: sex === 'MALE' ? 'SON' : 'DAUGHTER', newHousehold, registeredOn: '2026-11-20' },
      };
    },
    // The relationship names a sex the child does not have: the ID number's parity would be wrong.
    bad: { argumentName: 'input.relationshipToHead', input: (valid) => ({ ...valid, relationshipToHead: valid.sex === 'MALE' ? 'DAUGHTER' : 'SON' }) },
    events: ['identity.issued', 'place.registration'],
  },
  {
    field: 'recordParentPoliceStatus',
    subgraph: 'police-household',
    agency: 'police',
    // A registered child whose father is not detained now (nor recorded as deceased).
    async prepare() {
      const child = await pick(
        'police-household',
        sql<{ child_id: string }>`
          select r.child_id from resident r join household h on h.number = r.household_number
          where r.child_id is not null and h.address_code like ${IN_COUNTY}
            and not exists (select 1 from parent_status p where p.child_id = r.child_id and p.parent_role = 'FATHER' and p.ended_on is null and p.status in ('DETAINED', 'DECEASED'))
          order by r.child_id`,
      );
      return { childId: child.child_id, input: { childId: child.child_id, parent: 'FATHER', status: 'DETAINED', since: '2026-11-03' } };
    },
    bad: { argumentName: 'input.endedOn', input: (valid) => ({ ...valid, endedOn: '2026-11-01' }) },
  },

  // Health: the maternal and child health record.
  {
    field: 'recordGrowthMeasurement',
    subgraph: 'health',
    agency: 'health',
    async prepare() {
      const child = await pick('health', patient());
      return { childId: child.child_id, input: { childId: child.child_id, measuredOn: '2026-11-10', heightCm: 121.5, weightKg: 23.2, assessment: 'NORMAL' } };
    },
    // A height typed in metres.
    bad: { argumentName: 'input.heightCm', input: (valid) => ({ ...valid, heightCm: 1.215 }) },
  },
  {
    field: 'recordImmunisation',
    subgraph: 'health',
    agency: 'health',
    async prepare() {
      const child = await pick('health', patient(sql`not exists (select 1 from immunisation i where i.child_id = p.child_id and i.vaccine = 'Flu' and i.dose = 1)`));
      return { childId: child.child_id, input: { childId: child.child_id, vaccine: 'Flu', dose: 1, givenOn: '2026-10-20' } };
    },
    bad: { argumentName: 'input.dose', input: (valid) => ({ ...valid, dose: 10 }) },
  },
  {
    field: 'recordMentalHealthScreening',
    subgraph: 'health',
    agency: 'health',
    async prepare() {
      const child = await pick('health', patient());
      return { childId: child.child_id, input: { childId: child.child_id, screenedOn: '2026-11-08', instrument: 'SDQ', score: 12, risk: 'LOW', notes: '与同学相处融洽，偶尔想念父母' } };
    },
    // Within the CDI's range, beyond the SDQ's.
    bad: { argumentName: 'input.score', input: (valid) => ({ ...valid, score: 41 }) },
  },
  // The protection mechanisms: agencies' records and the hub's hand-offs, in the order a case walks them.
  // 强制报告 → 应急处置: a report to the police, who accept it, respond, and complete it (which tells the township).
  {
    field: 'fileMandatoryReport',
    subgraph: 'handoffs',
    agency: 'education',
    select: 'handoff { id version sentAt }',
    // A registered child living in township 101 (its township sends the assessment up below), in the registry, without an open NEGLECT case.
    async prepare() {
      const placed = await childIds('handoffs', sql`select child_id from child_place where residence_code like ${`${TOWN}%`} and registration_code like ${IN_COUNTY}`);
      const child = await pick(
        'civil-affairs',
        activeChild(sql`village_code like ${`${TOWN}%`} and not exists (select 1 from protection_case pc where pc.child_id = child.id and pc.kind = 'NEGLECT' and pc.status = 'OPEN')`),
        (r) => placed.has(r.child_id),
      );
      // Learned half an hour ago: reported at once.
      const knewAt = new Date(Date.now() - 30 * 60_000).toISOString();
      return { childId: child.child_id, input: { childId: child.child_id, situation: 'LIVING_ALONE', knewAt, note: '孩子一周未到校，家中无大人' } };
    },
    bad: { argumentName: 'input.knewAt', input: (valid) => ({ ...valid, knewAt: `${FUTURE}T00:00:00Z` }) },
  },
  {
    field: 'acceptHandoff',
    subgraph: 'handoffs',
    agency: 'police',
    select: 'handoff { id version sentAt }',
    // The report filed above, addressed to the child's police station: its county bureau answers for it.
    async prepare() {
      const { handoff, child } = payloadOf('fileMandatoryReport');
      return { childId: child.id, input: { id: handoff.id, expectedVersion: handoff.version, note: '民警已出发' } };
    },
    bad: { argumentName: 'input.note', input: (valid) => ({ ...valid, note: '  ' }) },
  },
  {
    field: 'recordEmergencyResponse',
    subgraph: 'police-household',
    agency: 'police',
    select: 'mandatoryReport { id status handoffId }',
    // The police's own record of the report accepted above: opened by this first response.
    async prepare() {
      const { handoff, child } = payloadOf('acceptHandoff');
      return {
        childId: child.id,
        input: {
          childId: child.id,
          handoffId: handoff.id,
          category: 'LIVING_ALONE',
          reporterKind: 'SCHOOL',
          reportedAt: handoff.sentAt,
          actions: ['PARENTS_RECALLED', 'PLACED_WITH_RELATIVES'],
          notes: '已联系在外务工的父亲，孩子暂住姑姑家',
        },
      };
    },
    bad: { argumentName: 'input.actions', input: (valid) => ({ ...valid, actions: ['PARENTS_RECALLED', 'PARENTS_RECALLED'] }) },
  },
  {
    field: 'completeHandoff',
    subgraph: 'handoffs',
    agency: 'police',
    select: 'handoff { id version }',
    // The report accepted above, done: the hub sends the township its EMERGENCY_NOTICE (a second Handoff created).
    async prepare() {
      const { handoff, child } = payloadOf('acceptHandoff');
      return { childId: child.id, input: { id: handoff.id, expectedVersion: handoff.version, outcome: 'SUCCESSFUL', reason: '父亲已返乡，孩子由姑姑临时照料' } };
    },
    bad: { argumentName: 'input.reason', input: (valid) => ({ ...valid, reason: '' }) },
  },

  // 评估帮扶: the township opens a case for the child, assesses it and sends the assessment up; the county approves, arranges a service, closes.
  {
    field: 'openProtectionCase',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    select: 'protectionCase { id version }',
    // The child of the mandatory report above, the case citing the report's hand-off.
    async prepare() {
      const { handoff, child } = payloadOf('completeHandoff');
      return { childId: child.id, input: { childId: child.id, kind: 'NEGLECT', handoffId: handoff.id, summary: '父母均在外务工，孩子长期独居' } };
    },
    bad: { argumentName: 'input.handoffId', input: (valid) => ({ ...valid, handoffId: 'HO123' }) },
  },
  {
    field: 'recordCaseAssessment',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    level: 'town',
    region: TOWN,
    select: 'protectionCase { id version }',
    async prepare() {
      const { protectionCase, child } = payloadOf('openProtectionCase');
      return {
        childId: child.id,
        input: { caseId: protectionCase.id, expectedVersion: protectionCase.version, safety: 'MEDIUM', guardianship: 'HIGH', health: 'LOW', summary: '临时监护人年迈，需监护指导' },
      };
    },
    bad: { argumentName: 'input.summary', input: (valid) => ({ ...valid, summary: '评'.repeat(2001) }) },
  },
  {
    field: 'requestAssessmentApproval',
    subgraph: 'handoffs',
    agency: 'civil_affairs',
    level: 'town',
    region: TOWN,
    select: 'handoff { id version }',
    // The township sends the assessment above to its county for approval.
    async prepare() {
      const { protectionCase, child } = payloadOf('recordCaseAssessment');
      return { childId: child.id, input: { childId: child.id, caseId: protectionCase.id, note: '请区民政局审批评估结论' } };
    },
    bad: { argumentName: 'input.caseId', input: (valid) => ({ ...valid, caseId: `case-${valid.caseId}` }) },
  },
  {
    field: 'approveCaseAssessment',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    select: 'protectionCase { id version }',
    async prepare() {
      const { protectionCase, child } = payloadOf('recordCaseAssessment');
      return { childId: child.id, input: { caseId: protectionCase.id, expectedVersion: protectionCase.version } };
    },
    bad: { argumentName: 'input.expectedVersion', input: (valid) => ({ ...valid, expectedVersion: 0 }) },
  },
  {
    field: 'arrangeService',
    subgraph: 'handoffs',
    agency: 'civil_affairs',
    select: 'handoff { id version }',
    // Guardianship guidance by the county's justice bureau, due in a month.
    async prepare() {
      const { protectionCase, child } = payloadOf('approveCaseAssessment');
      const dueOn = new Date(Date.now() + (8 * 3600 + 30 * 86_400) * 1000).toISOString().slice(0, 10);
      return {
        childId: child.id,
        input: { childId: child.id, caseId: protectionCase.id, service: 'GUARDIANSHIP_GUIDANCE', provider: { agency: 'justice', regionCode: COUNTY }, dueOn, note: '请对临时监护人开展监护指导' },
      };
    },
    bad: { argumentName: 'input.dueOn', input: (valid) => ({ ...valid, dueOn: '2026-01-05' }) },
  },
  {
    field: 'closeProtectionCase',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    async prepare() {
      const { protectionCase, child } = payloadOf('approveCaseAssessment');
      return { childId: child.id, input: { caseId: protectionCase.id, expectedVersion: protectionCase.version, reason: '父亲返乡照料，风险已消除' } };
    },
    bad: { argumentName: 'input.reason', input: (valid) => ({ ...valid, reason: ' ' }) },
  },

  // 监护干预: a warning to the guardian (given by the police, as most are), ignored; the county petitions the court, which revokes.
  {
    field: 'recordGuardianWarning',
    subgraph: 'civil-affairs',
    agency: 'police',
    select: 'warning { id version givenBy }',
    // A child without warnings or a pending petition: the grounds below are this warning's alone.
    async prepare() {
      const child = await pick(
        'civil-affairs',
        activeChild(
          sql`not exists (select 1 from guardian_warning w where w.child_id = child.id) and not exists (select 1 from guardianship_petition p where p.child_id = child.id and p.outcome = 'PENDING')`,
        ),
      );
      return { childId: child.child_id, input: { childId: child.child_id, warnedOn: '2026-11-20', reason: '监护人长期不管不顾，予以训诫', careRefusedSince: '2026-03-01' } };
    },
    bad: { argumentName: 'input.careRefusedSince', input: (valid) => ({ ...valid, careRefusedSince: '2026-11-25' }) },
  },
  {
    field: 'recordWarningOutcome',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    async prepare() {
      const { warning, child } = payloadOf('recordGuardianWarning');
      return { childId: child.id, input: { warningId: warning.id, expectedVersion: warning.version, outcome: 'IGNORED' } };
    },
    bad: { argumentName: 'input.outcome', input: (valid) => ({ ...valid, outcome: 'PENDING' }) },
  },
  {
    field: 'fileGuardianshipPetition',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    select: 'petition { id version }',
    // Care refused since March, the warning ignored: six months of refused care by the day filed.
    async prepare() {
      const { child } = payloadOf('recordWarningOutcome');
      return { childId: child.id, input: { childId: child.id, filedOn: '2026-11-27', court: '郴州市北湖区人民法院', grounds: ['REFUSED_CARE_SIX_MONTHS', 'OTHER'] } };
    },
    // One warning ignored, not three: the records do not show it.
    bad: { argumentName: 'input.grounds', input: (valid) => ({ ...valid, grounds: ['WARNINGS_IGNORED_THREE_TIMES'] }) },
  },
  {
    field: 'recordPetitionOutcome',
    subgraph: 'civil-affairs',
    agency: 'civil_affairs',
    // The court revokes and appoints the grandmother: the petition and the child's guardian both change.
    async prepare() {
      const { petition, child } = payloadOf('fileGuardianshipPetition');
      const newGuardian = { name: '赵春梅', relationship: 'GRANDPARENT', capacity: 'ADEQUATE', phone: '13807435678' };
      return { childId: child.id, input: { petitionId: petition.id, expectedVersion: petition.version, decidedOn: '2026-11-30', outcome: 'REVOKED', newGuardian } };
    },
    bad: { argumentName: 'input.newGuardian', input: (valid) => ({ ...valid, outcome: 'DISMISSED' }) },
  },

  // 控辍保学: persuasion failed; the school's written report goes to the county bureau and the township.
  {
    field: 'reportDropoutToAuthorities',
    subgraph: 'handoffs',
    agency: 'education',
    select: 'handoffs { id }',
    // A pupil with an open dropout report whose dropout the hub has no open written report of.
    async prepare() {
      const reported = await childIds('handoffs', sql`select child_id from handoff where kind = 'DROPOUT_REPORT' and state in ('SENT', 'ACCEPTED')`);
      const child = await pick(
        'education-enrollment',
        pupil(sql`exists (select 1 from dropout_report d where d.child_id = e.child_id and d.status in ('REPORTED', 'PERSUADING'))`),
        (r) => !reported.has(r.child_id),
      );
      return { childId: child.child_id, input: { childId: child.child_id, note: '多次劝返无效，书面报告' } };
    },
    bad: { argumentName: 'input.note', input: (valid) => ({ ...valid, note: ' ' }) },
  },

  // 12355: a call about a child, transferred to the township's civil affairs, which declines; followed up, closed.
  {
    field: 'openHotlineTicket',
    subgraph: 'handoffs',
    agency: 'youth_league',
    select: 'ticket { id version regionCode }',
    async prepare() {
      const child = await pick(
        'handoffs',
        sql<{ child_id: string; residence_code: string }>`select child_id, residence_code from child_place where residence_code like ${IN_COUNTY} order by child_id`,
      );
      return {
        childId: child.child_id,
        input: { regionCode: child.residence_code, caller: 'NEIGHBOUR', childId: child.child_id, situation: 'GUARDIAN_CANNOT_ACT', summary: '邻居来电：孩子奶奶住院，孩子无人照看' },
      };
    },
    // A city is no place a matter is.
    bad: { argumentName: 'input.regionCode', input: (valid) => ({ ...valid, regionCode: valid.regionCode.slice(0, 4) }) },
  },
  {
    field: 'transferHotlineTicket',
    subgraph: 'handoffs',
    agency: 'youth_league',
    select: 'handoff { id version }',
    async prepare() {
      const { ticket, child } = payloadOf('openHotlineTicket');
      return { childId: child.id, input: { ticketId: ticket.id, to: { agency: 'civil_affairs', regionCode: ticket.regionCode.slice(0, 9) }, note: '请乡镇民政核实照料情况' } };
    },
    // The auditors receive no hand-offs.
    bad: { argumentName: 'input.to', input: (valid) => ({ ...valid, to: { ...valid.to, agency: 'audit' } }) },
  },
  {
    field: 'declineHandoff',
    subgraph: 'handoffs',
    agency: 'civil_affairs',
    select: 'handoff { id version }',
    // The township's transfer above, declined by the county civil affairs answering for it: the ticket's transfers are all final.
    async prepare() {
      const { handoff, child } = payloadOf('transferHotlineTicket');
      return { childId: child.id, input: { id: handoff.id, expectedVersion: handoff.version, reason: '已由村委会安排亲属照看，无需转办' } };
    },
    bad: { argumentName: 'input.reason', input: (valid) => ({ ...valid, reason: '' }) },
  },
  {
    field: 'followUpHotlineTicket',
    subgraph: 'handoffs',
    agency: 'youth_league',
    select: 'ticket { id version }',
    async prepare() {
      const { ticket, child } = payloadOf('openHotlineTicket');
      return { childId: child.id, input: { ticketId: ticket.id, note: '回访：孩子已由姑姑照看' } };
    },
    bad: { argumentName: 'input.note', input: (valid) => ({ ...valid, note: '   ' }) },
  },
  // Data quality: the township asks for its check now; the hub's worker runs it.
  {
    field: 'requestQualityCheck',
    subgraph: 'handoffs',
    agency: 'civil_affairs',
    level: 'town',
    region: TOWN,
    childless: true,
    select: 'check { townCode requestedAt }',
    async prepare() {
      return { input: { townCode: TOWN } };
    },
    bad: { argumentName: 'input.townCode', input: (valid) => ({ ...valid, townCode: `${TOWN}001` }) },
  },
  {
    field: 'closeHotlineTicket',
    subgraph: 'handoffs',
    agency: 'youth_league',
    async prepare() {
      const { ticket, child } = payloadOf('followUpHotlineTicket');
      return { childId: child.id, input: { ticketId: ticket.id, expectedVersion: ticket.version, outcome: 'RESOLVED', note: '结案：照料已落实' } };
    },
    bad: { argumentName: 'input.expectedVersion', input: (valid) => ({ ...valid, expectedVersion: 0 }) },
  },
];

beforeAll(async () => {
  // Dozens of calls from one client system: the rate limit is not what is tested here.
  hub = await startHub({ children: 80, gateway: { rateLimit: { perMinute: 100_000, burst: 10_000 } } });
  for (const key of new Set(CASES.map((c) => JSON.stringify(principal(c))))) tokens.set(key, await hub.token(JSON.parse(key)));
});
afterAll(() => hub?.stop());

describe('every agency mutation through the gateway', () => {
  it('has a case for every mutation an agency owns, called by a principal its rule allows', () => {
    const agencyMutations = Object.keys(ACTION_RULES).filter((m) => m !== 'Mutation.acknowledgeAccessNotice');
    expect(CASES.map((c) => `Mutation.${c.field}`).sort()).toEqual(agencyMutations.sort());
    for (const c of CASES) {
      const decision = decideAction({ principal: { ...principal(c), subject: 's', issuer: 'i', roles: [] }, purpose: c.purpose ?? 'CASE_MANAGEMENT' }, `Mutation.${c.field}`);
      expect(decision.effect, c.field).toBe('allow');
    }
  });

  for (const c of CASES) {
    describe(c.field, () => {
      let valid: Call;
      let published: { kind: string; childId: string }[] | undefined;
      let childId: string | undefined;
      beforeAll(async () => {
        valid = await c.prepare();
      });

      it(`refuses input that breaks a rule of the record (${c.bad.argumentName}) with BAD_USER_INPUT, writing nothing`, async () => {
        const before = await tableStates(c.subgraph);
        const response = await call(c, c.bad.input(valid.input));
        expect(response.status).toBe(200);
        expect(response.body.data?.[c.field] ?? null).toBeNull();
        expect(response.body.errors).toHaveLength(1);
        expect(response.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: c.bad.argumentName });
        // Every table, the outbox and the idempotency records included; not a row added, nor one changed.
        expect(await tableStates(c.subgraph)).toEqual(before);
        expect((await hub.auditEntry(response.headers.get('x-request-id')!)).writes ?? []).toEqual([]);
      });

      it('writes exactly the records its audit entry lists, and the log holds none of their text', async () => {
        const before = await tableStates(c.subgraph, BOOKKEEPING);
        const head = await outboxHead(c.subgraph);
        const response = await call(c, valid.input);
        expect(response.status).toBe(200);
        expect(response.body.errors).toBeUndefined();
        const payload = response.body.data[c.field];
        childId = c.childless ? undefined : (valid.childId ?? payload.child.id);
        if (!c.childless) expect(payload.child.id).toBe(childId);
        written.set(c.field, payload);
        published = await outboxAfter(c.subgraph, head);

        // The attempt is logged before anything is written, the outcome after.
        const entries = await hub.auditEntries(response.headers.get('x-request-id')!);
        expect(entries.map((e) => e.outcome)).toEqual(['attempted', 'ok']);
        expect(entries[0]!.writes ?? []).toEqual([]);
        const writes = entries[1]!.writes ?? [];
        expect(writes.length).toBeGreaterThan(0);
        for (const write of writes) {
          expect(write).toMatchObject({ subgraph: c.subgraph, childId: childId ?? null });
          expect(write.record).toMatch(/^[A-Z][A-Za-z]+$/);
          expect(write.fields.length).toBeGreaterThan(0);
          if (write.change === 'updated' && write.toVersion !== null) expect(write.toVersion, write.record).toBe(write.fromVersion! + 1);
        }

        // Exactly the records changed: every row added is a record listed as created, and no row goes.
        const after = await tableStates(c.subgraph, BOOKKEEPING);
        const added = rowsAdded(before, after);
        const created = writes.filter((w) => w.change === 'created').map((w) => w.record);
        expect(Math.min(0, ...Object.values(added)), `rows added by table: ${JSON.stringify(added)}`).toBe(0);
        expect(sum(Object.values(added)), `rows added by table: ${JSON.stringify(added)}; records created: ${created.join(', ')}`).toBe(created.length);
        // Updates show in the digests: what the bad input's "nothing changed" relies on.
        expect(Object.keys(after).some((t) => after[t]!.digest !== before[t]!.digest)).toBe(true);

        // A mutation's variables are withheld: names and findings never reach the log.
        const text = freeText(valid.input, inputType(c.field));
        for (const value of text) expect(JSON.stringify(entries), value).not.toContain(value);
      });

      it(`publishes ${c.events?.length ? c.events.join(' and ') : 'nothing'}`, () => {
        expect(published, 'the valid call did not succeed').toBeDefined();
        expect(published).toEqual((c.events ?? []).map((kind) => ({ kind, childId })));
      });
    });
  }
});
