export * from './division-files.ts';
export * from './load-regions.ts';
