export * from './api-schema.ts';
export * from './explain-access.ts';
export * from './field-owners.ts';
export * from './include-directives.ts';
export * from './inline-fragments.ts';
export * from './plan-access.ts';
export * from './record-scope.ts';
