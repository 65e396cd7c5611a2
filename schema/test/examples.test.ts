import { parse, validate } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSchemaFromSupergraph } from '../src/index.ts';

const EXAMPLES = new URL('../examples/', import.meta.url);
const api = apiSchemaFromSupergraph(readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8'));

// The README points readers at these files: each must run against the graph as it is.
describe('schema/examples', () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql'))) {
    it(`${file} is valid against the supergraph's API`, () => {
      const errors = validate(api, parse(readFileSync(new URL(file, EXAMPLES), 'utf8')));
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }
});
