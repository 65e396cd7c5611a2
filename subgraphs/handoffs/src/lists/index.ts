export * from './work-queue.ts';
export * from './sent-handoffs.ts';
export * from './hotline-tickets.ts';
