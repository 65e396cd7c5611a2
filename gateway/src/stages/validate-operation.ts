import { hubError } from '@lbc/schema';
import { NoSchemaIntrospectionCustomRule, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Stage } from '../pipeline/stage.ts';

/**
 * The operation checked against the API schema (graphql-js's rules). In production
 * introspection is refused and "Did you mean …?" suggestions are cut from messages: both
 * would describe the schema to callers who may not read it. Invalid operations end here
 * with 400 GRAPHQL_VALIDATION_FAILED, every problem listed.
 *
 * The parse stage hands the same document object to every request with the same text, so
 * a document found valid against this schema is not validated again.
 */
export function validateOperationStage(getSchema: () => GraphQLSchema, options: { development: boolean }): Stage {
  const rules: ValidationRule[] = options.development ? [...specifiedRules] : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const valid = new WeakMap<GraphQLSchema, WeakSet<DocumentNode>>();
  return {
    name: 'validate',
    async run(request, next) {
      const schema = getSchema();
      request.schema = schema;
      let validForSchema = valid.get(schema);
      if (validForSchema?.has(request.document!)) return next();
      const problems = validate(schema, request.document!, rules, { maxErrors: 20 });
      if (problems.length) {
        return {
          errors: problems.map((problem) => hubError('GRAPHQL_VALIDATION_FAILED', options.development ? problem.message : withoutSuggestions(problem.message))),
        };
      }
      if (!validForSchema) valid.set(schema, (validForSchema = new WeakSet()));
      validForSchema.add(request.document!);
      return next();
    },
  };
}

function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .+\?$/, '');
}
