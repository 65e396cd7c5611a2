export * from './write-tables.ts';
export * from './write-change.ts';
export * from './hub-event.ts';
export * from './input-checks.ts';
export * from './write-transaction.ts';
export * from './run-write.ts';
export * from './update-versioned.ts';
export * from './record-for-write.ts';
