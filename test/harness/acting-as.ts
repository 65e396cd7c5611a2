import type { Principal, Purpose } from '@lbc/schema';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Hub } from './start-hub.ts';

/** An operation run as one principal, answering its data; any error fails the test. */
export type Caller = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** A caller acting as `principal` through the gateway: each operation its own Idempotency-Key, and no error allowed. */
export async function actingAs(hub: Hub, principal: Partial<Principal>, purpose: Purpose = 'CASE_MANAGEMENT'): Promise<Caller> {
  const token = await hub.token(principal);
  return async (query, variables = {}) => {
    const response = await hub.query(token, query, variables, { 'x-lbc-purpose': purpose, 'idempotency-key': randomUUID() });
    expect(response.body.errors, `${JSON.stringify(principal)}: ${JSON.stringify(response.body.errors)}`).toBeUndefined();
    return response.body.data;
  };
}

/** One operation of a file in schema/examples/: the README's examples are what the tests run. */
export function exampleOperation(file: string, name: string): string {
  const document = parse(readFileSync(new URL(`../../schema/examples/${file}.graphql`, import.meta.url), 'utf8'));
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`schema/examples/${file}.graphql has no operation ${name}`);
  return print(operation);
}
