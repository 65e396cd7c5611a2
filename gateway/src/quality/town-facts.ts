import type { ChildFacts, EducationFacts, HealthFacts, PoliceFacts, RegistryFacts } from '@lbc/schema';
import type { ExchangeClient } from '../exchange/exchange-client.ts';

/** Children per page asked of each agency. */
const PAGE = 1000;

/** Each agency's fact query: the subgraph, the field, and the facts it selects (the shapes of schema/src/quality). */
const SOURCES = {
  registry: {
    subgraph: 'civil-affairs',
    field: '_registryFacts',
    select: 'childId status exitReason birthDate sex villageCode fatherAtHomeAndAble motherAtHomeAndAble parentUnableRecorded disabilityFlag',
  },
  education: { subgraph: 'education-enrollment', field: '_educationFacts', select: 'childId schoolId schoolCode leftBehindFlag openDropoutReport residenceKnown' },
  police: {
    subgraph: 'police-household',
    field: '_policeFacts',
    select: 'childId idBirthDate idSex guardianCanAct fatherServingSentence motherServingSentence unregisteredPendingSince bothParentsElsewhere householdCode residenceKnown',
  },
  health: { subgraph: 'health', field: '_healthFacts', select: 'childId disabilityAssessed residenceKnown' },
} as const;

type Source = keyof typeof SOURCES;
interface FactsOf {
  registry: RegistryFacts;
  education: EducationFacts;
  police: PoliceFacts;
  health: HealthFacts;
}

/** Every page of one kind of facts, `PAGE` children at a time in child-id order: `read` gets the last id of the page before ('' first). */
export async function readPages<T extends { childId: string }>(read: (after: string, first: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let after = ''; ;) {
    const page = await read(after, PAGE);
    all.push(...page);
    if (page.length < PAGE) return all;
    after = page[page.length - 1]!.childId;
  }
}

/** Every page of one agency's facts about the children of a township, over its internal query. */
function readAll<S extends Source>(client: ExchangeClient, source: S, townCode: string): Promise<FactsOf[S][]> {
  const { subgraph, field, select } = SOURCES[source];
  const query = `query Facts($townCode: DivisionCode!, $after: String, $first: Int!) { ${field}(townCode: $townCode, after: $after, first: $first) { ${select} } }`;
  return readPages(async (after, first) => (await client.call<Record<string, FactsOf[S][]>>(subgraph, query, { townCode, after: after || null, first }))[field]!);
}

/** The four agencies' facts joined by hub id: one ChildFacts per child any of them holds. */
export function joinFacts(registry: readonly RegistryFacts[], education: readonly EducationFacts[], police: readonly PoliceFacts[], health: readonly HealthFacts[]): ChildFacts[] {
  const children = new Map<string, ChildFacts>();
  const of = (childId: string) => children.get(childId) ?? children.set(childId, { childId }).get(childId)!;
  for (const facts of registry) of(facts.childId).registry = facts;
  for (const facts of education) of(facts.childId).education = facts;
  for (const facts of police) of(facts.childId).police = facts;
  for (const facts of health) of(facts.childId).health = facts;
  return [...children.values()];
}

/**
 * What the four agencies hold about the children of a township, joined by hub id in this
 * process's memory only: the facts are read for the check and dropped after it, never
 * written anywhere. The agencies are asked at the same time; each pages by child id.
 */
export async function readTownFacts(client: ExchangeClient, townCode: string): Promise<ChildFacts[]> {
  const [registry, education, police, health] = await Promise.all([
    readAll(client, 'registry', townCode),
    readAll(client, 'education', townCode),
    readAll(client, 'police', townCode),
    readAll(client, 'health', townCode),
  ]);
  return joinFacts(registry, education, police, health);
}
