import { hubError } from '@lbc/schema';
import { NoSchemaIntrospectionCustomRule, specifiedRules, validate, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Stage } from '../pipeline/stage.ts';

/**
 * The operation checked against the API schema (graphql-js's rules). In production
 * introspection is refused and "Did you mean …?" suggestions are cut from messages: both
 * would describe the schema to callers who may not read it. Invalid operations end here
 * with 400 GRAPHQL_VALIDATION_FAILED, every problem listed.
 */
export function validateOperationStage(getSchema: () => GraphQLSchema, options: { development: boolean }): Stage {
  const rules: ValidationRule[] = options.development ? [...specifiedRules] : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  return {
    name: 'validate',
    async run(request, next) {
      const schema = getSchema();
      request.schema = schema;
      const problems = validate(schema, request.document!, rules, { maxErrors: 20 });
      if (problems.length) {
        return {
          errors: problems.map((problem) => hubError('GRAPHQL_VALIDATION_FAILED', options.development ? problem.message : withoutSuggestions(problem.message))),
        };
      }
      return next();
    },
  };
}

function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .+\?$/, '');
}
