import { Ajv, type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Compose Specification's JSON schema, the copy the `dclint` package ships (kept current
 * with the specification; only the schema is used here, not dclint's style rules).
 */
function composeSchema(): object {
  const dclint = dirname(createRequire(import.meta.url).resolve('dclint/package.json'));
  return JSON.parse(readFileSync(join(dclint, 'schemas/compose.schema.json'), 'utf8')) as object;
}

let validate: ReturnType<Ajv['compile']> | undefined;

/** Ajv with the draft-07 meta-schema also under the https address the specification's schema names. */
function composeValidator(): ReturnType<Ajv['compile']> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const draft07 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as { $id: string };
  ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
  return ajv.compile(composeSchema());
}

/** Every way `compose` (a parsed compose file) breaks the Compose Specification, as `path: message` lines; none when it conforms. */
export function validateCompose(compose: unknown): string[] {
  validate ??= composeValidator();
  if (validate(compose)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const extra = error.keyword === 'additionalProperties' ? ` (${(error.params as { additionalProperty: string }).additionalProperty})` : '';
  return `${where}: ${error.message ?? error.keyword}${extra}`;
}
