import { badUserInput } from '@lbc/schema';
import { getVariableValues, Kind, typeFromAST, TypeInfo, valueFromAST, visit, visitWithTypeInfo, type GraphQLInputType } from 'graphql';
import { checkInputValue } from '../limits/input-values.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * Every input of the operation — variables and literal arguments — checked before
 * anything is decided or planned, with the same scalar definitions the subgraphs use: a
 * bad ID number, an 11-digit division code, `2024-02-30`, a NUL are BAD_USER_INPUT naming
 * the argument, and no subgraph is called. Variables are coerced here (their JSON types
 * and required-ness), so later stages and the executor see them as the schema declares.
 */
export function validateInputStage(): Stage {
  return {
    name: 'validate input',
    async run(request, next) {
      const schema = request.schema!;
      const operation = request.operation!;
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.body?.variables ?? {}, { maxErrors: 1 });
      if (coerced.errors) throw badUserInput(coerced.errors[0]!.message, { argumentName: variableIn(coerced.errors[0]!.message) });
      const variables = coerced.coerced;
      for (const definition of operation.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
        if (type && name in variables) checkInputValue(variables[name], type, `$${name}`);
      }
      const typeInfo = new TypeInfo(schema);
      visit(
        operation,
        visitWithTypeInfo(typeInfo, {
          Argument(node) {
            // Variables were checked above; literals (and variables nested in them) are checked here.
            if (node.value.kind === Kind.VARIABLE) return;
            const argument = typeInfo.getArgument();
            const field = typeInfo.getFieldDef();
            if (!argument) return;
            const value = valueFromAST(node.value, argument.type, variables);
            checkInputValue(value, argument.type, `${field?.name ?? typeInfo.getDirective()?.name ?? '?'}.${argument.name}`);
          },
        }),
      );
      request.body = { ...request.body, variables };
      return next();
    },
  };
}

function variableIn(message: string): string | undefined {
  return /Variable "(\$[A-Za-z_][A-Za-z0-9_]*)"/.exec(message)?.[1];
}
