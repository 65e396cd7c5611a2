export * from './test-database.ts';
export * from './test-principal.ts';
export * from './execute-as.ts';
export * from './subgraph-test-bed.ts';
export * from './exchange-delivery.ts';
