export * from './apply-events.ts';
export * from './apply-place-events.ts';
export * from './assert-exchange.ts';
export * from './exchange-schema.ts';
export * from './quality-facts-page.ts';
export * from './read-outbox.ts';
