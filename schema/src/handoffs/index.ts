export * from './handoff-kinds.ts';
export * from './handoff-states.ts';
export * from './handoff-clocks.ts';
export * from './escalation.ts';
export * from './handoff-id.ts';
export * from './handoff-party.ts';
