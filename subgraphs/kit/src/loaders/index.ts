export * from './keyed-loader.ts';
export * from './paged-list-loader.ts';
export * from './region-ranges.ts';
export * from './page-loader-family.ts';
