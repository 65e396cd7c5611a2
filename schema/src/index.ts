export * from './identifiers/id-number.ts';
export * from './identifiers/mask-identifier.ts';
export * from './identifiers/division-code.ts';
export * from './scalars/index.ts';
export * from './principal.ts';
export * from './internal-token.ts';
export * from './policy/index.ts';
export * from './subgraph-agency.ts';
