import { idNumberCheckChar } from '@lbc/schema';
import type { Insertable, Kysely } from 'kysely';
import type { MandatoryReportTable, PoliceDB } from '../src/db-types.ts';

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

/** Valid ID numbers (check characters computed) for the fixture residents. */
export const ID = {
  wang: withCheck('43100320120315001'),
  li: withCheck('43100320140708002'),
  liJun: withCheck('43100320170502003'),
  wangFather: withCheck('43100319850612001'),
  wangMother: withCheck('43100319870903002'),
  liFather: withCheck('43100319830115003'),
  liMother: withCheck('43100319860420004'),
  /** Valid, but nobody here has it. */
  stranger: withCheck('11010120100101001'),
} as const;

export const HOUSEHOLD = { wang: '431003000000001', li: '431003000000002' } as const;

/**
 * Two households in Suxian district (Hunan) and the children the police know of:
 * - LB000000001 王小明, registered with his grandfather; both parents live away; three mandatory reports, a missing report (found).
 * - LB000000002 李小红 and LB000000004 李小军, siblings in their father's household; the mother serves a sentence,
 *   the father lives away (an earlier detention has ended); 李小红 is missing and not found. 李小军 was handed over
 *   unregistered and has since been registered.
 * - LB000000003 赵小宝 (Fushun county, Liaoning), unregistered, pending; father deceased, mother missing; one report.
 * - LB000000005 and LB000000006, unregistered, pending, in Suxian villages 202 and 201; LB000000005's mother is
 *   deceased, the father at home (an old detention ended).
 */
