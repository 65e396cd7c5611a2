import { discoveryFor, violatedRules, type ChildFacts, type QualityContext } from '@lbc/schema';
import { randomUUID } from 'node:crypto';
import type { AuditSink } from '../audit/commit-entry.ts';
import type { ExchangeClient } from '../exchange/exchange-client.ts';
import { qualityAuditRecords } from './quality-audit-records.ts';
import { readTownFacts } from './town-facts.ts';

/** What one check recorded. */
export interface TownCheckOutcome {
  children: number;
  opened: number;
  resolved: number;
  open: number;
  discovered: number;
}

const RECORD = `mutation Record($input: _QualityCheckInput!) { _recordQualityCheck(input: $input) { opened resolved open discovered } }`;

/** The findings and discoveries of a township's children: the rules applied, nothing else kept. */
export function evaluateTown(children: readonly ChildFacts[], context: QualityContext, townCode: string) {
  const findings: { childId: string; rule: string; villageCode: string }[] = [];
  const discoveries: { childId: string; rule: string; villageCode: string }[] = [];
  for (const facts of children) {
    if (facts.registry) {
      // The registry places the child; a child it holds elsewhere (moved away since) is that township's.
      if (!facts.registry.villageCode.startsWith(townCode)) continue;
      for (const rule of violatedRules(facts, context)) findings.push({ childId: facts.childId, rule, villageCode: facts.registry.villageCode });
      continue;
    }
    const found = discoveryFor(facts);
    if (found && found.villageCode.startsWith(townCode)) discoveries.push({ childId: facts.childId, rule: found.rule.id, villageCode: found.villageCode });
  }
  return { findings, discoveries };
}

/**
 * Checks one township: reads the four agencies' facts about its children, applies every
 * rule, and records the result in the hand-off subgraph (findings opened, seen again or
 * resolved; children discovered handed to the township). What it discloses is audited
 * first, fail-closed: a check whose entries cannot be committed records nothing.
 */
export async function checkTown(client: ExchangeClient, audit: AuditSink, townCode: string, context: QualityContext & { checkedAt: Date; answersRequestOf?: Date | null }): Promise<TownCheckOutcome> {
  const children = await readTownFacts(client, townCode);
  const { findings, discoveries } = evaluateTown(children, context, townCode);
  const requestId = `quality-${randomUUID()}`;
  for (const record of qualityAuditRecords({ townCode, findings, discoveries }, requestId, new Date())) await audit.append(record);
  const input = { townCode, checkedAt: context.checkedAt.toISOString(), answersRequestOf: context.answersRequestOf?.toISOString() ?? null, findings, discoveries };
  const data = await client.call<{ _recordQualityCheck: Omit<TownCheckOutcome, 'children'> }>('handoffs', RECORD, { input });
  return { children: children.length, ...data._recordQualityCheck };
}
