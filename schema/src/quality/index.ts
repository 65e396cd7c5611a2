export * from './quality-facts.ts';
export * from './quality-rules.ts';
export * from './discovery-rules.ts';
