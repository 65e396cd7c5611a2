import { ageOn } from '@lbc/schema';
import { assertInput, inputRules, inScope, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import type { PoliceContext } from '../context.ts';
import type { RegisterUnregisteredChildInput, RelationshipToHouseholdHead, Sex } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import { householdForRegistration, placementProblems } from './household-for-registration.ts';
import { issueIdNumber } from './issue-id-number.ts';

/** What the payload is resolved from (and a retry answered with): the child, read after the commit. The ID number is not kept here. */
export interface RegisterUnregisteredChildResult {
  childId: string;
}

/** Household registration is for minors here: the hub's children. */
const MAX_AGE_YEARS = 18;

/** Relationships that name the sex: a SON registered as FEMALE is a clerk's slip that would fix the wrong parity into the ID number. */
const SEX_OF_RELATIONSHIP: Partial<Record<RelationshipToHouseholdHead, Sex>> = {
  SON: 'MALE',
  GRANDSON: 'MALE',
  SON_IN_LAW: 'MALE',
  DAUGHTER: 'FEMALE',
  GRANDDAUGHTER: 'FEMALE',
  DAUGHTER_IN_LAW: 'FEMALE',
};

/**
 * Registers a pending handover (无户籍) in a household and issues the child's ID number, in
 * one transaction: the household (opened if new), the resident row, the ledger's next
 * sequence number, the handover marked registered at the version read, and two events —
 * the identity for every agency, and the registration place (this database's own
 * child_place follows at once).
 */
export function registerUnregisteredChild(context: PoliceContext, info: GraphQLResolveInfo, input: RegisterUnregisteredChildInput): Promise<RegisterUnregisteredChildResult> {
  const today = todayInChina();
  const registeredOn = input.registeredOn ?? today;
  const sexOfRelationship = SEX_OF_RELATIONSHIP[input.relationshipToHead];
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        expectedVersion: inputRules.version(input.expectedVersion),
        birthDate: inputRules.notInFuture(input.birthDate, today) || (ageOn(input.birthDate, today) >= MAX_AGE_YEARS && `the child is ${MAX_AGE_YEARS} or older`),
        relationshipToHead: sexOfRelationship !== undefined && sexOfRelationship !== input.sex && `${input.relationshipToHead} does not agree with sex ${input.sex}`,
        ...placementProblems(context, input),
        registeredOn: inputRules.notInFuture(registeredOn, today) || inputRules.notBefore(registeredOn, input.birthDate, 'the birth date'),
      }),
    async execute(write) {
      const child = await childForWrite(write, context, input.childId);
      assertInput({ childId: child.registered && 'the child has household registration already' });
      const reportedOn = child.unregistered_reported_on!;
      assertInput({
        birthDate: input.birthDate > reportedOn && `${input.birthDate} is after the handover was reported (${reportedOn})`,
        registeredOn: inputRules.notBefore(registeredOn, reportedOn, 'the handover was reported'),
      });
      const household = await householdForRegistration(write, context, input, child.id);
      // The area is the county where the child is registered, whoever handed the child over.
      const idNumber = await issueIdNumber(write, household.address_code.slice(0, 6), input.birthDate, input.sex);
      await write.trx
        .insertInto('resident')
        .values({ id_number: idNumber, child_id: child.id, household_number: household.number, relationship_to_head: input.relationshipToHead, registered_on: registeredOn })
        .execute();
      const versions = await updateVersioned(write, {
        table: 'unregistered_child',
        key: { column: 'child_id', value: child.id },
        expectedVersion: input.expectedVersion,
        set: { status: 'REGISTERED', registered_id_number: idNumber, registered_on: registeredOn },
        inJurisdiction: inScope(context.loaders.scope, sql.ref('unregistered_child.village_code')),
        what: `the handover of child ${child.id}`,
      });
      write.changed({ record: 'Child', id: child.id, childId: child.id, change: 'updated', fields: ['idNumber', 'householdRegistrationStatus', 'household'], fromVersion: null, toVersion: null });
      write.changed({
        record: 'HouseholdMembership',
        id: child.id,
        childId: child.id,
        change: 'created',
        fields: ['household', 'relationshipToHead', 'registeredOn'],
        fromVersion: null,
        toVersion: null,
      });
      write.changed({ record: 'UnregisteredChildRegistration', id: child.id, childId: child.id, change: 'updated', fields: ['status', 'registeredOn'], ...versions });
      write.publish({ childId: child.id, kind: 'identity.issued', payload: { idNumber } });
      write.publish({ childId: child.id, kind: 'place.registration', payload: { registrationCode: household.address_code, stationId: household.station_id } });
      return { childId: child.id };
    },
  });
}
