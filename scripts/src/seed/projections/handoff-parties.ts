import { unitAt, type Party } from '@lbc/schema';
import type { SyntheticChild } from '../world/synthetic-child.ts';
import { townOfficerId, villageSupervisorId } from './civil-affairs.ts';
import { teacherId } from './education-enrollment.ts';
import { clinicId } from './health.ts';
import { policeStationId } from './police-household.ts';

/**
 * Who at a unit acted, as a token would name them: the staff the seed creates (township
 * officers, village supervisors, teachers) by their ids; units the seed has no staff for
 * by a name derived from the unit, so the same unit is always the same person.
 */
export function subjectOf(party: Party): string {
  if (party.agency === 'civil_affairs' && !party.org && party.level === 'town') return townOfficerId(party.region);
  if (party.agency === 'civil_affairs' && !party.org && party.level === 'village') return villageSupervisorId(party.region);
  return `seed-${party.agency}-${party.org ?? party.region}`;
}

/**
 * The police a child's mandatory report goes to, as fileMandatoryReport routes it: the
 * station of its household registration, or the police of its township when it has none.
 */
export function policeOf(c: SyntheticChild): Party {
  if (!c.household) return unitAt('police', c.villageCode, 'town');
  const town = c.household.addressCode.slice(0, 9);
  return { agency: 'police', level: 'town', region: town, org: policeStationId(town) };
}

/** The reporter of a child's mandatory report: its unit and the person who filed it. */
export function reporterOf(c: SyntheticChild, kind: NonNullable<SyntheticChild['mandatoryReport']>['reporterKind']): { party: Party; subject: string } {
  switch (kind) {
    case 'SCHOOL': {
      // A child below school age is reported by its kindergarten, which the hub knows no id of.
      if (!c.school) return withSubject(unitAt('education', c.villageCode, 'town'));
      const party: Party = { agency: 'education', level: 'town', region: c.school.schoolId.slice(0, 9), org: c.school.schoolId };
      return { party, subject: teacherId(c.school.schoolId, c.school.pairedTeacherIndex) };
    }
    case 'CLINIC':
      return withSubject({ agency: 'health', level: 'town', region: c.health.clinicTown, org: clinicId(c.health.clinicTown) });
    case 'VILLAGE_COMMITTEE':
      return withSubject(unitAt('civil_affairs', c.villageCode, 'village'));
    case 'SOCIAL_WORKER':
      return withSubject(unitAt('civil_affairs', c.villageCode, 'town'));
  }
}

function withSubject(party: Party): { party: Party; subject: string } {
  return { party, subject: subjectOf(party) };
}
