export * from './error-catalogue.ts';
export * from './hub-error.ts';
export * from './errors.ts';
