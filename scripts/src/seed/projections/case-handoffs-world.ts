import { unitAt, type Party } from '@lbc/schema';
import type { SyntheticChild } from '../world/synthetic-child.ts';
import { handoffId, handoffNumber, HANDOFF_SLOT } from './handoff-ids.ts';
import type { SeedHandoff, SeedStep } from './handoff-lifecycle.ts';
import { subjectOf } from './handoff-parties.ts';
import { clinicId } from './health.ts';
import { chinaTime, DAY, HOUR, plus } from './seed-times.ts';

/** The services of 评估帮扶, in the order a child's index picks them. */
const SERVICES = ['GUARDIANSHIP_GUIDANCE', 'MEDICAL_TREATMENT', 'COUNSELLING', 'BEHAVIOUR_CORRECTION', 'LEGAL_SERVICES', 'LEGAL_AID', 'SOCIAL_ASSISTANCE'] as const;

/** Who provides each service for a child: local units of the agency that does it. */
function providerOf(c: SyntheticChild, service: (typeof SERVICES)[number]): Party {
  switch (service) {
    case 'GUARDIANSHIP_GUIDANCE':
      return unitAt('womens_federation', c.villageCode, 'county');
    case 'MEDICAL_TREATMENT':
      return { agency: 'health', level: 'town', region: c.health.clinicTown, org: clinicId(c.health.clinicTown) };
    case 'COUNSELLING':
      return unitAt('education', c.villageCode, 'county');
    case 'BEHAVIOUR_CORRECTION':
      return unitAt('police', c.villageCode, 'town');
    case 'LEGAL_SERVICES':
    case 'LEGAL_AID':
      return unitAt('justice', c.villageCode, 'county');
    case 'SOCIAL_ASSISTANCE':
      return unitAt('civil_affairs', c.villageCode, 'county');
  }
}

/**
 * 评估帮扶 of an open protection case: the township sent its assessment to the county a
 * week after opening the case, and the county accepted it (approval under way). Two
 * children in three also have a service arranged the day after, with its provider; where
 * it stands (sent, accepted, done, declined, withdrawn) goes by the child's index.
 */
export function caseHandoffs(c: SyntheticChild): SeedHandoff[] {
  const protection = c.protectionCase;
  if (protection?.status !== 'OPEN') return [];
  const township = unitAt('civil_affairs', c.villageCode, 'town');
  const county = unitAt('civil_affairs', c.villageCode, 'county');
  const sentAt = plus(chinaTime(protection.openedOn, 10), 7 * DAY);
  const acceptedAt = plus(sentAt, (4 + (c.index % 20)) * HOUR);
  const assessment: SeedHandoff = {
    id: handoffId(handoffNumber(c.index, HANDOFF_SLOT.ASSESSMENT)),
    kind: 'ASSESSMENT',
    childId: c.id,
    from: township,
    fromSubject: subjectOf(township),
    to: county,
    toSubject: subjectOf(county),
    reason: 'ASSESSMENT_FOR_APPROVAL',
    note: 'assessment of safety, guardianship and health: please approve',
    sentAt,
    steps: [{ action: 'accept', at: acceptedAt }],
  };
  if (c.index % 3 === 0) return [assessment];
  const service = SERVICES[c.index % SERVICES.length]!;
  const provider = providerOf(c, service);
  const arrangedAt = plus(acceptedAt, DAY);
  const answered = plus(arrangedAt, DAY);
  const steps: SeedStep[][] = [
    [],
    [{ action: 'accept', at: answered }],
    [
      { action: 'accept', at: answered },
      c.index % 2
        ? { action: 'complete', at: plus(answered, 5 * DAY), outcome: 'SUCCESSFUL', reason: 'service provided as arranged' }
        : { action: 'complete', at: plus(answered, 5 * DAY), outcome: 'UNSUCCESSFUL', reason: 'the family did not take up the service' },
    ],
    [{ action: 'decline', at: answered, reason: 'not provided by this unit: please arrange with the county' }],
    [{ action: 'withdraw', at: plus(arrangedAt, 2 * DAY), reason: 'arranged with another provider' }],
  ];
  return [
    assessment,
    {
      id: handoffId(handoffNumber(c.index, HANDOFF_SLOT.SERVICE)),
      kind: 'SERVICE',
      childId: c.id,
      from: township,
      fromSubject: subjectOf(township),
      to: provider,
      toSubject: subjectOf(provider),
      reason: 'SERVICE_NEEDED',
      note: 'service after the township assessment: please contact the township child-work officer',
      service,
      sentAt: arrangedAt,
      steps: steps[c.index % steps.length]!,
    },
  ];
}
