import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { regionReference } from '../src/entities/region-reference.ts';
import { visibleOrForbidden, visibleOrNotFound } from '../src/jurisdiction/scoped-row.ts';
import { regionWithinScope, scopeOf } from '../src/jurisdiction/scope.ts';
import { pageWindow } from '../src/pagination/page-window.ts';
import { testPrincipal } from '../src/testing/test-principal.ts';

const scope = scopeOf(testPrincipal({ level: 'county', region: '431003' }), 'civil_affairs');

/** One field per error the kit raises while a field resolves. */
const RAISERS: Record<string, () => unknown> = {
  forbiddenRow: () => visibleOrForbidden({ in_scope: false }, 'child LB1'),
  notFoundRow: () => visibleOrNotFound(null, 'child'),
  forbiddenRegion: () => regionWithinScope(scope, '110105'),
  badPageSize: () => pageWindow({ first: 0 }, 1),
  badCursor: () => pageWindow({ after: 'not-a-cursor' }, 1),
  badRegionReference: () => regionReference({ code: '12345' }),
};

describe('errors raised while fields resolve', () => {
  it('null their field and leave the subgraph answering HTTP 200 with the rest of the data', async () => {
    const fields = Object.keys(RAISERS);
    const server = new ApolloServer({
      typeDefs: `type Query { ok: Int ${fields.map((field) => `${field}: Int`).join(' ')} }`,
      resolvers: { Query: { ok: () => 1, ...Object.fromEntries(fields.map((field) => [field, async () => RAISERS[field]!()])) } },
    });
    await server.start();
    try {
      for (const field of fields) {
        const response = await server.executeOperation({ query: `{ ok ${field} }` });
        // Unset means 200; a catalogue status here would make the gateway take the answer for a failed fetch.
        expect(response.http.status, field).toBeUndefined();
        const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
        expect(result?.data, field).toEqual({ ok: 1, [field]: null });
        expect(result?.errors?.[0]?.extensions?.code, field).toMatch(/^(FORBIDDEN|NOT_FOUND|BAD_USER_INPUT)$/);
      }
    } finally {
      await server.stop();
    }
  });
});
