import { guardianCanAct } from '@lbc/police-household';
import { idNumberBirthDate, idNumberSex, type ChildFacts, type EducationFacts, type HealthFacts, type PoliceFacts, type RegistryFacts } from '@lbc/schema';
import { parentStatusRows } from '../projections/police-household.ts';
import { educationHolds, enrollmentCurrent, enrollmentLeftBehind, registryBirthDate, registryFlags, registryParent } from './as-recorded.ts';
import type { SyntheticChild } from './synthetic-child.ts';

/**
 * What each agency would tell the data-quality check about `c`, as the seed projections
 * write the child (as-recorded.ts): the same shapes the agencies' internal fact queries
 * return. An agency that holds no record of the child is absent.
 */
export function qualityFacts(c: SyntheticChild): ChildFacts {
  const facts: ChildFacts = { childId: c.id };
  if (c.inRegistry) facts.registry = registryFactsOf(c);
  if (educationHolds(c)) facts.education = educationFactsOf(c);
  const police = policeFactsOf(c);
  if (police) facts.police = police;
  facts.health = { childId: c.id, disabilityAssessed: c.health.disability !== null, residenceKnown: c.inRegistry } satisfies HealthFacts;
  return facts;
}

function registryFactsOf(c: SyntheticChild): RegistryFacts {
  const atHomeAndAble = (role: 'FATHER' | 'MOTHER') => {
    const p = registryParent(c, role);
    return !p.isAway && p.unableReason === null;
  };
  return {
    childId: c.id,
    status: c.status,
    exitReason: c.exitReason,
    birthDate: registryBirthDate(c),
    sex: c.sex,
    villageCode: c.villageCode,
    fatherAtHomeAndAble: atHomeAndAble('FATHER'),
    motherAtHomeAndAble: atHomeAndAble('MOTHER'),
    parentUnableRecorded: registryParent(c, 'FATHER').unableReason !== null || registryParent(c, 'MOTHER').unableReason !== null,
    disabilityFlag: registryFlags(c).disability,
  };
}

function educationFactsOf(c: SyntheticChild & { school: NonNullable<SyntheticChild['school']> }): EducationFacts {
  const current = enrollmentCurrent(c);
  return {
    childId: c.id,
    schoolId: current ? c.school.schoolId : null,
    schoolCode: current ? c.school.villageCode : null,
    leftBehindFlag: current && enrollmentLeftBehind(c),
    openDropoutReport: c.school.dropout !== null && c.school.dropout.status !== 'RETURNED',
    residenceKnown: c.inRegistry,
  };
}

function policeFactsOf(c: SyntheticChild): PoliceFacts | undefined {
  const statuses = [...parentStatusRows(c, 'FATHER'), ...parentStatusRows(c, 'MOTHER')];
  const holds = c.household !== null || c.unregistered !== null || c.mandatoryReport !== null || c.missingReport !== null || statuses.length > 0;
  if (!holds) return undefined;
  const id = c.idNumber;
  return {
    childId: c.id,
    idBirthDate: id ? idNumberBirthDate(id) : null,
    idSex: id ? idNumberSex(id) : null,
    guardianCanAct: guardianCanAct(statuses),
    fatherServingSentence: c.father.policeStatus === 'SERVING_SENTENCE',
    motherServingSentence: c.mother.policeStatus === 'SERVING_SENTENCE',
    unregisteredPendingSince: c.unregistered?.status === 'PENDING' ? c.unregistered.reportedOn : null,
    bothParentsElsewhere: c.father.isAway && c.mother.isAway,
    householdCode: c.household?.addressCode ?? null,
    residenceKnown: c.inRegistry,
  };
}
