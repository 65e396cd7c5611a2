/**
 * pnpm compose           writes schema/supergraph.graphql
 * pnpm compose --check   exits 1 if the committed supergraph is stale
 * pnpm compose --only civil-affairs,health   composes a subset and prints it (never writes)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SUPERGRAPH_PATH, composeSupergraph } from './supergraph/compose-supergraph.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean' }, only: { type: 'string' } } });

try {
  if (values.only) {
    process.stdout.write(composeSupergraph(values.only.split(',')));
  } else {
    const sdl = composeSupergraph();
    if (values.check) {
      const committed = readFileSync(SUPERGRAPH_PATH, 'utf8');
      if (committed !== sdl) {
        console.error('schema/supergraph.graphql is stale: run `pnpm compose` and commit it');
        process.exit(1);
      }
      console.error('schema/supergraph.graphql is up to date');
    } else {
      writeFileSync(SUPERGRAPH_PATH, sdl);
      console.error(`wrote ${SUPERGRAPH_PATH}`);
    }
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