export async function insertHouseholdFixtures(db: Kysely<PoliceDB>): Promise<void> {
  await db
    .insertInto('household')
    .values([
      { number: HOUSEHOLD.wang, address_code: '431003101201', address_detail: '3组12号', head_name: '王建国', station_id: 'PS-431003101' },
      { number: HOUSEHOLD.li, address_code: '431003101202', address_detail: '5组7号', head_name: '李强', station_id: 'PS-431003101' },
    ])
    .execute();
  await db
    .insertInto('resident')
    .values([
      { id_number: ID.wang, child_id: 'LB000000001', household_number: HOUSEHOLD.wang, relationship_to_head: 'GRANDSON', registered_on: '2012-03-20' },
      { id_number: ID.wangFather, child_id: null, household_number: HOUSEHOLD.wang, relationship_to_head: 'SON', registered_on: '1985-06-12' },
      { id_number: ID.wangMother, child_id: null, household_number: HOUSEHOLD.wang, relationship_to_head: 'DAUGHTER_IN_LAW', registered_on: '2011-10-01' },
      { id_number: ID.li, child_id: 'LB000000002', household_number: HOUSEHOLD.li, relationship_to_head: 'DAUGHTER', registered_on: '2014-07-20' },
      { id_number: ID.liJun, child_id: 'LB000000004', household_number: HOUSEHOLD.li, relationship_to_head: 'SON', registered_on: '2024-02-01' },
      { id_number: ID.liFather, child_id: null, household_number: HOUSEHOLD.li, relationship_to_head: 'HEAD', registered_on: '1983-01-15' },
      { id_number: ID.liMother, child_id: null, household_number: HOUSEHOLD.li, relationship_to_head: 'SPOUSE', registered_on: '2010-05-01' },
    ])
    .execute();
  const handover = { reported_by: 'TO-431003101', registered_id_number: null, registered_on: null, status: 'PENDING' as const };
  await db
    .insertInto('unregistered_child')
    .values([
      { ...handover, child_id: 'LB000000004', village_code: '431003101202', reported_on: '2023-11-20', status: 'REGISTERED', registered_id_number: ID.liJun, registered_on: '2024-02-01' },
      { ...handover, child_id: 'LB000000003', village_code: '210421100201', reported_by: 'TO-210421100', reported_on: '2024-06-01' },
      { ...handover, child_id: 'LB000000005', village_code: '431003101202', reported_on: '2024-09-01' },
      { ...handover, child_id: 'LB000000006', village_code: '431003101201', reported_on: '2024-08-15' },
    ])
    .execute();
  // One at a time: the responses need each report's generated id.
  const report = async (values: Insertable<MandatoryReportTable>) => (await db.insertInto('mandatory_report').values(values).returning('id').executeTakeFirstOrThrow()).id;
  const r1 = await report({ child_id: 'LB000000001', reporter_kind: 'SCHOOL', category: 'GUARDIAN_UNABLE', reported_at: '2024-03-01T08:30:00Z', status: 'CLOSED', details: '祖母住院，孩子无人照料' });
  const r2 = await report({
    child_id: 'LB000000001',
    reporter_kind: 'VILLAGE_COMMITTEE',
    category: 'LIVING_ALONE',
    reported_at: '2024-05-10T10:00:00Z',
    status: 'RESPONDING',
    details: '儿童独自居住',
  });
  await report({ child_id: 'LB000000001', reporter_kind: 'CLINIC', category: 'SUSPECTED_VIOLENCE', reported_at: '2024-07-20T09:15:00Z', status: 'RECEIVED', details: '身上多处淤青' });
  await report({ child_id: 'LB000000003', reporter_kind: 'SOCIAL_WORKER', category: 'LIVING_ALONE', reported_at: '2024-06-15T12:00:00Z', status: 'RECEIVED', details: null });
  await db
    .insertInto('emergency_response')
    .values([
      { report_id: r1, responded_at: '2024-03-01T09:10:00Z', action: 'PLACED_WITH_RELATIVES', notes: '安置在姑姑家' },
      { report_id: r1, responded_at: '2024-03-04T15:00:00Z', action: 'PARENTS_RECALLED', notes: '父亲已返乡' },
      { report_id: r2, responded_at: '2024-05-10T11:30:00Z', action: 'NEW_GUARDIAN', notes: null },
    ])
    .execute();
  await db
    .insertInto('missing_report')
    .values([
      { child_id: 'LB000000001', reported_at: '2023-08-01T18:00:00Z', found_at: '2023-08-02T07:30:00Z' },
      { child_id: 'LB000000002', reported_at: '2024-08-01T06:00:00Z', found_at: null },
    ])
    .execute();
  const liParents = (child_id: string) => [
    { child_id, parent_role: 'FATHER' as const, status: 'DETAINED' as const, since: '2021-01-01', ended_on: '2021-01-15' },
    { child_id, parent_role: 'FATHER' as const, status: 'RESIDING_ELSEWHERE' as const, since: '2021-06-01', ended_on: null },
    { child_id, parent_role: 'MOTHER' as const, status: 'SERVING_SENTENCE' as const, since: '2022-03-01', ended_on: null },
  ];
  await db
    .insertInto('parent_status')
    .values([
      { child_id: 'LB000000001', parent_role: 'FATHER', status: 'RESIDING_ELSEWHERE', since: '2019-02-01', ended_on: null },
      { child_id: 'LB000000001', parent_role: 'MOTHER', status: 'RESIDING_ELSEWHERE', since: '2019-02-01', ended_on: null },
      ...liParents('LB000000002'),
      ...liParents('LB000000004'),
      { child_id: 'LB000000003', parent_role: 'FATHER', status: 'DECEASED', since: '2020-04-01', ended_on: null },
      { child_id: 'LB000000003', parent_role: 'MOTHER', status: 'MISSING', since: '2021-09-01', ended_on: null },
      { child_id: 'LB000000005', parent_role: 'MOTHER', status: 'DECEASED', since: '2020-05-01', ended_on: null },
      { child_id: 'LB000000005', parent_role: 'FATHER', status: 'DETAINED', since: '2019-03-01', ended_on: '2019-03-10' },
    ])
    .execute();
}
