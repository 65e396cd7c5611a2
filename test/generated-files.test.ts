import { generate } from '@graphql-codegen/cli';
import { SUPERGRAPH_PATH, composeSupergraph } from '@lbc/scripts/supergraph/compose-supergraph';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config, { SUBGRAPH_CODEGEN } from '../codegen.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Generated files are committed so the code reads and type-checks without a build step; these tests keep them honest. */
describe('generated files are up to date', () => {
  it('schema/supergraph.graphql is the composition of the subgraph schemas (run `pnpm compose`)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });

  it('every subgraph resolver-types file matches its schema (run `pnpm codegen`)', async () => {
    const outputs = await generate({ ...config, cwd: ROOT }, false);
    expect(outputs.map((o: { filename: string }) => o.filename.replace(ROOT, '')).sort()).toEqual(
      Object.keys(SUBGRAPH_CODEGEN)
        .map((dir) => `subgraphs/${dir}/src/generated/resolvers-types.ts`)
        .sort(),
    );
    for (const { filename, content } of outputs) {
      expect(readFileSync(`${ROOT}${filename.replace(ROOT, '')}`, 'utf8'), `${filename} is stale`).toBe(content);
    }
  });
});
