export * from './rollup-definition.ts';
export * from './rollup-ddl.ts';
export * from './rollup-control.ts';
export * from './rebuild-rollups.ts';
export * from './check-rollups.ts';
export * from './sum-rollup.ts';
