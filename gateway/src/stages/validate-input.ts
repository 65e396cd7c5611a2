import { badUserInput } from '@lbc/schema';
import {
  getVariableValues,
  Kind,
  typeFromAST,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { checkInputValue } from '../limits/input-values.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * Every input of the operation — variables and literal arguments — checked before
 * anything is decided or planned, with the same scalar definitions the subgraphs use: a
 * bad ID number, an 11-digit division code, `2024-02-30`, a NUL are BAD_USER_INPUT naming
 * the argument, and no subgraph is called. Variables are coerced here (their JSON types
 * and required-ness), so later stages and the executor see them as the schema declares.
 *
 * Where the literals sit, and their types, is a property of the operation: found once per
 * operation (the parse stage shares one per operation text), their values checked per request.
 */
export function validateInputStage(): Stage {
  const literalsOf = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, LiteralArgument[]>>();
  const literals = (schema: GraphQLSchema, operation: OperationDefinitionNode) => {
    let forSchema = literalsOf.get(schema);
    if (!forSchema) literalsOf.set(schema, (forSchema = new WeakMap()));
    let found = forSchema.get(operation);
    if (!found) forSchema.set(operation, (found = literalArguments(schema, operation)));
    return found;
  };
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
      for (const literal of literals(schema, operation)) checkInputValue(valueFromAST(literal.value, literal.type, variables), literal.type, literal.label);
      request.body = { ...request.body, variables };
      return next();
    },
  };
}

/** A literal argument of the operation (a value written in the text, perhaps holding variables), with its declared type. */
interface LiteralArgument {
  value: ValueNode;
  type: GraphQLInputType;
  /** How errors name it: `field.argument`. */
  label: string;
}

function literalArguments(schema: GraphQLSchema, operation: OperationDefinitionNode): LiteralArgument[] {
  const found: LiteralArgument[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        // Variables are checked as variables; literals (and variables nested in them) here.
        if (node.value.kind === Kind.VARIABLE) return;
        const argument = typeInfo.getArgument();
        if (!argument) return;
        found.push({ value: node.value, type: argument.type, label: `${typeInfo.getFieldDef()?.name ?? typeInfo.getDirective()?.name ?? '?'}.${argument.name}` });
      },
    }),
  );
  return found;
}

function variableIn(message: string): string | undefined {
  return /Variable "(\$[A-Za-z_][A-Za-z0-9_]*)"/.exec(message)?.[1];
}
