export * from './apply-events.ts';
export * from './apply-place-events.ts';
export * from './exchange-schema.ts';
export * from './read-outbox.ts';
