export * from './field-class.ts';
export * from './field-classes.ts';
export * from './classify.ts';
export * from './decide.ts';
export * from './counted-facts.ts';
export * from './lookup-rules.ts';
export * from './action-rules.ts';
