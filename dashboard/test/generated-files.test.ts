import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateDashboardFiles } from '../codegen/generate-dashboard-files.ts';

/** dashboard/src/generated/ is committed so the app type-checks and builds without a codegen step; this keeps it honest. */
describe('dashboard generated files are up to date (run `pnpm dashboard:codegen`)', () => {
  it('match the API schema, the app’s operations and the disclosure rules, byte for byte', async () => {
    const expected = await generateDashboardFiles();
    expect(readdirSync(GENERATED_DIR).sort()).toEqual(expected.map((f) => f.name).sort());
    for (const file of expected) expect(readFileSync(GENERATED_DIR + file.name, 'utf8'), `${file.name} is stale`).toBe(file.content);
  });
});
