export * from './synthetic-child.ts';
export * from './generate-child.ts';
export * from './places.ts';
export * from './id-number-issuer.ts';
export * from './random.ts';
