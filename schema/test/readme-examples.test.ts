import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSchemaFromSupergraph, explainAccess, fieldOwners, type AdminLevel, type Agency, type Purpose } from '../src/index.ts';

/**
 * The README's worked examples (one per agency and per level) are a table; this reads the
 * table out of README.md and checks every cell against the planner the gateway runs, so
 * the documentation cannot drift from the policy.
 */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SUPERGRAPH = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const QUERY = `query($idNumber: IdNumber!) {
  child(id: "LB000002427") { name idNumber guardian { phone } riskFlags { guardianMissing } mentalHealthScreenings { edges { node { risk } } } }
  childByIdNumber(idNumber: $idNumber) { id }
}`;
const COLUMNS = ['Query.child', 'Child.name', 'Child.idNumber', 'Child.guardian', 'Child.riskFlags', 'Child.mentalHealthScreenings', 'Query.childByIdNumber'];

function exampleRows(): string[][] {
  const table = README.split('<!-- access-examples:start')[1]?.split('<!-- access-examples:end')[0];
  if (!table) throw new Error('README.md has no access-examples table');
  return table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| agency') && !line.startsWith('|---'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('README worked examples', () => {
  const apiSchema = apiSchemaFromSupergraph(SUPERGRAPH);
  const owners = fieldOwners(SUPERGRAPH);
  const rows = exampleRows();

  it('cover every agency and every level', () => {
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['civil_affairs', 'education', 'police', 'health', 'justice', 'youth_league', 'womens_federation', 'audit']));
    expect(new Set(rows.map((r) => r[1]!.split(' ')[0]))).toEqual(new Set(['province', 'city', 'county', 'town', 'village']));
  });

  it.each(rows.map((r) => [r.slice(0, 3).join(' / '), r]))('%s: every cell is what the policy decides', (_label, row) => {
    const [agency, place, purpose, ...effects] = row as string[];
    const [level, region] = place!.split(' ');
    const { fields } = explainAccess(
      apiSchema,
      owners,
      QUERY,
      {},
      { principal: { subject: 's', issuer: 'i', agency: agency as Agency, level: level as AdminLevel, region: region!, roles: [] }, purpose: purpose as Purpose },
    );
    expect(COLUMNS.map((c) => fields.find((f) => f.coordinate === c)!.effect)).toEqual(effects);
  });
});
