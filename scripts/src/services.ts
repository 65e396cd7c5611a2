import { civilAffairs } from '@lbc/civil-affairs';
import { educationEnrollment } from '@lbc/education-enrollment';
import { handoffs } from '@lbc/handoffs';
import { health } from '@lbc/health';
import { policeHousehold } from '@lbc/police-household';
import type { SubgraphDefinition } from '@lbc/subgraph-kit';
import { inOrder, type SeedProjection } from './seed/seed-projection.ts';
import { civilAffairsProjection } from './seed/projections/civil-affairs.ts';
import { educationEnrollmentProjection } from './seed/projections/education-enrollment.ts';
import { handoffsProjection } from './seed/projections/handoffs.ts';
import { healthProjection } from './seed/projections/health.ts';
import { policeHouseholdProjection } from './seed/projections/police-household.ts';
import { quarterlySubmissionsProjection } from './seed/projections/quarterly-submissions.ts';
import { AGENCY_SUBGRAPHS } from './supergraph/subgraph-sources.ts';

/** One service (an agency's, or the hub's hand-offs): its subgraph, its default port, and how the seed fills its database. */
export interface Service {
  name: (typeof AGENCY_SUBGRAPHS)[number]['name'];
  port: number;
  definition: SubgraphDefinition<any, any>;
  projection: SeedProjection<any>;
}

const byName = {
  'civil-affairs': { definition: civilAffairs, projection: inOrder(civilAffairsProjection, quarterlySubmissionsProjection) },
  'education-enrollment': { definition: educationEnrollment, projection: educationEnrollmentProjection },
  'police-household': { definition: policeHousehold, projection: policeHouseholdProjection },
  health: { definition: health, projection: healthProjection },
  handoffs: { definition: handoffs, projection: handoffsProjection },
} satisfies Record<Service['name'], Omit<Service, 'name' | 'port'>>;

export const SERVICES: Service[] = AGENCY_SUBGRAPHS.map((s) => ({ ...s, ...byName[s.name] }));

export function serviceNamed(name: string): Service {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`unknown service "${name}"; expected one of ${SERVICES.map((s) => s.name).join(', ')}`);
  return service;
}
